import {
  TITLE,
  WORDS,
  bullets,
  describeReport,
  describeStop,
  describeSummary,
  plural,
  safe,
} from '../../src/app/wording';
import { RunReport, SheetSummary, emptySummary } from '../../src/relay/summary';
import { KEY, TOKEN, expectNoSecrets, webhookUrl } from '../support/rig';

const summary = (counts: Partial<SheetSummary>, sheet = 'Tickets'): SheetSummary => ({
  ...emptySummary(sheet),
  ...counts,
});
const report = (sheets: SheetSummary[], more: Partial<RunReport> = {}): RunReport => ({
  sheets,
  stopped: [],
  refused: [],
  broken: [],
  ...more,
});

describe('plural and bullets', () => {
  it('counts in words', () => {
    expect(plural(1, 'row')).toBe('1 row');
    expect(plural(0, 'row')).toBe('0 rows');
    expect(plural(2, 'message')).toBe('2 messages');
    expect(bullets(['a', 'b'])).toBe('• a\n• b');
  });
});

describe('describeSummary', () => {
  it('says how many messages quiet hours hold, and until when', () => {
    expect(
      describeSummary(summary({ planned: 3, heldForQuietHours: 3, quietUntil: '08:00' })),
    ).toBe('3 messages held until 08:00 (quiet hours).');
    expect(
      describeSummary(
        summary({ planned: 3, sent: 1, heldForQuietHours: 2, quietUntil: 'Mon 00:00' }),
      ),
    ).toBe('Sent 1 message, 2 messages held until Mon 00:00 (quiet hours).');
    expect(
      describeSummary(summary({ planned: 1, heldForQuietHours: 1, quietUntil: '08:00' })),
    ).toBe('1 message held until 08:00 (quiet hours).');
  });

  it('says when there is nothing to do', () => {
    expect(describeSummary(summary({}))).toBe('Nothing to send: every row is up to date.');
  });

  it('counts reminders beside the messages, and alone when only reminders went out', () => {
    expect(describeSummary(summary({ planned: 3, sent: 2, reminded: 1 }))).toBe(
      'Sent 2 messages and 1 reminder in its row’s thread.',
    );
    expect(describeSummary(summary({ planned: 2, reminded: 2 }))).toBe(
      'Sent 2 reminders in their rows’ threads.',
    );
    expect(describeSummary(summary({ planned: 2, reminded: 1, quiet: 1 }))).toBe(
      'Sent 1 reminder in its row’s thread, 1 row updated without a message (no watched column changed).',
    );
  });

  it('names every count of a sheet, in one sentence', () => {
    expect(
      describeSummary(
        summary({
          planned: 12,
          sent: 3,
          moved: 1,
          pending: 2,
          failed: 1,
          marked: 1,
          quiet: 2,
          rebuilt: 1,
          held: 1,
          notReached: 1,
          waiting: 2,
        }),
      ),
    ).toBe(
      'Sent 3 messages, 1 row moved to another space (a note was left in the old thread), 2 PENDING (Chat failed for now; retried by the next run), 1 FAILED (see Chat Error), 1 row marked as sent without a message, 2 rows updated without a message (no watched column changed), 1 row whose hidden Chat Version or Chat Ledger cells were lost had them rebuilt from what remained, without a message, 1 row kept PENDING until its webhook is fixed (see Chat Error), 1 row left for the next run, 2 rows waiting for their sendWhen condition.',
    );
  });

  it('says when messages in flight were built again because their Chat Outbox was not the relay’s', () => {
    expect(describeSummary(summary({ planned: 1, sent: 1, outboxRebuilt: 1 }))).toBe(
      'Sent 1 message, 1 row whose hidden Chat Outbox cell did not hold messages as Chat Relay wrote them (damaged or edited) had its message built again from the row.',
    );
    expect(describeSummary(summary({ planned: 2, sent: 2, outboxRebuilt: 2 }))).toMatch(
      /, 2 rows whose hidden Chat Outbox cell .* had their messages built again from the row\.$/,
    );
  });

  it('talks of rows waiting alone when only sendWhen holds rows back', () => {
    expect(describeSummary(summary({ waiting: 3 }))).toBe(
      '3 rows waiting for their sendWhen condition.',
    );
    expect(describeSummary(summary({ planned: 1, sent: 1 }))).toBe('Sent 1 message.');
  });
});

describe('describeStop', () => {
  it('says why a run stopped early', () => {
    expect(describeStop({ kind: 'time-limit' }, 1)).toBe(
      "Apps Script's time limit for one run was reached; 1 row goes out with the next run.",
    );
    expect(describeStop({ kind: 'time-limit' }, 4)).toBe(
      "Apps Script's time limit for one run was reached; 4 rows go out with the next run.",
    );
    expect(describeStop({ kind: 'chat-unavailable', space: 'AAAA', detail: 'HTTP 503' }, 0)).toBe(
      'Chat is not accepting messages in space AAAA for now (HTTP 503); its rows are retried by the next run.',
    );
    expect(describeStop({ kind: 'sheet-changed', sheet: 'Tickets', detail: 'rows lost' }, 0)).toBe(
      'sheet "Tickets" changed during the run (rows lost); the next run picks up what is left.',
    );
  });
});

