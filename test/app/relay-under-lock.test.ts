import { Button } from '../../local/runtime/services';
import {
  LOCK_WAIT_MS,
  RunOutcome,
  confirmed,
  menuReport,
  progressToaster,
  relayUnderLock,
  throwIfMisconfigured,
} from '../../src/app/relay-under-lock';
import { DEFAULT_LIMITS } from '../../src/relay/run';
import { emptySummary } from '../../src/relay/summary';
import { appRig } from '../support/rig';
import { column } from '../support/tables';

const TICKETS = [
  ['ID', 'Title'],
  ['T-1', 'Printer'],
  ['T-2', 'Badge'],
];
const due = () => ({ kind: 'due' as const });

describe('relayUnderLock', () => {
  it('takes the script lock, waiting as long as its origin allows, and releases it', () => {
    for (const origin of ['menu', 'scheduled', 'formSubmit'] as const) {
      const rig = appRig();
      rig.workbook.addSheet('Tickets', TICKETS);
      const lock = rig.locks.getScriptLock();
      const tryLock = jest.spyOn(lock, 'tryLock');
      const outcome = relayUnderLock(rig.services, {
        startedAt: rig.clock.now(),
        origin,
        select: due,
      });
      expect(outcome.kind).toBe('done');
      expect(tryLock).toHaveBeenCalledWith(LOCK_WAIT_MS[origin]);
      expect(rig.locks.holder).toBeNull();
    }
    expect(LOCK_WAIT_MS).toEqual({
      scheduled: expect.any(Number),
      formSubmit: 30000,
      menu: 5000,
      action: 1000,
    });
  });

  it('is busy when another run holds the lock, and touches no sheet', () => {
    const rig = appRig();
    const sheet = rig.workbook.addSheet('Tickets', TICKETS);
    rig.locks.holdForOtherExecution();
    expect(
      relayUnderLock(rig.services, { startedAt: rig.clock.now(), origin: 'menu', select: due }),
    ).toEqual({ kind: 'busy' });
    expect(sheet.displayRows()[0]).toEqual(['ID', 'Title']);
    expect(rig.http.requests).toEqual([]);
  });

  it('reads the configuration once, before taking the lock, and refuses a bad one', () => {
    const rig = appRig({ properties: () => ({ CHAT_RELAY_CONFIG: '[]' }) });
    rig.workbook.addSheet('Tickets', TICKETS);
    const getProperties = jest.spyOn(rig.properties, 'getProperties');
    expect(
      relayUnderLock(rig.services, { startedAt: rig.clock.now(), origin: 'menu', select: due }),
    ).toEqual({
      kind: 'misconfigured',
      // A settings problem stops there: the webhooks are not checked yet.
      problems: ['CHAT_RELAY_CONFIG must be a JSON object, not an array'],
    });
    expect(getProperties).toHaveBeenCalledTimes(1);
    expect(rig.touched.lock).toBe(0);
  });

  it('refuses to run when every webhook in use is unusable', () => {
    const rig = appRig({ properties: () => ({ CHAT_WEBHOOK_URL: 'https://example.com/hook' }) });
    rig.workbook.addSheet('Tickets', TICKETS);
    const outcome = relayUnderLock(rig.services, {
      startedAt: rig.clock.now(),
      origin: 'menu',
      select: due,
    });
    expect(outcome).toEqual({
      kind: 'misconfigured',
      problems: [
        'CHAT_WEBHOOK_URL is not a Chat webhook URL: must start with https://chat.googleapis.com (another scheme, host or port was given)',
      ],
    });
    expect(rig.touched.lock).toBe(0);
  });

  it('refuses a request about a sheet it does not follow', () => {
    const rig = appRig();
    rig.workbook.addSheet('Tickets', TICKETS);
    const notes = rig.workbook.addSheet('Notes', [['Note'], ['n']]);
    expect(
      relayUnderLock(rig.services, {
        startedAt: rig.clock.now(),
        origin: 'menu',
        select: due,
        sheet: notes,
      }),
    ).toEqual({
      kind: 'not-followed',
      sheet: 'Notes',
      followed: ['Tickets'],
    });
    expect(rig.locks.holder).toBeNull();
  });

  it('commits its writes (flush) before releasing the lock, and only when it wrote', () => {
    const rig = appRig();
    rig.workbook.addSheet('Tickets', TICKETS);
    relayUnderLock(rig.services, { startedAt: rig.clock.now(), origin: 'menu', select: due });
    expect(rig.workbook.calls.byMethod['SpreadsheetApp.flush']).toBe(2);
    rig.workbook.calls.reset();
    relayUnderLock(rig.services, { startedAt: rig.clock.now(), origin: 'menu', select: due });
    expect(rig.workbook.calls.byMethod['SpreadsheetApp.flush']).toBeUndefined();
  });

  it('leaves out the sheets the request selects nothing of', () => {
    const rig = appRig({
      properties: (hook) => ({
        CHAT_WEBHOOK_URL: hook('AAAA'),
        CHAT_RELAY_CONFIG: JSON.stringify({ sheets: [{ sheet: 'A' }, { sheet: 'B' }] }),
      }),
    });
    rig.workbook.addSheet('A', TICKETS);
    const b = rig.workbook.addSheet('B', TICKETS);
    const outcome = relayUnderLock(rig.services, {
      origin: 'menu',
      startedAt: rig.clock.now(),
      select: (_table, sheet) => (sheet.getName() === 'A' ? due() : null),
    });
    expect(outcome.kind === 'done' && outcome.report.sheets.map((s) => s.sheet)).toEqual(['A']);
    expect(outcome.kind === 'done' && outcome.followed).toEqual(['A', 'B']);
    expect(column(b, 'Chat Status')).toEqual(['', '']);
  });

  it('keeps the pace of the run before it: the first POST waits a second after the lock', () => {
    const rig = appRig();
    rig.workbook.addSheet('Tickets', TICKETS);
    const start = rig.clock.now();
    relayUnderLock(rig.services, { startedAt: rig.clock.now(), origin: 'scheduled', select: due });
    expect(rig.http.requests[0].at - start).toBeGreaterThanOrEqual(1000);
  });

  it("counts its time budget from the request's startedAt, not from when it is called", () => {
    const rig = appRig();
    rig.workbook.addSheet('Tickets', TICKETS);
    const outcome = relayUnderLock(rig.services, {
      origin: 'menu',
      startedAt: rig.clock.now() - DEFAULT_LIMITS.budgetMs,
      select: due,
    });
    expect(rig.http.requests).toEqual([]);
    expect(outcome.kind === 'done' && outcome.report.stopped).toEqual([{ kind: 'time-limit' }]);
  });

  it('logs what the run did, naming who started it', () => {
    const rig = appRig();
    rig.workbook.addSheet('Tickets', TICKETS);
    relayUnderLock(rig.services, { startedAt: rig.clock.now(), origin: 'formSubmit', select: due });
    expect(rig.logs.lines).toContain(
      'Chat Relay formSubmit run: Sheet "Tickets": Sent 2 messages.',
    );
  });
});

