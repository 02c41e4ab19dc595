/**
 * Conditions on dates and numbers, and pings to the person in the row (issue
 * 16, §1 and §5): the built bundle in the local runtime, over a day of runs on
 * the fake clock, in a spreadsheet whose time zone is not UTC.
 */
import { harness, type Harness, type SheetSpec } from '../../local/harness';

const NEW_YORK = 'America/New_York';
const HOUR = 3600000;
/** The harness's clock starts on 2024-01-15 at 09:00 UTC: 04:00 in New York (UTC-5). */
const START = Date.UTC(2024, 0, 15, 9);
/** Midnight of a January 2024 day in New York (UTC-5), as an instant. */
const nyMidnight = (day: number) => new Date(Date.UTC(2024, 0, day, 5));

interface CardBody {
  text?: string;
}

const calls = (h: Harness, method: string) => h.workbook.calls.byMethod[method] ?? 0;

/** Runs the schedule at `at` (epoch ms, never earlier than the clock). */
function runAt(h: Harness, at: number): void {
  h.clock.advance(Math.max(0, at - h.clock.now()));
  h.run('runScheduled');
}

describe('date conditions, over a day of runs in New York', () => {
  const DUE: SheetSpec = {
    name: 'Tickets',
    rows: [
      ['ID', 'Title', 'Due'],
      ['T-1', 'Renew certificate', nyMidnight(14)],
      ['T-2', 'Order toner', nyMidnight(17)],
      ['T-3', 'Quarterly review', nyMidnight(20)],
      ['T-4', 'No date yet', 'next week'],
    ],
    formats: [
      [],
      [null, null, 'yyyy-mm-dd'],
      [null, null, 'yyyy-mm-dd'],
      [null, null, 'yyyy-mm-dd'],
    ],
  };

  it('sendWhen "onOrBefore today+1d" posts a row when its day comes, by the calendar of the spreadsheet', () => {
    const h = harness({
      sheets: [DUE],
      timeZone: NEW_YORK,
      config: {
        sendWhen: { column: 'Due', onOrBefore: 'today+1d' },
        mentions: [{ when: { column: 'Due', before: 'today' }, mention: 'users/42' }],
      },
    });
    const posted: Array<[string, string]> = [];
    // Every 30 minutes from 09:00 UTC on the 15th to 09:00 UTC on the 16th.
    for (let t = START; t <= START + 24 * HOUR; t += HOUR / 2) {
      const before = h.texts().length;
      runAt(h, t);
      h.texts()
        .slice(before)
        .forEach((text) => posted.push([new Date(t).toISOString(), text.split('\n')[0]]));
    }
    // T-1 was due on the 14th: posted at once, pinging; T-2 (due the 17th) once it is the 16th in
    // New York (05:00 UTC), not at midnight UTC; T-3 and T-4 (not a date) never.
    expect(posted.map(([at, line]) => [at, line.slice(0, 30)])).toEqual([
      ['2024-01-15T09:00:00.000Z', '<users/42>'],
      ['2024-01-16T05:00:00.000Z', '*T-2 · Order toner*'],
    ]);
    expect(h.column('Chat Status')).toEqual(['SENT', 'SENT', '', '']);
  });

  it('"now-30m" compares instants: a row is posted 30 minutes after its time, not on its day', () => {
    const h = harness({
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['ID', 'Opened'],
            ['A-1', new Date(START + 2 * HOUR)],
          ],
          formats: [[], [null, 'yyyy-mm-dd hh:mm']],
        },
      ],
      timeZone: NEW_YORK,
      config: { sendWhen: { column: 'Opened', before: 'now-30m' } },
    });
    const postedAt: string[] = [];
    for (let t = START; t <= START + 4 * HOUR; t += HOUR / 4) {
      const before = h.texts().length;
      runAt(h, t);
      if (h.texts().length > before) postedAt.push(new Date(t).toISOString());
    }
    expect(postedAt).toEqual(['2024-01-15T11:45:00.000Z']);
  });

  it('greaterThan routes by the number in the cell; text that looks like a number is not one', () => {
    const h = harness({
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['ID', 'Amount'],
            ['O-1', 1500],
            ['O-2', 20],
            ['O-3', '1,000,000'],
          ],
        },
      ],
      config: {
        routes: [{ when: { column: 'Amount', greaterThan: 1000 }, webhook: 'BIG' }],
        mentions: [{ when: { column: 'Amount', lessThan: 100 }, mention: 'users/7' }],
      },
    });
    h.addWebhook('BIG', 'AAAABig');
    h.run('runScheduled');
    expect(h.texts('AAAABig').map((t) => t.split('\n')[0])).toEqual(['*O-1 · 1500*']);
    expect(h.texts().map((t) => t.split('\n')[0])).toEqual(['<users/7>', '*O-3 · 1,000,000*']);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'a sheet’s own key',
      { sheets: [{ sheet: 'Tickets', sendWhen: { column: 'Due', before: 'tomorrow' } }] },
      'CHAT_RELAY_CONFIG key "sheets[0].sendWhen.before" (sheet "Tickets") must be "today", "now", "today+3d", "today-1d", "now-30m", "now+4h" (units m, h, d), an ISO date ("2026-12-24") or date-time ("2026-12-24T18:00"), not "tomorrow"',
    ],
    [
      'a default',
      { mentions: [{ when: { column: 'Due', after: 'today+3w' }, mention: 'all' }] },
      'CHAT_RELAY_CONFIG key "mentions[0].when.after" (default for every followed sheet) is "today+3w", which counts in m, h or d (minutes, hours, days), not "w"',
    ],
    [
      'a number',
      { routes: [{ when: { column: 'Due', greaterThan: 'a lot' }, webhook: 'BIG' }] },
      'CHAT_RELAY_CONFIG key "routes[0].when.greaterThan" (default for every followed sheet) must be a number, not "a lot"',
    ],
    [
      'a date like 12/24',
      { sheet: 'Tickets', sendWhen: { column: 'Due', onOrAfter: '12/24' } },
      'CHAT_RELAY_CONFIG key "sendWhen.onOrAfter" (sheet "Tickets") must be "today"',
    ],
  ])(
    'a malformed value in %s is a configuration error naming the value, its path and the sheet',
    (_, config, text) => {
      const h = harness({ sheets: [DUE], config });
      h.run('sendPendingRows');
      expect(h.lastAlert()).toContain(text);
      expect(h.runtime.urlFetch.requests).toHaveLength(0);
      expect(() => h.run('runScheduled')).toThrow(text);
    },
  );

  it('reads the typed values in one more range call, only when a rule compares dates or numbers, and not in an idle run', () => {
    // Rows due on the 14th (delivered), and `waiting` rows due on the 20th (sendWhen holds them back).
    const sheetOf = (rows: number, waiting: number): SheetSpec => ({
      name: 'Tickets',
      rows: [
        ['ID', 'Title', 'Due'],
        ...Array.from({ length: rows }, (_, i) => [
          `T-${i + 1}`,
          `entry ${i + 1}`,
          nyMidnight(i < rows - waiting ? 14 : 20),
        ]),
      ],
    });
    const third = (rows: number, waiting: number, config: Record<string, unknown>) => {
      const h = harness({ sheets: [sheetOf(rows, waiting)], timeZone: NEW_YORK, config });
      h.run('runScheduled');
      h.run('runScheduled');
      h.workbook.calls.reset();
      h.run('runScheduled');
      expect(h.runtime.urlFetch.requests).toHaveLength(rows - waiting);
      return h.workbook.calls;
    };
    const DATED = {
      sendWhen: { column: 'Due', onOrBefore: 'today+1d' },
      mentions: [{ when: { column: 'Due', before: 'today' }, mention: 'all' }],
    };
    const plain = third(20, 0, {});
    // Every row delivered, nothing due: no rule is evaluated, the run is as cheap as without dates.
    const idle = third(20, 0, DATED);
    expect(plain.byMethod['Range.getValues'] ?? 0).toBe(0);
    expect(idle.byMethod['Range.getValues'] ?? 0).toBe(0);
    expect(idle.total).toBe(plain.total);
    expect(third(300, 0, DATED).total).toBe(idle.total);
    // Rows waiting for their day: sendWhen reads the typed values, in one call whatever the size.
    const waiting = third(20, 5, DATED);
    expect(waiting.byMethod['Range.getValues']).toBe(1);
    // …and the spreadsheet's time zone, asked once.
    expect(waiting.byMethod['Spreadsheet.getSpreadsheetTimeZone']).toBe(1);
    expect(waiting.total).toBe(plain.total + 2);
    expect(third(300, 100, DATED).total).toBe(waiting.total);
  });
});

