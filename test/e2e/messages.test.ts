/**
 * Messages worth reading: cards by default, title templates, shown and
 * watched columns, send conditions, configured mentions, and the link from a
 * row to its thread. The built bundle in the local runtime, against the Chat
 * emulator (which checks every body against the discovery document).
 */
import { validateMessageBody } from '../../local/chat-emulator/message-schema';
import { harness, type SheetSpec } from '../../local/harness';

const OPS: SheetSpec = {
  name: 'Tickets',
  rows: [
    ['ID', 'Title', 'Priority', 'Status', 'Owner', 'Notes'],
    ['T-1', 'Badge reader at door B', 'High', 'Open', 'ana@example.com', ''],
    ['T-2', 'Coffee machine', 'Low', 'Open', '', ''],
    ['T-3', 'Core switch down', 'Urgent', 'Open', 'bob@example.com', 'call vendor'],
  ],
};

interface CardBody {
  text?: string;
  fallbackText?: string;
  cardsV2: Array<{
    card: {
      header: { title: string; subtitle?: string };
      sections: Array<{ widgets: Array<Record<string, unknown>> }>;
    };
  }>;
}

const card = (m: unknown) => (m as CardBody).cardsV2[0].card;
const widgets = (m: unknown) => card(m).sections.flatMap((s) => s.widgets);
const fields = (m: unknown) =>
  widgets(m)
    .filter((w) => 'decoratedText' in w)
    .map((w) => w.decoratedText as { topLabel?: string; text: string });
const button = (m: unknown) =>
  widgets(m)
    .filter((w) => 'buttonList' in w)
    .map(
      (w) =>
        (
          w.buttonList as {
            buttons: Array<{ text: string; onClick: { openLink: { url: string } } }>;
          }
        ).buttons[0],
    )[0];

describe('cards, the default', () => {
  it('a new row: header with the title and what happened, one field per column, a button to the row', () => {
    const h = harness({ sheets: [OPS], format: 'card' });
    h.run('runScheduled');
    const [first] = h.messages();
    expect(validateMessageBody((first as { request?: unknown }).request ?? first)).toEqual([]);
    expect(card(first).header).toEqual({
      title: 'T-1 · Badge reader at door B',
      subtitle: 'New row in Tickets',
    });
    expect(fields(first).map((f) => [f.topLabel, f.text])).toEqual([
      ['ID', 'T-1'],
      ['Title', 'Badge reader at door B'],
      ['Priority', 'High'],
      ['Status', 'Open'],
      ['Owner', 'ana@example.com'],
    ]);
    const open = button(first);
    expect(open.text).toBe('Open in Sheets');
    expect(open.onClick.openLink.url).toBe(
      `${h.workbook.getUrl()}#gid=${h.sheet().getSheetId()}&range=A2:F2`,
    );
    expect((first as CardBody).fallbackText).toBe(
      'T-1 · Badge reader at door B — new row in Tickets',
    );
  });

  it('an update reply: the same header, "Row updated", old → new per changed field', () => {
    const h = harness({ sheets: [OPS], format: 'card' });
    h.run('runScheduled');
    h.sheet().setRowValues(3, ['T-2', 'Coffee machine', 'Low', 'Closed', 'eve@example.com', '']);
    h.run('runScheduled');
    const reply = h.messages()[3];
    expect(card(reply).header).toEqual({
      title: 'T-2 · Coffee machine',
      subtitle: 'Row updated in Tickets',
    });
    const shown = JSON.stringify(widgets(reply));
    expect(shown).toContain('Open → Closed');
    expect(shown).toContain('(empty) → eve@example.com');
    expect(shown).not.toContain('Coffee machine →');
  });

  it('a cell never pings or links: <users/all> and formatting characters are shown as typed', () => {
    const h = harness({
      format: 'card',
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['ID', 'Note'],
            ['T-1', '<users/all> *bold* _it_ <b>x</b>'],
          ],
        },
      ],
    });
    h.run('runScheduled');
    const [message] = h.messages();
    const body = JSON.stringify((message as { request?: unknown }).request ?? message);
    expect(body).not.toContain('<users/all>');
    expect(body).not.toContain('<b>x</b>');
    expect((message as CardBody).text).toBeUndefined();
    const note = fields(message).find((f) => f.topLabel === 'Note')!;
    expect(note.text).toBe('‹users/all› *bold* _it_ ‹b›x‹/b›');
  });

  it('"format": "text" keeps text messages, with the title template as their first line', () => {
    const h = harness({
      sheets: [OPS],
      config: { format: 'text', title: '{{ID}}: {{Title}} ({{Priority}})' },
    });
    h.run('runScheduled');
    expect(h.texts()[0].split('\n')[0]).toBe('*T-1: Badge reader at door B (High)*');
    expect(h.messages()[0].cardsV2).toBeUndefined();
  });
});