describe('describeReport and WORDS.report', () => {
  it('gives one paragraph per sheet, then the stops and the webhook trouble', () => {
    const text = describeReport(
      report([summary({ planned: 2, sent: 1, notReached: 1 }, 'A'), summary({}, 'B')], {
        stopped: [{ kind: 'time-limit' }],
        refused: [{ webhook: 'OPS', message: 'HTTP 403 PERMISSION_DENIED' }],
        broken: [{ webhook: 'INFRA', message: 'CHAT_WEBHOOK_URL_INFRA is empty' }],
      }),
    );
    expect(text.split('\n')).toEqual([
      'Sheet "A": Sent 1 message, 1 row left for the next run.',
      'Sheet "B": Nothing to send: every row is up to date.',
      "Stopped early: Apps Script's time limit for one run was reached; 1 row goes out with the next run.",
      'Chat refused the webhook in CHAT_WEBHOOK_URL_OPS: HTTP 403 PERMISSION_DENIED. Its rows stay PENDING until it works again: check the Script Property, then use Test webhooks.',
      'CHAT_WEBHOOK_URL_INFRA is empty. Rows routed to it stay PENDING until it is fixed.',
    ]);
  });

  it('names the one sheet in the opening of a one-sheet report', () => {
    expect(WORDS.report(report([summary({ planned: 3, sent: 3 })]))).toBe(
      'Chat Relay, sheet "Tickets": Sent 3 messages.',
    );
    expect(WORDS.report(report([summary({}, 'A'), summary({}, 'B')]))).toBe(
      'Chat Relay:\n\nSheet "A": Nothing to send: every row is up to date.\nSheet "B": Nothing to send: every row is up to date.',
    );
  });

  it('names a sheet with a quote in its name once', () => {
    expect(WORDS.report(report([summary({ planned: 1, sent: 1 }, 'Q "A"')]))).toBe(
      'Chat Relay, sheet "Q "A"": Sent 1 message.',
    );
  });

  it('names the default webhook property of a refused default webhook', () => {
    expect(
      WORDS.webhookTrouble(report([], { refused: [{ webhook: 'default', message: 'HTTP 404' }] })),
    ).toMatch(/^Chat refused the webhook in CHAT_WEBHOOK_URL: HTTP 404\./);
    expect(WORDS.webhookTrouble(report([]))).toBeNull();
  });
});

describe('the people directory in a report', () => {
  const people = { sheet: 'People', size: 3, ignored: [], problem: null };

  it('names the rows it ignored, by number, at most ten of them', () => {
    const ignored = Array.from({ length: 12 }, (_, i) => ({ row: i + 2, value: `id ${i}` }));
    expect(
      WORDS.peopleIgnored(report([], { people: { ...people, ignored: ignored.slice(0, 1) } })),
    ).toBe(
      'People directory, sheet "People": 1 row ignored, its Chat user ID not a numeric ID (users/123456789 or 123456789): row 2 ("id 0").',
    );
    expect(WORDS.peopleIgnored(report([], { people: { ...people, ignored } }))).toMatch(
      /: 12 rows ignored, their Chat user ID .*row 11 \("id 9"\) and 2 more\.$/,
    );
    expect(WORDS.peopleIgnored(report([], { people }))).toBeNull();
    expect(WORDS.peopleIgnored(report([]))).toBeNull();
  });

  it('says when it could not be read, and that the rows pinging from it wait', () => {
    const broken = report([summary({ planned: 2, waitsForPeople: 2 })], {
      people: { ...people, problem: 'CHAT_RELAY_CONFIG key "people.sheet" is "People", but gone' },
    });
    expect(WORDS.peopleTrouble(broken)).toBe(
      'The people directory cannot be read: CHAT_RELAY_CONFIG key "people.sheet" is "People", but gone. Rows whose message pings someone from it stay PENDING until it is fixed.',
    );
    expect(describeReport(broken).split('\n')).toEqual([
      'Sheet "Tickets": Sent 0 messages, 2 rows kept PENDING until the people directory can be read (see Chat Error).',
      WORDS.peopleTrouble(broken),
    ]);
    expect(WORDS.peopleTrouble(report([], { people }))).toBeNull();
  });
});

describe('WORDS', () => {
  it('asks before marking rows, naming the count of each sheet', () => {
    expect(
      WORDS.confirmMarkAll([
        { sheet: 'A', rows: 3 },
        { sheet: 'B', rows: 1 },
      ]),
    ).toBe(
      'Chat Relay: mark 3 rows of sheet "A", 1 row of sheet "B" as already sent? Nothing is posted for them now; only their later changes, and new rows, will be.',
    );
  });

  it('says what was removed', () => {
    expect(WORDS.triggersRemoved(2)).toBe(
      'Chat Relay: removed 2 triggers. Other triggers were left alone.',
    );
    expect(WORDS.triggersRemoved(0)).toBe(
      'Chat Relay: there were no Chat Relay triggers to remove.',
    );
  });

  it('names the followed sheets of a response left alone', () => {
    expect(WORDS.responseNotFollowed('Form 2', ['Tickets', 'Form 1'])).toBe(
      'Chat Relay: a form response arrived in sheet "Form 2", which is not followed (followed: "Tickets", "Form 1"); it was left alone. Add the sheet to CHAT_RELAY_CONFIG to relay its responses.',
    );
    expect(WORDS.notFollowed('Notes', ['Tickets'])).toMatch(
      /^Chat Relay does not follow sheet "Notes" \(it follows: "Tickets"\)\./,
    );
  });

  it('are all under the one title', () => {
    expect(TITLE).toBe('Chat Relay');
    expect(WORDS.busy).toMatch(/^Another Chat Relay run is in progress/);
    expect(WORDS.misconfigured(['a', 'b'])).toBe('Chat Relay is misconfigured: a; b');
  });
});

describe('safe', () => {
  it('redacts whatever it is given', () => {
    const text = safe(`Request failed for ${webhookUrl()} with key=${KEY}`);
    expectNoSecrets([KEY, TOKEN], text);
    expect(text).toContain('REDACTED');
  });
});
