/**
 * Quiet hours in the sidebar's form (src/app/settings/client/quiet-hours-panel.ts).
 */
import { configObject, formFrom } from '../../../../src/app/settings/client/form';
import {
  newQuietHours,
  quietFrom,
  quietHtml,
  quietJson,
} from '../../../../src/app/settings/client/quiet-hours-panel';

const PLACE = { a: 'entries.1.', p: 'sheets[1].', labels: ['Priority'], sheet: 'Bugs' };

describe('quiet hours in the form', () => {
  it('keeps them through the form, at the top level and per sheet', () => {
    const quietHours = {
      from: '19:00',
      to: '08:00',
      days: ['mon', 'fri'],
      except: [{ column: 'Priority', equals: 'Urgent' }],
    };
    expect(configObject(formFrom({ quietHours }, 5))).toEqual({ scheduleMinutes: 5, quietHours });
    const listed = { sheets: [{ sheet: 'A' }, { sheet: 'B', quietHours }] };
    expect(configObject(formFrom(listed, 5))).toEqual({ scheduleMinutes: 5, ...listed });
  });

  it('none set: no key; set: from and to as typed, every day left out', () => {
    expect(quietJson([])).toBeUndefined();
    expect(quietJson([newQuietHours()])).toEqual({ from: '19:00', to: '08:00' });
    expect(quietFrom('19:00')).toEqual([]);
  });

  it('offers to set them when unset, and shows the fields at their paths when set', () => {
    expect(quietHtml([], PLACE)).toContain(
      'data-action="add-quiet" data-list="entries.1.quietHours"',
    );
    const html = quietHtml([newQuietHours()], PLACE);
    ['sheets[1].quietHours.from', 'sheets[1].quietHours.to', 'sheets[1].quietHours.days'].forEach(
      (path) => expect(html).toContain(`data-path="${path}"`),
    );
    expect(html).toContain('data-bind="entries.1.quietHours.0.from"');
    expect(html).toContain('data-list="entries.1.quietHours.0.except"');
    expect(html).toContain('data-action="remove" data-list="entries.1.quietHours" data-index="0"');
  });
});
