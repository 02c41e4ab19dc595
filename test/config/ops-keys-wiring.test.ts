/**
 * The keys of issue 16 take part in what is read and checked for every rule: their
 * conditions on dates and numbers make the sheet read its typed values (needsTypedValues),
 * and their `{{Column}}` mentions are checked against `people` (mentionTargetsOf).
 */
import { parseSettings } from '../../src/config/settings';
import { mentionTargetsOf, needsTypedValues } from '../../src/config/sheet-settings';

function defaults(config: Record<string, unknown>) {
  const parsed = parseSettings(JSON.stringify(config));
  if (!parsed.ok) throw new Error(parsed.error.map((p) => p.text).join('; '));
  return parsed.value.defaults;
}

const PAST_DUE = { column: 'Due', before: 'today' };
const PEOPLE = { people: { sheet: 'People', emailColumn: 'Email', idColumn: 'Chat user ID' } };

describe('conditions of reminders, digests and quietHours.except read typed values', () => {
  it.each([
    ['reminders', { reminders: [{ when: PAST_DUE, every: '1d' }] }],
    ['digests', { digests: [{ name: 'Late', at: '09:00', when: PAST_DUE }] }],
    ['quietHours.except', { quietHours: { from: '19:00', to: '08:00', except: PAST_DUE } }],
    ['a number', { reminders: [{ when: { column: 'Amount', greaterThan: 100 } }] }],
  ])('%s', (_key, config) => {
    expect(needsTypedValues(defaults(config))).toBe(true);
  });

  it('and only when a condition compares dates or numbers', () => {
    const status = { column: 'Status', equals: 'New' };
    expect(
      needsTypedValues(
        defaults({
          reminders: [{ when: status }],
          digests: [{ name: 'New', at: '09:00', when: status }],
          quietHours: { from: '19:00', to: '08:00', except: status },
        }),
      ),
    ).toBe(false);
  });
});

describe('mention targets of reminders and digests', () => {
  it('are listed with those of mentions, so that their {{Column}} entries are checked', () => {
    const settings = defaults({
      ...PEOPLE,
      mentions: [{ when: { column: 'Status', equals: 'New' }, mention: '{{Owner}}' }],
      reminders: [{ when: { column: 'Status', equals: 'New' }, mention: '{{Lead}}' }],
      digests: [{ name: 'New', at: '09:00', mention: ['all', '{{Manager}}'] }],
    });
    expect(mentionTargetsOf(settings).map((t) => t.columns.map((c) => [c.column, c.path]))).toEqual(
      [
        [['Owner', 'mentions[0].mention']],
        [['Lead', 'reminders[0].mention']],
        [['Manager', 'digests[0].mention[1]']],
      ],
    );
  });
});