describe('title and subtitle templates', () => {
  it('placeholders are columns or the built-ins _key, _sheet, _spreadsheet, _row', () => {
    const h = harness({
      sheets: [OPS],
      format: 'card',
      config: {
        title: '{{_key}} [{{Priority}}] {{Title}}',
        subtitle: 'Row {{_row}} of {{_sheet}}',
      },
    });
    h.run('runScheduled');
    expect(card(h.messages()[2]).header.title).toBe('T-3 [Urgent] Core switch down');
    expect(card(h.messages()[2]).header.subtitle).toBe('Row 4 of Tickets');
  });

  it('a placeholder that names no header is a configuration error naming it and the sheet', () => {
    const h = harness({ sheets: [OPS], config: { title: '{{Ticket}} · {{Title}}' } });
    h.run('sendPendingRows');
    expect(h.lastAlert()).toMatch(/nothing was sent/);
    expect(h.lastAlert()).toMatch(
      /key "title" has the placeholder \{\{Ticket\}\}, which names no header of sheet "Tickets"/,
    );
    expect(h.runtime.urlFetch.requests).toHaveLength(0);
  });
});

describe('quiet columns and send conditions', () => {
  it('columns: only these fields, in this order', () => {
    const h = harness({ sheets: [OPS], format: 'card', config: { columns: ['Status', 'Title'] } });
    h.run('runScheduled');
    expect(fields(h.messages()[0]).map((f) => f.topLabel)).toEqual(['Status', 'Title']);
  });

  it('watchColumns: a change elsewhere is recorded without a message and is not posted later', () => {
    const h = harness({ sheets: [OPS], config: { watchColumns: ['Status', 'Owner'] } });
    h.run('runScheduled');
    h.sheet().setRowValues(2, [
      'T-1',
      'Badge reader at door B',
      'High',
      'Open',
      'ana@example.com',
      'tried a reboot',
    ]);
    h.run('sendPendingRows');
    expect(h.texts()).toHaveLength(3);
    expect(h.lastAlert()).toMatch(/1 row updated without a message/);
    expect(h.column('Chat Status')[0]).toBe('SENT');
    h.sheet().setRowValues(2, [
      'T-1',
      'Badge reader at door B',
      'High',
      'Closed',
      'ana@example.com',
      'tried a reboot',
    ]);
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(4);
    expect(h.texts()[3]).toContain('*Status*: Open → Closed');
    expect(h.texts()[3]).not.toContain('reboot');
  });

  it('sendWhen gates a row’s first message; a waiting row is posted at the first run after it matches', () => {
    const h = harness({
      sheets: [OPS],
      config: { sendWhen: { column: 'Priority', in: ['High', 'Urgent'] } },
    });
    h.run('sendPendingRows');
    expect(h.texts()).toHaveLength(2);
    expect(h.lastAlert()).toMatch(/1 row waiting for its sendWhen condition/);
    expect(h.column('Chat Status')).toEqual(['SENT', '', 'SENT']);
    h.sheet().setRowValues(3, ['T-2', 'Coffee machine', 'High', 'Open', '', '']);
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(3);
    expect(h.texts()[2]).toContain('_New row in Tickets_');
    // Once a row has a thread, sendWhen no longer applies: its later changes are posted.
    h.sheet().setRowValues(3, ['T-2', 'Coffee machine', 'Low', 'Open', '', '']);
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(4);
    expect(h.texts()[3]).toContain('*Priority*: High → Low');
  });
});

