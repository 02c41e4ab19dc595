/**
 * A run killed after any of its service calls, then ordinary runs: each
 * change reaches Chat exactly once, in the right thread, and every row ends
 * SENT with its own Chat Thread, as if the run had not been killed. Each run
 * type (new rows, edits, key changes, route changes, a form submission) is
 * killed after every call number in turn (the local runtime's killAfterCalls:
 * that call completes, every later one throws "Exceeded maximum execution
 * time", as Apps Script does), and the end state is compared with that of
 * the same story run without a kill. A later edit of every row then checks
 * that the hidden ledger kept what was delivered.
 */
import { harness, type Harness, type HarnessOptions } from '../../local/harness';
import { CLAIM, WEB_APP, linkFor, paramsOf } from '../support/actions';

const FORM_URL = 'https://docs.google.com/forms/d/FORM-ID/viewform';
const NETWORK = 'AAAAnetwork';

interface Scenario {
  name: string;
  /** Every row ends in a thread (false: some rows are marked as sent without a message). */
  threaded?: boolean;
  options: HarnessOptions;
  /** The sheets whose rows are checked. */
  sheets: string[];
  /** Columns of the sheet's own whose cells are checked too (an action writes them). */
  columns?: string[];
  /** Sets the world up before the run under test (never killed). */
  prepare(h: Harness): void;
  /** The run under test. */
  act(h: Harness): void;
  /** What a person does once the run under test was killed (default: nothing, the schedule carries on). */
  retry?(h: Harness): void;
  /** What the story without a kill must have done (so that matching it means something). */
  check?(h: Harness): void;
}

const tickets = (rows: string[][]) => ({
  name: 'Tickets',
  rows: [['ID', 'Title', 'Team'], ...rows],
});
/** The relay's columns already there, moved apart and out of order, as a user may leave them. */
const MOVED_APART = [
  'Chat Version',
  'Chat Status',
  'Notes',
  'Chat Ledger',
  'Chat Thread',
  'Chat Error',
  'Chat Sent At',
  'Owner',
  'Chat Outbox',
];
const ticketsMovedApart = (rows: string[][]) => ({
  name: 'Tickets',
  rows: [
    ['ID', 'Title', 'Team', ...MOVED_APART],
    ...rows.map((r) => [
      ...r,
      ...MOVED_APART.map((h) => (h === 'Notes' ? `notes on ${r[0]}` : '')),
    ]),
  ],
});
const MANY = Array.from({ length: 23 }, (_, i) => [`T-${i + 1}`, `entry ${i + 1}`, 'Infra']);
const FOUR = [
  ['T-1', 'Printer on fire', 'Infra'],
  ['T-2', 'VPN down', 'Network'],
  ['T-3', 'Coffee machine', 'Facilities'],
  ['T-4', 'Badge reader', 'Infra'],
];
/** Owners of FOUR's rows: in the directory, one of two in it, a cell that must ping no one. */
const OWNERS = ['ana@example.com', 'bob@example.com, zed@example.com', 'all', 'ana@example.com'];
const ROUTES = {
  routes: [
    { when: { column: 'Team', equals: 'Infra' }, webhook: 'DEFAULT_SPACE' },
    { when: { column: 'Team', equals: 'Network' }, webhook: 'NETWORK' },
  ],
};

/** Reminders of Infra and Network tickets, two hours after they hold ("for 2 hours" for an hour). */
const REMINDERS = {
  reminders: [
    {
      when: { column: 'Team', in: ['Infra', 'Network'] },
      after: '2h',
      every: '1d',
      mention: 'users/123',
    },
  ],
};

/** The rows posted (their reminder clocks started), then two hours and a minute later. */
function remindersDue(h: Harness): void {
  h.run('runScheduled');
  h.clock.advance(2 * 3600000 + 60000);
}

/** Confirms T-1's Claim as ana@example.com, from the link of its message. */
function confirmClaim(h: Harness): void {
  h.runtime.activeUser = 'ana@example.com';
  h.run('actionConfirm', paramsOf(linkFor(h, 'T-1', 'Claim')));
}

