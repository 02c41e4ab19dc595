/**
 * Digests through the built bundle (dist/Code.js) in the local runtime, on
 * its FakeClock, against the Chat emulator: days of scheduled runs every 5
 * minutes around a digest's time, a day without runs, Chat failing, cards
 * and text, mentions, empty digests, and an idle run's cost.
 */
import { validateMessageBody } from '../../local/chat-emulator/message-schema';
import { type MessageView } from '../../local/chat-emulator/model';
import { harness, type Harness, type HarnessOptions } from '../../local/harness';

const MINUTE = 60000;
/** The harness's clock starts on Monday 15 January 2024, 09:00 UTC. */
const MONDAY = Date.UTC(2024, 0, 15);

const TICKETS = {
  name: 'Tickets',
  rows: [
    ['ID', 'Title', 'Status'],
    ['T-1', 'Printer on fire', 'Open'],
    ['T-2', 'Coffee machine', 'Done'],
    ['T-3', 'Badge reader', 'Open'],
  ],
};
const OPEN = { name: 'Open this morning', at: '10:30', when: { column: 'Status', equals: 'Open' } };

function world(digest: Record<string, unknown> = OPEN, options: HarnessOptions = {}): Harness {
  return harness({ sheets: [TICKETS], config: { digests: [digest] }, ...options });
}

const isDigest = (m: MessageView) => /^chat-relay-digest-/.test(m.threadKey ?? '');
const digests = (h: Harness, space?: string) => h.messages(space).filter(isDigest);
/** When each digest was created, as `day HH:MM` (UTC). */
const postedAt = (h: Harness) => digests(h).map((m) => m.createTime.slice(0, 16).replace('T', ' '));

/** Scheduled runs every 5 minutes from now until `until` (epoch ms), as the time trigger makes them. */
function runEvery5Minutes(h: Harness, until: number): number {
  let runs = 0;
  while (h.clock.now() < until) {
    const start = h.clock.now();
    h.run('runScheduled');
    runs++;
    const next = start + 5 * MINUTE;
    if (h.clock.now() < next) h.clock.advance(next - h.clock.now());
  }
  return runs;
}

const at = (day: number, hours: number, minutes = 0) =>
  MONDAY + (day * 24 * 60 + hours * 60 + minutes) * MINUTE;

describe('a digest over days of runs every 5 minutes', () => {
  it('is posted once a day, at the first run at or after its time, in a thread of its own', () => {
    const h = world();
    runEvery5Minutes(h, at(2, 0));
    expect(postedAt(h)).toEqual(['2024-01-15 10:30', '2024-01-16 10:30']);
    const [monday, tuesday] = digests(h);
    expect(monday.text?.split('\n').slice(0, 2)).toEqual([
      '*Open this morning*',
      '_2 rows match · Tickets · Monday 15 January 2024_',
    ]);
    expect(tuesday.text).toMatch(/Tuesday 16 January 2024/);
    // Each its own thread, never a reply in a row's.
    expect([monday.threadReply, tuesday.threadReply]).toEqual([false, false]);
    expect(new Set([monday.thread, tuesday.thread]).size).toBe(2);
    const rowThreads = h.column('Chat Thread');
    expect(rowThreads).not.toContain(monday.thread);
    // The rows themselves were posted once, by the first run.
    expect(h.messages().filter((m) => !isDigest(m))).toHaveLength(3);
  });

  it('keeps time in the spreadsheet’s time zone', () => {
    const h = world({ ...OPEN, at: '09:00' });
    h.workbook.timeZone = 'America/New_York';
    runEvery5Minutes(h, at(1, 0));
    // 09:00 in New York is 14:00 UTC in January.
    expect(postedAt(h)).toEqual(['2024-01-15 14:00']);
    expect(digests(h)[0].text).toMatch(/Monday 15 January 2024/);
  });

  it('is skipped, not posted late, on a day with no run between its time and midnight', () => {
    const h = world();
    runEvery5Minutes(h, at(0, 10, 0));
    // The schedule stops at 10:00 on Monday and starts again at 11:00 on Tuesday.
    h.clock.advance(at(1, 11) - h.clock.now());
    runEvery5Minutes(h, at(1, 12));
    expect(postedAt(h)).toEqual(['2024-01-16 11:00']);
    expect(digests(h)[0].text).toMatch(/Tuesday 16 January 2024/);
  });

  it('is posted on its days only', () => {
    const h = world({ ...OPEN, days: ['tue', 'thu'] });
    runEvery5Minutes(h, at(3, 12));
    expect(postedAt(h)).toEqual(['2024-01-16 10:30', '2024-01-18 10:30']);
  });
});