describe('columns: exactly the listed fields, in the listed order (issue 13)', () => {
  const DESK: SheetSpec = {
    name: 'Tickets',
    rows: [
      ['Ticket ID', 'Title', 'Status', 'Owner'],
      ['T-1', 'Badge reader at door B', 'Open', 'ana@example.com'],
    ],
  };
  const labels = (m: unknown) => fields(m).map((f) => f.topLabel);
  /** The body lines of a text message: between the event line and the link. */
  const body = (text: string) => text.split('\n').slice(2, -1);

  it('["Status", "Ticket ID", "Owner"]: in that order, the key at its listed place', () => {
    const columns = ['Status', 'Ticket ID', 'Owner'];
    const h = harness({ sheets: [DESK], format: 'card', config: { columns } });
    h.run('runScheduled');
    expect(labels(h.messages()[0])).toEqual(columns);
    expect(card(h.messages()[0]).header.title).toBe('T-1 · Badge reader at door B');
    const text = harness({ sheets: [DESK], config: { columns } });
    text.run('runScheduled');
    expect(body(text.texts()[0])).toEqual([
      '*Status*: Open',
      '*Ticket ID*: T-1',
      '*Owner*: ana@example.com',
    ]);
  });

  it('["Title", "Status"]: no Ticket ID field; the key stays in the title', () => {
    const h = harness({ sheets: [DESK], format: 'card', config: { columns: ['Title', 'Status'] } });
    h.run('runScheduled');
    expect(labels(h.messages()[0])).toEqual(['Title', 'Status']);
    expect(card(h.messages()[0]).header.title).toBe('T-1 · Badge reader at door B');
    const text = harness({ sheets: [DESK], config: { columns: ['Title', 'Status'] } });
    text.run('runScheduled');
    expect(text.texts()[0].split('\n')[0]).toBe('*T-1 · Badge reader at door B*');
    expect(body(text.texts()[0])).toEqual(['*Title*: Badge reader at door B', '*Status*: Open']);
  });

  it('without columns: the key first, then every non-empty column, as before', () => {
    const h = harness({ sheets: [DESK], format: 'card' });
    h.run('runScheduled');
    expect(labels(h.messages()[0])).toEqual(['Ticket ID', 'Title', 'Status', 'Owner']);
  });

  it('an update shows the changes of the listed columns, in their order; others post nothing', () => {
    const h = harness({ sheets: [DESK], config: { columns: ['Status', 'Title'] } });
    h.run('runScheduled');
    h.sheet().setRowValues(2, ['T-1', 'Badge reader, door B', 'Closed', 'bob@example.com']);
    h.run('runScheduled');
    expect(body(h.texts()[1])).toEqual([
      '*Status*: Open → Closed',
      '*Title*: Badge reader at door B → Badge reader, door B',
    ]);
    // A change in a column not shown only is recorded, without a message.
    h.sheet().setRowValues(2, ['T-1', 'Badge reader, door B', 'Closed', 'eve@example.com']);
    h.run('sendPendingRows');
    expect(h.texts()).toHaveLength(2);
    expect(h.lastAlert()).toMatch(/1 row updated without a message/);
  });

  it('a column listed in watchColumns has its changes shown, after the shown columns', () => {
    const h = harness({
      sheets: [DESK],
      format: 'card',
      config: { columns: ['Title', 'Status'], watchColumns: ['Owner', 'Status'] },
    });
    h.run('runScheduled');
    h.sheet().setRowValues(2, ['T-1', 'Badge reader at door B', 'Closed', 'bob@example.com']);
    h.run('runScheduled');
    expect(fields(h.messages()[1]).map((f) => [f.topLabel, f.text])).toEqual([
      ['Status', 'Open → Closed'],
      ['Owner', 'ana@example.com → bob@example.com'],
    ]);
  });
});