/** Runs the scheduled relay until a run sends nothing; false if it never settles. */
function settle(h: Harness, max = 6): boolean {
  for (let i = 0; i < max; i++) {
    const before = h.runtime.urlFetch.requests.length;
    h.run('runScheduled');
    if (h.runtime.urlFetch.requests.length === before) return true;
  }
  return false;
}

/** Edits every row's title, so each row's next message shows what its ledger kept. */
function editEveryTitle(h: Harness, sheets: string[]): void {
  for (const name of sheets) {
    const sheet = h.sheet(name);
    const title = sheet.displayRows()[0].indexOf(name === 'Tickets' ? 'Title' : 'Request') + 1;
    for (let row = 2; row <= sheet.lastRow(); row++) {
      if (sheet.displayValue(row, title) === '') continue;
      sheet.setCell(row, title, `${sheet.displayValue(row, title)} (later)`);
    }
  }
}

/**
 * What a person sees: per space, each thread as its messages' texts in order
 * (threads sorted); per row, its status, error and version, and the texts of
 * the thread its Chat Thread cell names (in the space that name says).
 */
function endState(h: Harness, sheets: string[], columns: string[] = []) {
  const spaces = h.chat.spaces().map((s) => s.space);
  const threadTexts = new Map<string, string[]>();
  const bySpace: Record<string, string[]> = {};
  // A link to a thread (a digest lists each row's) names it by its first line: thread IDs differ from run to run.
  const firstLines = new Map<string, string>();
  for (const space of spaces)
    h.threads(space).forEach((t) =>
      firstLines.set(t.name, String(t.messages[0].text).split('\n')[0]),
    );
  const readable = (text: string) =>
    text.replace(
      /https:\/\/chat\.google\.com\/room\/([\w-]+)\/([\w-]+)/g,
      (link, s: string, t: string) =>
        `(thread ${firstLines.get(`spaces/${s}/threads/${t}`) ?? link})`,
    );
  for (const space of spaces) {
    const threads = h.threads(space);
    threads.forEach((t) =>
      threadTexts.set(
        t.name,
        // An action's link names the row's random ID, the time of its run and the random secret.
        t.messages.map((m) => readable(String(m.text)).replace(/\?a=[^|>]*\|/g, '?…|')),
      ),
    );
    bySpace[space] = threads.map((t) => JSON.stringify(threadTexts.get(t.name))).sort();
  }
  const rows: Record<string, unknown[]> = {};
  for (const name of sheets) {
    rows[name] = h.table(name).map((r) => ({
      status: r['Chat Status'],
      error: r['Chat Error'],
      version: r['Chat Version'],
      outbox: r['Chat Outbox'],
      thread: threadTexts.get(String(r['Chat Thread'])) ?? `no such thread: "${r['Chat Thread']}"`,
      ...Object.fromEntries(columns.map((c) => [c, r[c]])),
    }));
  }
  return { bySpace, rows };
}

function newHarness(scenario: Scenario): Harness {
  const h = harness(scenario.options);
  if (scenario.options.config && 'routes' in scenario.options.config) {
    h.properties.setProperty('CHAT_WEBHOOK_URL_DEFAULT_SPACE', h.webhookUrl);
    h.addWebhook('NETWORK', NETWORK);
  }
  scenario.prepare(h);
  return h;
}

/** The story without a kill: the calls the run under test makes, and the end states. */
function reference(scenario: Scenario) {
  const h = newHarness(scenario);
  scenario.act(h);
  const calls = h.runtime.executionCalls;
  expect(settle(h)).toBe(true);
  scenario.check?.(h);
  const settled = endState(h, scenario.sheets, scenario.columns);
  editEveryTitle(h, scenario.sheets);
  expect(settle(h)).toBe(true);
  return { calls, settled, edited: endState(h, scenario.sheets, scenario.columns) };
}

type EndState = ReturnType<typeof endState>;

