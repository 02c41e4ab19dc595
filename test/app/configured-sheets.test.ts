import { PropertyStoreFake, Workbook } from '../../local/runtime';
import { loadConfigured, openConfigured } from '../../src/app/configured-sheets';
import { webhookUrl } from '../support/rig';
import { LEDGER_HEADERS, ruleContext } from '../support/tables';

const context = () => ruleContext();

const TICKETS = [
  ['ID', 'Title'],
  ['T-1', 'Printer'],
];

function setup(config?: unknown) {
  const properties = new PropertyStoreFake({
    CHAT_WEBHOOK_URL: webhookUrl(),
    ...(config === undefined ? {} : { CHAT_RELAY_CONFIG: JSON.stringify(config) }),
  });
  const workbook = new Workbook();
  const tickets = workbook.addSheet('Tickets', TICKETS);
  workbook.addSheet('Notes', [['Note'], ['n']]);
  const asked = { spreadsheet: 0 };
  const spreadsheet = () => (asked.spreadsheet++, workbook);
  return { properties, workbook, tickets, asked, spreadsheet };
}

const texts = (result: { ok: boolean; error?: Array<{ text: string }> }) =>
  result.ok ? [] : (result.error ?? []).map((p) => p.text);

describe('loadConfigured', () => {
  it('stops at a bad configuration, with its problems, before asking for the spreadsheet', () => {
    const { properties, asked, spreadsheet } = setup([]);
    const loaded = loadConfigured(properties, spreadsheet, context);
    expect(texts(loaded)).toEqual(['CHAT_RELAY_CONFIG must be a JSON object, not an array']);
    expect(asked.spreadsheet).toBe(0);
  });

  it('reads the Script Properties once, and the spreadsheet only when the followed sheets are asked for', () => {
    const { properties, asked, spreadsheet } = setup({ sheet: 'Notes' });
    const getProperties = jest.spyOn(properties, 'getProperties');
    const loaded = loadConfigured(properties, spreadsheet, context);
    if (!loaded.ok) throw new Error(texts(loaded).join('\n'));
    expect(getProperties).toHaveBeenCalledTimes(1);
    expect(loaded.value.configuration.settings.sheets?.map((e) => e.sheet)).toEqual(['Notes']);
    expect(loaded.value.configuration.webhook('default').ok).toBe(true);
    expect(asked.spreadsheet).toBe(0);

    const followed = loaded.value.followed();
    expect(followed.ok && followed.value.map((f) => f.sheet.getName())).toEqual(['Notes']);
    // Looked up once: asking again, or opening, reuses the same sheets.
    expect(loaded.value.followed()).toBe(followed);
    loaded.value.open({ append: false });
    expect(asked.spreadsheet).toBe(1);
    expect(getProperties).toHaveBeenCalledTimes(1);
  });

  it('opens the followed sheets reading only, or appending the relay columns when asked', () => {
    const { properties, workbook, tickets, spreadsheet } = setup();
    const loaded = loadConfigured(properties, spreadsheet, context);
    if (!loaded.ok) throw new Error(texts(loaded).join('\n'));

    const read = loaded.value.open({ append: false });
    expect(read.ok && read.value.map((o) => o.table.name)).toEqual(['Tickets']);
    expect(workbook.calls.cellsWritten).toBe(0);
    expect(tickets.displayRows()[0]).toEqual(['ID', 'Title']);

    const appended = loaded.value.open({ append: true });
    expect(appended.ok && appended.value[0].table.appended).toBe(true);
    expect(tickets.displayRows()[0]).toEqual(['ID', 'Title', ...LEDGER_HEADERS]);
  });

  it('gives the problems of finding the followed sheets when opening them', () => {
    const { properties, spreadsheet } = setup({ sheet: 'Tikets' });
    const loaded = loadConfigured(properties, spreadsheet, context);
    if (!loaded.ok) throw new Error(texts(loaded).join('\n'));
    const problem =
      'CHAT_RELAY_CONFIG key "sheet" is "Tikets", but that sheet does not exist (sheets: Tickets, Notes)';
    expect(texts(loaded.value.followed())).toEqual([problem]);
    expect(texts(loaded.value.open({ append: true }))).toEqual([problem]);
  });
});

describe('openConfigured', () => {
  it('is the configuration and every followed sheet opened', () => {
    const { properties, spreadsheet, workbook } = setup({ sheets: [{ sheet: 'Notes' }] });
    const opened = openConfigured(properties, spreadsheet, context, { append: false });
    if (!opened.ok) throw new Error(texts(opened).join('\n'));
    expect(opened.value.configuration.settings.sheets?.length).toBe(1);
    expect(opened.value.opened.map((o) => [o.table.name, o.table.keyColumn.label])).toEqual([
      ['Notes', 'Note'],
    ]);
    expect(workbook.calls.cellsWritten).toBe(0);
  });

  it('stops at the first step that has problems: loading, finding, or opening a sheet', () => {
    expect(
      texts(
        openConfigured(setup([]).properties, () => new Workbook(), context, {
          append: true,
        }),
      ),
    ).toEqual(['CHAT_RELAY_CONFIG must be a JSON object, not an array']);
    const missing = setup({ sheet: 'Orders' });
    expect(
      texts(openConfigured(missing.properties, missing.spreadsheet, context, { append: true })),
    ).toEqual([
      'CHAT_RELAY_CONFIG key "sheet" is "Orders", but that sheet does not exist (sheets: Tickets, Notes)',
    ]);
    const noKey = setup({ keyColumn: 'Ticket' });
    const result = openConfigured(noKey.properties, noKey.spreadsheet, context, { append: true });
    expect(texts(result)).toEqual([expect.stringContaining('"Ticket"')]);
    // Nothing is appended when a sheet cannot be opened.
    expect(noKey.tickets.displayRows()[0]).toEqual(['ID', 'Title']);
  });
});