describe('a digest when Chat fails', () => {
  it('is retried with the same requestId by the next run, and posted exactly once', () => {
    const h = world();
    runEvery5Minutes(h, at(0, 10, 30));
    // Every attempt of the 10:30 run fails, the last after Chat created the message.
    h.chat.injectFault({ status: 503, times: 4 });
    h.chat.injectFault({ drop: 'after-commit', times: 1 });
    runEvery5Minutes(h, at(0, 10, 35));
    expect(digests(h)).toHaveLength(1);
    runEvery5Minutes(h, at(0, 12));
    expect(digests(h)).toHaveLength(1);
    const ids = h.runtime.urlFetch.requests
      .map((r) => new URL(r.url).searchParams.get('requestId') ?? '')
      .filter((id) => /digest/.test(id));
    expect(ids.length).toBe(6);
    expect(new Set(ids).size).toBe(1);
    expect(digests(h)[0].requestId).toBe(ids[0]);
  });

  it('is not posted twice when what the relay remembers is lost: the retry carries the same requestId', () => {
    const h = world();
    runEvery5Minutes(h, at(0, 10, 35));
    expect(digests(h)).toHaveLength(1);
    // Someone deletes the Script Property (or it could not be written after the send).
    h.properties.deleteProperty('CHAT_RELAY_DIGESTS');
    runEvery5Minutes(h, at(0, 10, 40));
    expect(digests(h)).toHaveLength(1);
    const ids = h.runtime.urlFetch.requests
      .map((r) => new URL(r.url).searchParams.get('requestId') ?? '')
      .filter((id) => /digest/.test(id));
    expect(ids).toEqual([digests(h)[0].requestId, digests(h)[0].requestId]);
  });
});

describe('what a digest posts', () => {
  it('a card by default: the name, the count, the sheet and the date; a line per row with its links', () => {
    const h = world({ ...OPEN, at: '09:00', mention: 'all' }, { format: 'card' });
    h.run('runScheduled');
    const [digest] = digests(h);
    expect(validateMessageBody(digest.request)).toEqual([]);
    const card = (digest.cardsV2 as Array<{ card: Record<string, unknown> }>)[0].card as {
      header: { title: string; subtitle: string };
      sections: Array<{ widgets: Array<{ decoratedText: { text: string } }> }>;
    };
    expect(card.header).toEqual({
      title: 'Open this morning',
      subtitle: '2 rows match · Tickets · Monday 15 January 2024',
    });
    expect(digest.text).toBe('<users/all>');
    const sheet = h.sheet();
    const link = (row: number) =>
      `${h.workbook.getUrl()}#gid=${sheet.getSheetId()}&amp;range=A${row}:C${row}`;
    // The digest goes first in its run: the new rows have no thread yet.
    expect(card.sections[0].widgets.map((w) => w.decoratedText.text)).toEqual([
      `T-1 · Printer on fire<br><a href="${link(2)}">Open in Sheets</a>`,
      `T-3 · Badge reader<br><a href="${link(4)}">Open in Sheets</a>`,
    ]);
  });

  it('a link to each row’s thread once it has one', () => {
    const h = world({ ...OPEN, at: '09:01' });
    h.run('runScheduled');
    h.clock.advance(MINUTE);
    h.run('runScheduled');
    const threads = h
      .column('Chat Thread')
      .map((t) => t.replace(/^spaces\/(\w+)\/threads\//, 'https://chat.google.com/room/$1/'));
    expect(digests(h)[0].text?.split('\n').slice(2)).toEqual([
      `• T-1 · Printer on fire · ${h.linkLine(2, 'C')} · <${threads[0]}|Chat thread>`,
      `• T-3 · Badge reader · ${h.linkLine(4, 'C')} · <${threads[2]}|Chat thread>`,
    ]);
  });

  it('nothing when no row matches, unless ifEmpty is "post": then "No rows match", with its name', () => {
    const done = { ...OPEN, at: '09:00', when: { column: 'Status', equals: 'Closed' } };
    const skip = world(done);
    runEvery5Minutes(skip, at(0, 12));
    expect(digests(skip)).toEqual([]);
    const post = world({ ...done, ifEmpty: 'post' });
    runEvery5Minutes(post, at(0, 12));
    expect(digests(post).map((m) => m.text)).toEqual([
      '*Open this morning*\n_No rows match · Tickets · Monday 15 January 2024_',
    ]);
  });

  it('to its own webhook, when it names one (routes do not apply)', () => {
    const h = harness({
      sheets: [TICKETS],
      config: {
        routes: [{ when: { column: 'Status', equals: 'Open' }, webhook: 'DEFAULT_SPACE' }],
        digests: [{ ...OPEN, at: '09:00', webhook: 'OPS' }],
      },
    });
    h.addWebhook('OPS', 'AAAAops');
    h.properties.setProperty('CHAT_WEBHOOK_URL_DEFAULT_SPACE', h.webhookUrl);
    h.run('runScheduled');
    expect(digests(h, 'AAAAops')).toHaveLength(1);
    expect(digests(h)).toEqual([]);
  });

  it('never pings from a cell: a title of "<users/all>" is shown, not a mention', () => {
    const h = harness({
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['ID', 'Title'],
            ['T-1', '<users/all> look'],
          ],
        },
      ],
      config: { digests: [{ name: 'All', at: '09:00' }] },
    });
    h.run('runScheduled');
    expect(digests(h)[0].text).toMatch(/^\*All\*\n.*\n• T-1 · ‹users\/all› look · </);
  });
});