/** How `got` differs from `want`, briefly: message counts per space, then each differing row cell. */
function differences(got: EndState, want: EndState): string[] {
  const out: string[] = [];
  for (const space of Object.keys({ ...want.bySpace, ...got.bySpace })) {
    const g = got.bySpace[space] ?? [];
    const w = want.bySpace[space] ?? [];
    if (JSON.stringify(g) === JSON.stringify(w)) continue;
    const count = (threads: string[]) => threads.reduce((n, t) => n + JSON.parse(t).length, 0);
    out.push(
      `space ${space}: ${count(g)} messages in ${g.length} threads, not ${count(w)} in ${w.length}`,
    );
  }
  for (const sheet of Object.keys(want.rows)) {
    want.rows[sheet].forEach((row, i) => {
      const mine = (got.rows[sheet] ?? [])[i] as Record<string, unknown>;
      for (const [field, value] of Object.entries(row as Record<string, unknown>)) {
        const actual = mine ? mine[field] : undefined;
        if (JSON.stringify(actual) !== JSON.stringify(value))
          out.push(`${sheet} row ${i + 2} ${field}: ${JSON.stringify(actual).slice(0, 80)}`);
      }
    });
  }
  return out;
}

/** Kills the run under test after `calls` service calls; what differs from the reference, if anything. */
function killedAfter(scenario: Scenario, calls: number, ref: ReturnType<typeof reference>) {
  const h = newHarness(scenario);
  h.runtime.killAfterCalls = calls;
  let killed = false;
  try {
    scenario.act(h);
  } catch (e) {
    expect(String(e)).toMatch(/Exceeded maximum execution time/);
    killed = true;
  }
  h.runtime.killAfterCalls = null;
  expect(killed).toBe(true);
  h.clock.advance(60000);
  if (scenario.retry) scenario.retry(h);
  const problems: string[] = [];
  if (!settle(h)) problems.push('never settles');
  problems.push(...differences(endState(h, scenario.sheets, scenario.columns), ref.settled));
  editEveryTitle(h, scenario.sheets);
  if (!settle(h)) problems.push('never settles after the edit');
  problems.push(
    ...differences(endState(h, scenario.sheets, scenario.columns), ref.edited).map(
      (d) => `after an edit, ${d}`,
    ),
  );
  return problems;
}

/** Edits that change rows' routes: T-1 and T-3 move to NETWORK, T-2 to the default space. */
function moveRoutes(h: Harness): void {
  h.run('runScheduled');
  h.sheet().setCell(2, 3, 'Network');
  h.sheet().setCell(3, 3, 'Infra');
  h.sheet().setCell(4, 3, 'Network');
}

/** 18:00 UTC (the spreadsheet's time zone) on Monday 12 January 2026: an hour before quiet hours. */
const EVENING = Date.UTC(2026, 0, 12, 18, 0);
const QUIET_HOURS = { quietHours: { from: '19:00', to: '08:00' } };