describe('throwIfMisconfigured', () => {
  const done = (
    more: Partial<Extract<RunOutcome, { kind: 'done' }>['report']> = {},
  ): RunOutcome => ({
    kind: 'done',
    followed: ['Tickets'],
    notes: [],
    report: { sheets: [emptySummary('Tickets')], stopped: [], refused: [], broken: [], ...more },
  });

  it('throws for a misconfiguration or a webhook in trouble, never for busy or done', () => {
    expect(() => throwIfMisconfigured({ kind: 'misconfigured', problems: ['a', 'b'] })).toThrow(
      'Chat Relay is misconfigured: a; b',
    );
    expect(() =>
      throwIfMisconfigured(
        done({ broken: [{ webhook: 'X', message: 'CHAT_WEBHOOK_URL_X is empty' }] }),
      ),
    ).toThrow(
      'Chat Relay: CHAT_WEBHOOK_URL_X is empty. Rows routed to it stay PENDING until it is fixed.',
    );
    expect(() => throwIfMisconfigured({ kind: 'busy' })).not.toThrow();
    expect(() => throwIfMisconfigured(done())).not.toThrow();
    expect(() =>
      throwIfMisconfigured({ kind: 'not-followed', sheet: 'x', followed: [] }),
    ).not.toThrow();
  });
});

describe('menuReport', () => {
  it('words each outcome for an alert', () => {
    expect(menuReport({ kind: 'busy' }, 'send pending rows')).toMatch(/^Another Chat Relay run/);
    expect(menuReport({ kind: 'misconfigured', problems: ['p'] }, 'send pending rows')).toBe(
      'Chat Relay cannot send pending rows: nothing was sent.\n\n• p',
    );
    expect(menuReport({ kind: 'not-followed', sheet: 'N', followed: ['T'] }, 'x')).toMatch(
      /^Chat Relay does not follow sheet "N"/,
    );
    expect(
      menuReport(
        {
          kind: 'done',
          followed: ['T'],
          notes: [],
          report: { sheets: [emptySummary('T')], stopped: [], refused: [], broken: [] },
        },
        'x',
      ),
    ).toBe('Chat Relay, sheet "T": Nothing to send: every row is up to date.');
  });

  it('says how many messages quiet hours hold, until when, and how to send a row now', () => {
    const quiet = { ...emptySummary('T'), planned: 2, heldForQuietHours: 2, quietUntil: '08:00' };
    expect(
      menuReport(
        {
          kind: 'done',
          followed: ['T'],
          notes: ['a note'],
          report: { sheets: [quiet], stopped: [], refused: [], broken: [] },
        },
        'x',
      ),
    ).toBe(
      'Chat Relay, sheet "T": 2 messages held until 08:00 (quiet hours).\n\nQuiet hours: to send a row now anyway, select it and use Chat Relay → Send selected rows.\n\nNote: a note',
    );
  });
});

describe('progressToaster', () => {
  it('toasts at most every few seconds, and always the last count', () => {
    const rig = appRig();
    const toast = progressToaster(rig.services, 3000);
    toast(1, 5);
    rig.clock.advance(1000);
    toast(2, 5);
    rig.clock.advance(2500);
    toast(3, 5);
    toast(5, 5);
    expect(rig.workbook.toasts.map((t) => t.msg)).toEqual([
      'Sent 1 of 5…',
      'Sent 3 of 5…',
      'Sent 5 of 5…',
    ]);
  });
});

describe('confirmed', () => {
  it('is true on Yes; on No it says what was declined', () => {
    const rig = appRig();
    expect(confirmed(rig.services, 'Go?', 'Nothing done.')).toBe(true);
    rig.ui.alertAnswers.push(Button.NO);
    expect(confirmed(rig.services, 'Go again?', 'Nothing done.')).toBe(false);
    expect(rig.shown.alerts).toEqual(['Go?', 'Go again?', 'Nothing done.']);
  });
});