describe('what a run says of its digests', () => {
  it('Send pending rows posts a digest that is due and says so; a Chat refusal is named, not retried that day', () => {
    const h = world({ ...OPEN, at: '09:00' });
    h.run('runScheduled');
    h.clock.advance(24 * 60 * MINUTE);
    h.run('sendPendingRows');
    expect(digests(h)).toHaveLength(2);
    expect(h.lastAlert()).toMatch(/Nothing to send: every row is up to date\. Posted 1 digest\./);
    h.clock.advance(24 * 60 * MINUTE);
    h.chat.injectFault({ status: 400, times: 1 });
    h.run('sendPendingRows');
    expect(h.lastAlert()).toMatch(
      /1 digest refused by Chat \(not tried again today; see the log\)/,
    );
    h.run('sendPendingRows');
    expect(h.lastAlert()).toMatch(/Nothing to send: every row is up to date\.$/);
    expect(digests(h)).toHaveLength(2);
  });
});

describe('a digest of many rows, or of huge cells', () => {
  const many = (count: number, title: (i: number) => string) => ({
    name: 'Tickets',
    rows: [
      ['ID', 'Title', 'Status'],
      ...Array.from({ length: count }, (_, i) => [`T-${i + 1}`, title(i), 'Open']),
    ],
  });
  type Card = {
    header: { subtitle: string };
    sections: Array<{ widgets: Array<Record<string, { text: string }>> }>;
  };
  const cardOf = (m: MessageView) => (m.cardsV2 as Array<{ card: Card }>)[0].card;

  it('lists the first 50 rows in sheet order, then "… and N more" linking to the sheet; the count is of all', () => {
    const h = harness({
      sheets: [many(63, (i) => `Ticket ${i + 1}`)],
      config: { digests: [{ ...OPEN, at: '09:00' }] },
      format: 'card',
    });
    h.run('runScheduled');
    const card = cardOf(digests(h)[0]);
    expect(card.header.subtitle).toBe('63 rows match · Tickets · Monday 15 January 2024');
    const widgets = card.sections[0].widgets;
    expect(widgets).toHaveLength(51);
    expect(widgets[0].decoratedText.text).toMatch(/^T-1 · Ticket 1<br>/);
    expect(widgets[49].decoratedText.text).toMatch(/^T-50 · Ticket 50<br>/);
    const sheetLink = `${h.workbook.getUrl()}#gid=${h.sheet().getSheetId()}`;
    expect(widgets[50]).toEqual({
      textParagraph: { text: `<a href="${sheetLink}">… and 13 more</a>` },
    });
  });

  it.each(['card', 'text'] as const)(
    'stays within Chat’s limits as %s whatever the cells hold: posted once, the count still of all',
    (format) => {
      const h = harness({
        sheets: [many(60, (i) => `${i} ${'€&'.repeat(20000)}`)],
        config: { digests: [{ ...OPEN, at: '09:00' }] },
        format,
      });
      h.run('runScheduled');
      const posted = digests(h);
      expect(posted).toHaveLength(1);
      expect(validateMessageBody(posted[0].request)).toEqual([]);
      const counted =
        format === 'card' ? cardOf(posted[0]).header.subtitle : String(posted[0].text);
      expect(counted).toMatch(/60 rows match · Tickets/);
      expect(h.column('Chat Status').every((s) => s === 'SENT')).toBe(true);
    },
  );
});

describe('a digest set up in the sidebar', () => {
  it('is checked by settingsSave as a run checks it: the path, the value and the sheet named', () => {
    const h = world();
    const before = h.properties.getProperty('CHAT_RELAY_CONFIG');
    const bad = {
      sheets: [
        {
          sheet: 'Tickets',
          digests: [
            { ...OPEN, at: '9am' },
            { name: 'Late', at: '25:00' },
          ],
        },
      ],
    };
    const result = h.run('settingsSave', JSON.stringify(bad)) as {
      ok: boolean;
      errors: Array<{ path: string; text: string }>;
    };
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => [e.path, e.text])).toEqual([
      [
        'sheets[0].digests[0].at',
        expect.stringMatching(/\(sheet "Tickets"\) must be a time of day .* not "9am"$/),
      ],
      [
        'sheets[0].digests[1].at',
        expect.stringMatching(/\(sheet "Tickets"\) must be a time of day .* not "25:00"$/),
      ],
    ]);
    expect(h.properties.getProperty('CHAT_RELAY_CONFIG')).toBe(before);
  });
});

describe('an idle run with digests configured', () => {
  it('asks the spreadsheet nothing more than without them, whatever the sheet’s size', () => {
    const calls = (digest: Record<string, unknown> | null) => {
      const h = harness({
        sheets: [TICKETS],
        config: digest ? { digests: [digest] } : {},
      });
      h.run('runScheduled');
      h.run('runScheduled');
      h.workbook.calls.reset();
      h.run('runScheduled');
      return h.workbook.calls.total;
    };
    const without = calls(null);
    // Before its time, and after it was posted.
    expect(calls({ ...OPEN, at: '23:00' })).toBe(without);
    expect(calls({ ...OPEN, at: '09:00' })).toBe(without);
  });
});