const SCENARIOS: Scenario[] = [
  {
    name: 'confirming an action from Chat (the row written, its update relayed at once)',
    options: {
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['ID', 'Title', 'Status', 'Owner'],
            ['T-1', 'Printer on fire', 'New', ''],
            ['T-2', 'VPN down', 'New', ''],
          ],
        },
      ],
      config: { actions: [CLAIM] },
    },
    sheets: ['Tickets'],
    columns: ['Status', 'Owner'],
    prepare: (h) => {
      h.runtime.webApp = { url: WEB_APP };
      h.run('runScheduled');
    },
    act: confirmClaim,
    // The person sees the page fail and presses Confirm again.
    retry: confirmClaim,
    check: (h) => {
      expect(h.table()[0]).toMatchObject({ Status: 'Claimed', Owner: 'ana@example.com' });
      expect(
        h.texts().filter((t) => t.includes('claimed from Chat by ana@example.com')),
      ).toHaveLength(1);
    },
  },
  {
    name: 'a run delivering new rows',
    options: { sheets: [tickets(FOUR)] },
    sheets: ['Tickets'],
    prepare: () => undefined,
    act: (h) => h.run('runScheduled'),
  },
  {
    name: 'a run delivering edits',
    options: { sheets: [tickets(FOUR)] },
    sheets: ['Tickets'],
    prepare: (h) => {
      h.run('runScheduled');
      h.sheet().setCell(2, 2, 'Printer still on fire');
      h.sheet().setCell(4, 2, 'Coffee machine fixed');
      h.sheet().setCell(5, 3, 'Facilities');
    },
    act: (h) => h.run('runScheduled'),
  },
  {
    name: 'a run delivering key changes',
    options: { sheets: [tickets(FOUR)] },
    sheets: ['Tickets'],
    prepare: (h) => {
      h.run('runScheduled');
      h.sheet().setCell(3, 1, 'T-7');
      h.sheet().setCell(5, 1, 'T-1');
    },
    act: (h) => h.run('runScheduled'),
  },
  {
    name: 'a run delivering route changes',
    options: { sheets: [tickets(FOUR)], config: ROUTES },
    sheets: ['Tickets'],
    prepare: moveRoutes,
    act: (h) => h.run('runScheduled'),
  },
  {
    name: "a run delivering new rows, the relay's columns moved apart",
    options: { sheets: [ticketsMovedApart(FOUR)] },
    sheets: ['Tickets'],
    prepare: () => undefined,
    act: (h) => h.run('runScheduled'),
  },
  {
    name: "a run delivering route changes, the relay's columns moved apart",
    options: { sheets: [ticketsMovedApart(FOUR)], config: ROUTES },
    sheets: ['Tickets'],
    prepare: moveRoutes,
    act: (h) => h.run('runScheduled'),
  },
  {
    name: 'a run posting a row copied with its Chat cells and edited into another ticket',
    options: { sheets: [tickets(FOUR)] },
    sheets: ['Tickets'],
    prepare: (h) => {
      h.run('runScheduled');
      const s = h.sheet();
      const width = s.lastColumn();
      s.setRowValues(
        6,
        Array.from({ length: width }, (_, c) => s.typedValue(3, c + 1)),
      );
      s.setRowValues(6, ['T-9', 'Brand new ticket']);
    },
    act: (h) => h.run('runScheduled'),
  },
  {
    name: 'a run sending more rows than one batch',
    options: { sheets: [tickets(MANY)] },
    sheets: ['Tickets'],
    prepare: () => undefined,
    act: (h) => h.run('runScheduled'),
  },
  {
    name: 'a run posting a digest, then an edit',
    options: {
      sheets: [tickets(FOUR)],
      config: {
        digests: [{ name: 'Infra today', at: '09:01', when: { column: 'Team', equals: 'Infra' } }],
      },
    },
    sheets: ['Tickets'],
    prepare: (h) => {
      h.run('runScheduled');
      h.clock.advance(60000);
      h.sheet().setCell(2, 2, 'Printer still on fire');
    },
    act: (h) => h.run('runScheduled'),
  },
  {
    name: 'a run retrying a FAILED row that changed',
    options: { sheets: [tickets(FOUR)] },
    sheets: ['Tickets'],
    prepare: (h) => {
      h.chat.injectFault({ status: 400, times: 1 });
      h.run('runScheduled');
      h.chat.clearFaults();
      expect(h.column('Chat Status')[0]).toBe('FAILED');
      h.sheet().setCell(2, 2, 'Printer on fire, title fixed');
    },
    act: (h) => h.run('runScheduled'),
  },
  {
    name: 'a run whose NETWORK webhook fails every message the same way',
    options: {
      sheets: [
        tickets([
          ...FOUR,
          ['T-5', 'Switch down', 'Network'],
          ['T-6', 'Wi-Fi slow', 'Network'],
          ['T-7', 'DNS', 'Network'],
        ]),
      ],
      config: ROUTES,
    },
    sheets: ['Tickets'],
    prepare: () => undefined,
    act: (h) => {
      h.chat.injectFault({ status: 400, space: NETWORK, times: 1000 });
      try {
        // From the menu: a scheduled run would throw, naming the webhook, to have it mailed.
        h.run('sendPendingRows');
      } finally {
        h.chat.clearFaults();
      }
    },
  },
  {
    name: 'the first run after quiet hours, sending what they held',
    options: { sheets: [tickets(FOUR)], config: QUIET_HOURS, startAt: EVENING },
    sheets: ['Tickets'],
    prepare: (h) => {
      h.run('runScheduled');
      // 20:00: rows added and edited at night wait, unwritten, for 08:00.
      h.clock.advance(2 * 3600 * 1000);
      h.sheet().setCell(2, 2, 'Printer still on fire');
      h.sheet().setRowValues(6, ['T-5', 'Switch down', 'Network']);
      h.sheet().setCell(4, 2, 'Coffee machine fixed');
      h.sheet().setRowValues(7, ['T-6', 'Wi-Fi slow', 'Infra']);
      h.run('runScheduled');
      h.sheet().setCell(2, 3, 'Network');
      h.run('runScheduled');
      expect(h.texts()).toHaveLength(4);
      expect(h.column('Chat Status')).toEqual(['SENT', 'SENT', 'SENT', 'SENT', '', '']);
      h.clock.advance(Date.UTC(2026, 0, 13, 8, 0) - h.clock.now());
    },
    act: (h) => h.run('runScheduled'),
  },
  {
    name: 'a run sending reminders',
    options: { sheets: [tickets(FOUR)], config: REMINDERS },
    sheets: ['Tickets'],
    prepare: remindersDue,
    act: (h) => h.run('runScheduled'),
  },
  {
    name: "a run sending reminders, the relay's columns moved apart",
    options: { sheets: [ticketsMovedApart(FOUR)], config: REMINDERS },
    sheets: ['Tickets'],
    prepare: remindersDue,
    act: (h) => h.run('runScheduled'),
  },
  {
    name: 'Mark all rows as sent',
    threaded: false,
    options: { sheets: [tickets(FOUR)] },
    sheets: ['Tickets'],
    prepare: (h) => {
      h.chat.injectFault({ status: 400, times: 1 });
      h.run('runScheduled');
      h.chat.clearFaults();
      h.sheet().setCell(3, 2, 'VPN down again');
      h.sheet().setRowValues(6, ['T-5', 'Adopted, never posted', 'Infra']);
      h.sheet().setCell(2, 2, 'Printer still on fire');
    },
    act: (h) => h.run('markAllRowsSent'),
    // Told that the run stopped, the admin marks the rows again before the schedule runs.
    retry: (h) => h.run('markAllRowsSent'),
  },
  {
    name: 'a run delivering rows that ping their owners from the people directory, by due date',
    options: {
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['ID', 'Title', 'Team', 'Owner', 'Due'],
            ...FOUR.map((r, i) => [...r, OWNERS[i], new Date(Date.UTC(2024, 0, 10 + 2 * i, 5))]),
          ],
        },
        {
          name: 'People',
          rows: [
            ['Email', 'Chat user ID'],
            ['ana@example.com', 'users/111'],
            ['bob@example.com', '222'],
          ],
        },
      ],
      timeZone: 'America/New_York',
      config: {
        sheets: [{ sheet: 'Tickets' }],
        people: { sheet: 'People' },
        sendWhen: { column: 'Due', onOrBefore: 'today+1d' },
        mentions: [{ when: { column: 'Due', before: 'today' }, mention: '{{Owner}}' }],
      },
    },
    sheets: ['Tickets'],
    prepare: () => undefined,
    act: (h) => h.run('runScheduled'),
  },
  {
    name: 'a form submission',
    options: {
      sheets: [
        tickets(FOUR.slice(0, 2)),
        { name: 'Form Responses 1', rows: [['Timestamp', 'Email Address', 'Request']] },
      ],
      formUrl: FORM_URL,
    },
    sheets: ['Tickets', 'Form Responses 1'],
    prepare: (h) => {
      h.run('installTriggers');
      h.run('runScheduled');
      h.sheet('Form Responses 1').setRowValues(2, ['1/2/2026 10:00', 'bo@example.com', 'Mouse']);
      h.sheet().setCell(2, 2, 'Printer still on fire');
    },
    act: (h) => {
      try {
        h.runtime.formSubmit('Form Responses 1', ['ana@example.com', 'Laptop']);
      } finally {
        h.clock.advance(5000);
      }
    },
  },
];