describe('configured mentions', () => {
  const URGENT = { mentions: [{ when: { column: 'Priority', equals: 'Urgent' }, mention: 'all' }] };

  it('a new row carries the mention of a rule that holds, in text above the card', () => {
    const h = harness({ sheets: [OPS], format: 'card', config: URGENT });
    h.run('runScheduled');
    const texts = h.messages().map((m) => (m as CardBody).text);
    expect(texts).toEqual([undefined, undefined, '<users/all>']);
  });

  it('an update pings once, when the rule starts to hold, not at every later edit', () => {
    const h = harness({ sheets: [OPS], format: 'card', config: URGENT });
    h.run('runScheduled');
    h.sheet().setRowValues(3, ['T-2', 'Coffee machine', 'Urgent', 'Open', '', '']);
    h.run('runScheduled');
    h.sheet().setRowValues(3, ['T-2', 'Coffee machine', 'Urgent', 'In progress', '', '']);
    h.run('runScheduled');
    const texts = h.messages().map((m) => (m as CardBody).text);
    expect(texts.slice(3)).toEqual(['<users/all>', undefined]);
  });

  it('users/<numeric id> mentions; any other form is a configuration error', () => {
    const ok = harness({
      sheets: [OPS],
      format: 'card',
      config: {
        mentions: [{ when: { column: 'Owner', empty: true }, mention: ['users/123456789'] }],
      },
    });
    ok.run('runScheduled');
    expect(ok.messages().map((m) => (m as CardBody).text)).toEqual([
      undefined,
      '<users/123456789>',
      undefined,
    ]);
    const bad = harness({
      sheets: [OPS],
      config: { mentions: [{ when: { column: 'Owner', empty: true }, mention: '@here' }] },
    });
    bad.run('sendPendingRows');
    expect(bad.lastAlert()).toMatch(
      /key "mentions\[0\]\.mention" \(default for every followed sheet\) must be "all", "users\/<numeric id>"/,
    );
    expect(bad.runtime.urlFetch.requests).toHaveLength(0);
  });
});

describe('from each row to its thread', () => {
  it('Chat Thread keeps the thread’s name as its text and links to https://chat.google.com/room/S/T', () => {
    const h = harness({ sheets: [OPS] });
    h.run('runScheduled');
    const thread = h.table()[0]['Chat Thread'];
    const [, space, id] = /^spaces\/([^/]+)\/threads\/([^/]+)$/.exec(thread)!;
    const column = h.sheet().displayRows()[0].indexOf('Chat Thread') + 1;
    const rich = h.sheet().getRange(2, column).getRichTextValue()!;
    expect(rich.getText()).toBe(thread);
    expect(rich.getLinkUrl()).toBe(`https://chat.google.com/room/${space}/${id}`);
    // Links are written in ranges with the other relay cells, never cell by cell.
    expect(h.workbook.calls.byMethod['Range.setRichTextValue'] ?? 0).toBe(0);
  });

  it('a later status write keeps the links of the rows around it', () => {
    const h = harness({ sheets: [OPS] });
    h.run('runScheduled');
    h.sheet().setRowValues(3, ['T-2', 'Coffee machine', 'Low', 'Closed', '', '']);
    h.run('runScheduled');
    const column = h.sheet().displayRows()[0].indexOf('Chat Thread') + 1;
    for (let row = 2; row <= 4; row++) {
      expect(h.sheet().getRange(row, column).getRichTextValue()!.getLinkUrl()).toMatch(
        /^https:\/\/chat\.google\.com\/room\//,
      );
    }
  });
});

