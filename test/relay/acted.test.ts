/**
 * Who acted from Chat (src/relay/acted.ts): the row's update names the person
 * only when the row holds what the action wrote and the update shows a cell
 * it wrote; the record goes once such values are delivered, or after a day.
 */
import { ACTION_RECORD_MS, actedFrom, settleAction } from '../../src/relay/acted';
import { pastParticiple } from '../../src/relay/compose/action-words';
import { actionDone } from '../../src/relay/compose/template';
import { ActionRecord, Ledger, valueOfKept } from '../../src/relay/ledger-codec';

const AT = Date.UTC(2026, 0, 2, 10, 0, 0);

const RECORD: ActionRecord = {
  label: 'Claim',
  user: 'ana@example.com',
  at: AT,
  values: { Owner: 'ana@example.com', Status: 'Claimed' },
  dated: ['Claimed at'],
};

function ledger(action: ActionRecord | null = RECORD): Ledger {
  return {
    rowId: 'r1',
    sendCount: 1,
    requestId: 'q',
    sendingVersion: 'v',
    delivered: {},
    deliveredPartial: false,
    threadKey: 't',
    webhook: 'DEFAULT',
    sendingValues: null,
    visible: null,
    ...(action ? { action } : {}),
  };
}

const CLAIMED = {
  Owner: 'ana@example.com',
  Status: 'Claimed',
  'Claimed at': '1/2/2026 10:00',
  Title: 'x',
};
const OWNER_CHANGE = [{ label: 'Owner', before: '', after: 'ana@example.com' }];

describe('actedFrom', () => {
  it('names who acted when the row holds what the action wrote and a written cell changed', () => {
    expect(actedFrom(ledger(), OWNER_CHANGE, valueOfKept(CLAIMED), AT + 1000)).toEqual({
      action: 'Claim',
      user: 'ana@example.com',
    });
  });

  it.each<[string, Ledger | null, Record<string, string>, number, typeof OWNER_CHANGE]>([
    ['no ledger', null, CLAIMED, AT, OWNER_CHANGE],
    ['no record', ledger(null), CLAIMED, AT, OWNER_CHANGE],
    [
      'a cell written differently since',
      ledger(),
      { ...CLAIMED, Owner: 'bo@example.com' },
      AT,
      OWNER_CHANGE,
    ],
    [
      'the date cell empty (the cells never written)',
      ledger(),
      { ...CLAIMED, 'Claimed at': '' },
      AT,
      OWNER_CHANGE,
    ],
    [
      'only another column changed',
      ledger(),
      CLAIMED,
      AT,
      [{ label: 'Title', before: 'a', after: 'x' }],
    ],
    ['a record over a day old', ledger(), CLAIMED, AT + ACTION_RECORD_MS + 1, OWNER_CHANGE],
  ])('names nobody with %s', (_, l, values, now, changes) => {
    expect(actedFrom(l, changes, valueOfKept(values), now)).toBeNull();
  });
});

describe('settleAction', () => {
  it('drops the record once values holding what it wrote are delivered', () => {
    const l = ledger();
    settleAction(l, { Owner: 'ana@example.com', Status: 'New', 'Claimed at': 'x' }, AT);
    expect(l.action).toEqual(RECORD);
    settleAction(l, CLAIMED, AT);
    expect(l.action).toBeUndefined();
  });

  it('drops a record over a day old', () => {
    const l = ledger();
    settleAction(l, {}, AT + ACTION_RECORD_MS + 1);
    expect(l.action).toBeUndefined();
  });
});

describe('actionDone', () => {
  it.each([
    ['Claim', 'claimed'],
    ['Resolve', 'resolved'],
    ['Acknowledge', 'acknowledged'],
    ['Ack', 'acknowledged'],
    ['ACK', 'acknowledged'],
    ['Stop', 'stopped'],
    ['Take', 'taken'],
    ['Take  over', 'taken over'],
    ['Done', 'done'],
    ['Cancel', 'cancelled'],
    ['Escalate', 'escalated'],
    ['Reopen', 'reopened'],
    ['Closed', 'closed'],
    ['Verify', 'verified'],
  ])('%s → %s (a verb it knows)', (label, done) => {
    expect(actionDone(label)).toBe(done);
  });

  it.each([
    // Labels no rule conjugates right: each stays as it is, quoted.
    ['Copy', '“Copy”'],
    ['Ship it', '“Ship it”'],
    ['Page the CTO', '“Page the CTO”'],
    ['Go', '“Go”'],
    ['Constructor', '“Constructor”'],
    ['toString', '“toString”'],
    ['Étiqueter', '“Étiqueter”'],
  ])('%s → %s (any other label, quoted)', (label, done) => {
    expect(actionDone(label)).toBe(done);
  });

  it('never conjugates by rule: no "stoped", "taked", "goed" or "runed"', () => {
    expect(['Stop', 'Take', 'Go', 'Run', 'Ship', 'Begin'].map(actionDone)).toEqual([
      'stopped',
      'taken',
      '“Go”',
      '“Run”',
      '“Ship”',
      '“Begin”',
    ]);
  });
});

describe('pastParticiple', () => {
  it('knows the common verbs of a ticket’s life and nothing else', () => {
    expect(pastParticiple('claim')).toBe('claimed');
    expect(pastParticiple('  Pick   up ')).toBe('picked up');
    expect(pastParticiple('hasOwnProperty')).toBeNull();
    expect(pastParticiple('Page the CTO')).toBeNull();
  });
});