describe.each(SCENARIOS)('$name, killed after each of its service calls', (scenario) => {
  it('ends as if it had not been killed: every change posted once, in its thread; every row SENT with its own thread', () => {
    const ref = reference(scenario);
    expect(ref.calls).toBeGreaterThan(20);
    // The reference itself is what a person expects: every row SENT, in a thread of its own space.
    for (const rows of Object.values(ref.settled.rows))
      for (const row of rows as Array<{ status: string; error: string; thread: unknown }>) {
        expect([row.status, row.error]).toEqual(['SENT', '']);
        if (scenario.threaded ?? true) expect(row.thread).toEqual(expect.any(Array));
      }
    const failures: string[] = [];
    for (let calls = 0; calls < ref.calls; calls++) {
      const problems = killedAfter(scenario, calls, ref);
      if (problems.length) failures.push(`killed after call ${calls}: ${problems.join('; ')}`);
    }
    expect({ killPoints: ref.calls, failures }).toEqual({ killPoints: ref.calls, failures: [] });
  });
});

describe('Mark all rows as sent killed after each of its service calls, then the schedule runs', () => {
  it('posts each row at most once, and only what the schedule would have posted without the mark', () => {
    const scenario = SCENARIOS.filter((s) => s.name === 'Mark all rows as sent')[0];
    // What the schedule posts when nobody marks anything: the most a half-done mark may leave to post.
    const unmarked = newHarness(scenario);
    const before = unmarked.texts().length;
    expect(settle(unmarked)).toBe(true);
    const allowed = unmarked.texts().slice(before);
    expect(allowed).toHaveLength(3);

    const reference = newHarness(scenario);
    scenario.act(reference);
    const calls = reference.runtime.executionCalls;
    const failures: string[] = [];
    for (let n = 0; n < calls; n++) {
      const h = newHarness(scenario);
      h.runtime.killAfterCalls = n;
      expect(() => scenario.act(h)).toThrow(/Exceeded maximum execution time/);
      h.runtime.killAfterCalls = null;
      const posted = h.texts().length;
      settle(h);
      const late = h.texts().slice(posted);
      const unexpected = late.filter((t, i) => !allowed.includes(t) || late.indexOf(t) !== i);
      const rows = h.table().map((r) => `${r['Chat Status']}|${r['Chat Error']}`);
      if (unexpected.length || rows.some((r) => r !== 'SENT|'))
        failures.push(`killed after call ${n}: posted ${JSON.stringify(unexpected)}; rows ${rows}`);
    }
    expect(failures).toEqual([]);
  });
});

describe("the relay's columns appended by a run killed after each of its service calls", () => {
  it('are never left shown with a hidden column’s header', () => {
    const hiddenHeaders = ['Chat Version', 'Chat Ledger', 'Chat Outbox'];
    const scenario = SCENARIOS[0];
    const reference = newHarness(scenario);
    scenario.act(reference);
    const shown: string[] = [];
    for (let n = 0; n < reference.runtime.executionCalls; n++) {
      const h = newHarness(scenario);
      h.runtime.killAfterCalls = n;
      expect(() => scenario.act(h)).toThrow(/Exceeded maximum execution time/);
      const headers = h.sheet().displayRows()[0];
      for (const header of hiddenHeaders) {
        const column = headers.indexOf(header) + 1;
        if (column > 0 && !h.sheet().hiddenColumns.has(column))
          shown.push(`killed after call ${n}: ${header} shown`);
      }
    }
    expect(shown).toEqual([]);
  });
});