describe('a row too large for one message is cut to fit, never refused (issue 13)', () => {
  const MARK = '… [truncated]';
  const LINKS = Array.from({ length: 30 }, (_, i) => `Link ${i + 1}`);

  /** A long URL of about 990 characters whose parameters are joined by `sep` (200 of them). */
  const longUrl = (i: number, sep: string, version = '') =>
    `https://example.com/report/${i}${version}?${Array.from({ length: 200 }, (_, j) => `p${j}=${j}`).join(sep)}`.slice(
      0,
      990,
    );

  /** Issue 13's row: 30 long URLs each with many `sep`, and a 50,000-character Notes cell. */
  function hugeRow(sep = '&', version = ''): string[] {
    const notes = `Notes ${version} ${sep} `.repeat(6000).slice(0, 50000);
    return ['T-1', ...LINKS.map((_, i) => longUrl(i, sep, version)), notes];
  }

  function hugeSheet(sep = '&'): SheetSpec {
    return { name: 'Tickets', rows: [['ID', ...LINKS, 'Notes'], hugeRow(sep)] };
  }

  /** Every request the run made, as the bytes of its body as sent. */
  const sentBytes = (h: ReturnType<typeof harness>) =>
    h.runtime.urlFetch.requests.map((r) => Buffer.byteLength(String(r.payload), 'utf8'));

  function expectPostedWithin(h: ReturnType<typeof harness>, requests: number) {
    expect(h.column('Chat Status')).toEqual(['SENT']);
    expect(h.column('Chat Error')).toEqual(['']);
    expect(sentBytes(h)).toHaveLength(requests);
    sentBytes(h).forEach((bytes) => expect(bytes).toBeLessThanOrEqual(32000));
    const last = h.runtime.urlFetch.requests[requests - 1];
    expect(JSON.parse(String(last.payload)).thread.threadKey).toMatch(/^chat-relay-/);
    expect(String(last.payload)).toContain(MARK);
  }

  it.each(['card', 'text'] as const)(
    'issue 13’s row (30 URLs full of &, a 50,000-character Notes) is posted as %s, in one request within 32,000 bytes, the cut marked',
    (format) => {
      const h = harness({ sheets: [hugeSheet()], format });
      h.run('runScheduled');
      expectPostedWithin(h, 1);
      expect(h.messages()).toHaveLength(1);
    },
  );

  it.each(['<', '>', '"', "'", '😀', 'é', '\u0001'])(
    'a card whose cells are full of %j, with a mention, is posted within 32,000 bytes',
    (sep) => {
      const h = harness({
        sheets: [hugeSheet(sep)],
        format: 'card',
        config: { mentions: [{ when: { column: 'ID', equals: 'T-1' }, mention: 'all' }] },
      });
      h.run('runScheduled');
      expectPostedWithin(h, 1);
      expect(h.messages()[0].text).toBe('<users/all>');
    },
  );

  it.each(['card', 'text'] as const)(
    'as %s, an update (old → new) and a re-send of that row are posted within 32,000 bytes too',
    (format) => {
      const h = harness({ sheets: [hugeSheet()], format });
      h.run('runScheduled');
      h.sheet().setRowValues(2, hugeRow('&', 'v2'));
      h.run('runScheduled');
      expectPostedWithin(h, 2);
      expect(String(h.runtime.urlFetch.requests[1].payload)).toContain('→');
      h.sheet().setSelection(['A2']);
      h.run('sendSelectedRows');
      expectPostedWithin(h, 3);
      expect(h.threads()).toHaveLength(1);
      expect(h.threads()[0].messages).toHaveLength(3);
    },
  );

  it.each(['card', 'text'] as const)(
    'as %s, a row moved to another space and the notice left in its old thread both fit',
    (format) => {
      const h = harness({
        sheets: [hugeSheet()],
        format,
        config: { routes: [{ when: { column: 'Notes', matches: '^moved' }, webhook: 'OTHER' }] },
      });
      h.addWebhook('OTHER', 'OTHER1');
      h.run('runScheduled');
      const moved = hugeRow('&', 'v2');
      moved[moved.length - 1] = `moved ${moved[moved.length - 1]}`.slice(0, 50000);
      h.sheet().setRowValues(2, moved);
      h.run('runScheduled');
      expectPostedWithin(h, 3);
      expect(h.messages('OTHER1')).toHaveLength(1);
      expect(h.threads()[0].messages).toHaveLength(2);
    },
  );

  it.each(['card', 'text'] as const)(
    'as %s, a row moved by 30 huge route columns at once: both messages fit its Chat Outbox cell, and go out',
    (format) => {
      const h = harness({
        sheets: [hugeSheet()],
        format,
        config: {
          routes: [{ when: LINKS.map((l) => ({ column: l, matches: 'v2' })), webhook: 'OTHER' }],
        },
      });
      h.addWebhook('OTHER', 'OTHER1');
      h.run('runScheduled');
      h.sheet().setRowValues(2, hugeRow('&', 'v2'));
      h.run('runScheduled');
      expectPostedWithin(h, 3);
      expect(h.messages('OTHER1')).toHaveLength(1);
      const notice = h.threads()[0].messages[1];
      expect(JSON.stringify(notice.text ?? notice.cardsV2)).toMatch(/more change|Link 1/);
    },
  );
});