describe('pings to the person in the row (people)', () => {
  const PEOPLE: SheetSpec = {
    name: 'People',
    rows: [
      ['Name', 'Email', 'Chat user ID'],
      ['Ana', ' Ana@Example.com ', 'users/111111111'],
      ['Bob', 'bob@example.com', '222222222'],
      ['Dave', 'dave@example.com', 'Dave Smith'],
      ['Eve', 'eve@example.com', 'users/all'],
      ['Fay', 'fay@example.com', ''],
    ],
  };
  const TICKETS: SheetSpec = {
    name: 'Tickets',
    rows: [
      ['ID', 'Title', 'Status', 'Owner'],
      ['T-1', 'Printer', 'Open', 'ana@example.com'],
      ['T-2', 'VPN', 'Open', 'BOB@example.com, carl@example.com'],
      ['T-3', 'Badge', 'Open', 'all'],
      ['T-4', 'Door', 'Open', '<users/all>'],
      ['T-5', 'Desk', 'Open', 'dave@example.com eve@example.com'],
      ['T-6', 'Lamp', 'Closed', 'ana@example.com'],
    ],
  };
  const CONFIG = {
    sheets: [{ sheet: 'Tickets' }],
    people: { sheet: 'People', emailColumn: 'Email', idColumn: 'Chat user ID' },
    mentions: [{ when: { column: 'Status', equals: 'Open' }, mention: '{{Owner}}' }],
  };

  const aboveCards = (h: Harness) => h.messages().map((m) => (m as CardBody).text);

  it('pings the directory’s ID of each address, names those it does not list, and never pings from a cell', () => {
    const h = harness({ sheets: [TICKETS, PEOPLE], format: 'card', config: CONFIG });
    h.run('sendPendingRows');
    expect(aboveCards(h)).toEqual([
      '<users/111111111>',
      '<users/222222222>\nOwner carl@example.com has no Chat ID in People',
      'Owner all has no Chat ID in People',
      'Owner \u2039users/all\u203a has no Chat ID in People',
      'Owner dave@example.com, eve@example.com have no Chat ID in People',
      undefined,
    ]);
    const bodies = JSON.stringify(h.messages());
    expect(bodies).not.toContain('<users/all>');
    expect(bodies).not.toContain('users/all>');
    // The directory's rows whose ID is not numeric: ignored, and named by row in the summary.
    expect(h.lastAlert()).toContain(
      'People directory, sheet "People": 2 rows ignored, their Chat user ID not a numeric ID (users/123456789 or 123456789): row 4 ("Dave Smith"), row 5 ("users/all").',
    );
  });

  it('reads the directory once per run, and not at all when no mention needs it', () => {
    const h = harness({ sheets: [TICKETS, PEOPLE], format: 'card', config: CONFIG });
    h.workbook.calls.reset();
    h.run('runScheduled');
    expect(h.messages()).toHaveLength(6);
    expect(calls(h, 'Spreadsheet.getSheetByName')).toBe(1);
    const sheetReads = calls(h, 'Range.getDisplayValues');

    // An idle run: nothing to send, nothing to look up.
    h.workbook.calls.reset();
    h.run('runScheduled');
    expect(calls(h, 'Spreadsheet.getSheetByName')).toBe(0);
    expect(h.workbook.calls.cellsRead).toBeLessThan(100);

    // A row whose mention rule does not hold: sent without reading the directory.
    h.sheet().setCell(7, 2, 'Lamp, flickering');
    h.workbook.calls.reset();
    h.run('runScheduled');
    expect(h.messages()).toHaveLength(7);
    expect(calls(h, 'Spreadsheet.getSheetByName')).toBe(0);
    expect(calls(h, 'Range.getDisplayValues')).toBeLessThan(sheetReads);
  });

  it('an update pings the owner only when the rule starts to hold, or the owner changes', () => {
    const h = harness({ sheets: [TICKETS, PEOPLE], format: 'card', config: CONFIG });
    h.run('runScheduled');
    h.sheet().setCell(2, 2, 'Printer, jammed');
    h.run('runScheduled');
    h.sheet().setCell(2, 4, 'bob@example.com');
    h.run('runScheduled');
    h.sheet().setCell(7, 3, 'Open');
    h.run('runScheduled');
    expect(aboveCards(h).slice(6)).toEqual([undefined, '<users/222222222>', '<users/111111111>']);
  });

  it('a message in flight with the directory’s mentions is sent again as it was, not rebuilt', () => {
    const h = harness({ sheets: [TICKETS, PEOPLE], format: 'card', config: CONFIG });
    h.chat.injectFault({ status: 503, times: 100 });
    h.run('sendPendingRows');
    h.chat.clearFaults();
    expect(h.column('Chat Status')[0]).toBe('PENDING');
    const outbox = h.column('Chat Outbox')[0];
    expect(outbox).toContain('<users/111111111>');
    h.clock.advance(60000);
    h.run('sendPendingRows');
    expect(h.lastAlert()).not.toContain('built again');
    expect(aboveCards(h)[0]).toBe('<users/111111111>');
    expect(h.column('Chat Status')).toEqual(Array(6).fill('SENT'));
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'a {{Column}} naming no header',
      {
        ...CONFIG,
        mentions: [{ when: { column: 'Status', equals: 'Open' }, mention: '{{Ownr}}' }],
      },
      'CHAT_RELAY_CONFIG key "mentions[0].mention" names "Ownr", which is not a header of sheet "Tickets" (did you mean "Owner"?)',
    ],
    [
      'a {{Column}} without people',
      { sheets: CONFIG.sheets, mentions: CONFIG.mentions },
      'CHAT_RELAY_CONFIG key "mentions[0].mention" (default for sheet "Tickets") names the column "Owner", whose e-mail addresses are looked up in the people directory: add "people": {"sheet": "People", "emailColumn": "Email", "idColumn": "Chat user ID"} at the top level',
    ],
    [
      'a people value that is not an object',
      { ...CONFIG, people: 'People' },
      'CHAT_RELAY_CONFIG key "people" must be an object such as {"sheet": "People", "emailColumn": "Email", "idColumn": "Chat user ID"}, not "People"',
    ],
  ])('%s is a configuration error naming its path and the sheet', (_, config, text) => {
    const h = harness({ sheets: [TICKETS, PEOPLE], config });
    h.run('sendPendingRows');
    expect(h.lastAlert()).toContain(text);
    expect(h.runtime.urlFetch.requests).toHaveLength(0);
  });

  it('the sidebar previews the ping a run sends, and its save checks the directory', () => {
    const h = harness({ sheets: [TICKETS, PEOPLE], format: 'card' });
    const json = JSON.stringify({ ...CONFIG, format: 'card' });
    const preview = h.run('settingsPreview', json, 'Tickets', 3) as { message: CardBody };
    expect(preview.message.text).toBe(
      '<users/222222222>\nOwner carl@example.com has no Chat ID in People',
    );
    expect(h.runtime.urlFetch.requests).toHaveLength(0);
    const saved = h.run('settingsSave', JSON.stringify({ ...CONFIG, people: { sheet: 'Staff' } }));
    expect(JSON.stringify(saved)).toContain(
      'CHAT_RELAY_CONFIG key \\"people.sheet\\" is \\"Staff\\", but that sheet does not exist (sheets: Tickets, People)',
    );
    expect(h.properties.getProperty('CHAT_RELAY_CONFIG')).toBeNull();
    h.properties.setProperty('CHAT_RELAY_CONFIG', json);
    h.run('sendPendingRows');
    expect(h.messages()[1]).toEqual(expect.objectContaining({ text: preview.message.text }));
  });

  it('a directory sheet or column that does not exist holds the rows that ping from it, saying why', () => {
    const h = harness({
      sheets: [TICKETS, PEOPLE],
      format: 'card',
      config: { ...CONFIG, people: { sheet: 'People', idColumn: 'Chat ID' } },
    });
    expect(() => h.run('runScheduled')).toThrow(
      'The people directory cannot be read: CHAT_RELAY_CONFIG key "people.idColumn" is "Chat ID", which is not a header in row 1 of sheet "People" (headers: Name, Email, Chat user ID)',
    );
    // Only T-6, whose rule does not hold, went out; the others wait, PENDING, saying why.
    expect(h.texts()).toHaveLength(1);
    expect(h.column('Chat Status')).toEqual([...Array(5).fill('PENDING'), 'SENT']);
    expect(h.column('Chat Error')[0]).toMatch(
      /^Not sent: its message pings someone from the people directory, which cannot be read: .*"Chat ID".* It goes out once the directory is fixed\.$/,
    );
    // Fixed: the next run sends them, with their pings.
    h.properties.setProperty('CHAT_RELAY_CONFIG', JSON.stringify({ ...CONFIG, format: 'card' }));
    h.run('runScheduled');
    expect(h.column('Chat Status')).toEqual(Array(6).fill('SENT'));
    expect(aboveCards(h)[1]).toBe('<users/111111111>');
  });
});
