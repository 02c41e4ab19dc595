/**
 * A sheet's reminders in the sidebar's form (src/app/settings/client/reminders-panel.ts).
 */
import { configObject, formFrom } from '../../../../src/app/settings/client/form';
import {
  newReminder,
  remindersFrom,
  remindersHtml,
  remindersJson,
} from '../../../../src/app/settings/client/reminders-panel';

describe('the reminders in the form', () => {
  it('keeps the issue’s examples through the form', () => {
    const reminders = [
      { when: [{ column: 'Status', equals: 'New' }], after: '30m', mention: 'users/42' },
      {
        when: [
          { column: 'Due', before: 'today' },
          { column: 'Status', notEquals: 'Done' },
        ],
        every: '1d',
        mention: '{{Owner}}',
        text: 'Past due: {{Title}}, for {{_since}}',
      },
    ];
    expect(configObject(formFrom({ sheets: [{ sheet: 'T', reminders }] }, 5))).toEqual({
      scheduleMinutes: 5,
      sheets: [{ sheet: 'T', reminders }],
    });
  });

  it('leaves out what is left empty, and writes a mention list as a list', () => {
    const r = newReminder();
    r.when = [{ column: 'Status', op: 'equals', value: 'New' }];
    r.after = ' ';
    r.mention = 'users/1, {{Owner}}';
    expect(remindersJson([r])).toEqual([
      { when: [{ column: 'Status', equals: 'New' }], mention: ['users/1', '{{Owner}}'] },
    ]);
    expect(remindersFrom([{ when: { column: 'A', empty: true } }])[0].when).toEqual([
      { column: 'A', op: 'empty', value: 'true' },
    ]);
  });

  it('shows each field at its configuration path', () => {
    const html = remindersHtml([newReminder()], {
      a: 'entries.0.',
      p: '',
      labels: ['Status'],
      sheet: 'Tickets',
    });
    [
      'reminders[0].after',
      'reminders[0].every',
      'reminders[0].text',
      'reminders[0].when[0]',
    ].forEach((path) => expect(html).toContain(`data-path="${path}"`));
    expect(html).toContain('data-action="add-reminder" data-list="entries.0.reminders"');
  });
});
