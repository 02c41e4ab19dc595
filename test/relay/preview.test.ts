import { Workbook } from '../../local/runtime';
import { tableComposer } from '../../src/relay/message-context';
import { PreviewContext, RowPreview, previewRow } from '../../src/relay/preview';
import { WebhookState } from '../../src/relay/work';
import { seededRandom } from '../support/rig';
import { LEDGER_HEADERS, Opened, column, open } from '../support/tables';

const HEADERS = ['ID', 'Title', 'Team'];
const URL = 'https://docs.google.com/spreadsheets/d/spreadsheet-1/edit';
const ROUTES = { routes: [{ when: { column: 'Team', equals: 'Infra' }, webhook: 'INFRA' }] };

/** A sheet of tickets, its relay columns as given (none: not there yet), opened for a preview. */
function tickets(
  rows: string[][],
  config: Record<string, unknown> = {},
  relay: string[][] | null = null,
): Opened {
  const workbook = new Workbook({ id: 'spreadsheet-1', name: 'Helpdesk' });
  const header = relay ? HEADERS.concat(LEDGER_HEADERS) : HEADERS;
  const body = rows.map((r, i) => (relay ? r.concat(relay[i] ?? []) : r));
  // As wide as its columns: a read of a relay column not there yet would fail, as in Apps Script.
  const sheet = workbook.addSheet('Tickets', [header, ...body], [], { maxColumns: header.length });
  const o = open(workbook, sheet, { format: 'text', ...config }, false);
  workbook.calls.reset();
  return o;
}

function preview(
  o: Opened,
  position: number,
  webhooks: { [name: string]: WebhookState } = { default: { ok: true }, INFRA: { ok: true } },
): RowPreview {
  const place = { spreadsheetName: 'Helpdesk', spreadsheetUrl: URL, sheetId: o.sheet.getSheetId() };
  const ctx: PreviewContext = {
    table: o.table,
    rules: o.rules,
    identity: { spreadsheetId: 'spreadsheet-1', sheetId: o.sheet.getSheetId() },
    composer: tableComposer(o.table, o.rules, place),
    webhook: (name) => webhooks[name] ?? { ok: false, reason: `no webhook "${name}"` },
    describeWebhook: (name) => `the ${name} space`,
    random: seededRandom(),
    now: () => Date.UTC(2026, 0, 2),
  };
  return previewRow(ctx, position);
}

/** The relay cells of a row delivered as it is now: SENT, its version the row's. */
function delivered(o: Opened, position: number): string[] {
  const version = o.reader.version(o.table.rows[position]);
  return ['SENT', 'spaces/S/threads/t', '', '', version, '', ''];
}

describe('previewRow', () => {
  it('shows the message a run would post for a new row, as the run composes it', () => {
    const o = tickets([['T-1', 'Printer jammed', 'Desk']]);
    const p = preview(o, 0);
    expect(p).toMatchObject({
      kind: 'post',
      reason: 'new',
      upToDate: false,
      webhook: 'default',
      more: 0,
      status: '',
    });
    const text = String(p.kind === 'post' && p.message.text);
    expect(text.split('\n').slice(0, 2)).toEqual([
      '*T-1 · Printer jammed*',
      '_New row in Tickets_',
    ]);
    expect(text).toContain(`<${URL}#gid=${o.sheet.getSheetId()}&range=A2:C2|Open in Sheets>`);
    expect(p.kind === 'post' && p.message.thread?.threadKey).toMatch(/^chat-relay-/);
  });

  it('reads only: no cell is written, even where the relay columns are not there yet', () => {
    const o = tickets([['T-1', 'Printer jammed', 'Desk']]);
    preview(o, 0);
    expect(o.table.missing).toHaveLength(LEDGER_HEADERS.length);
    expect(o.workbook.calls.byMethod['Range.setValues'] ?? 0).toBe(0);
    expect(o.sheet.displayRows()[0]).toEqual(HEADERS);
  });

  it('goes to the webhook of the row’s route', () => {
    const o = tickets([['T-1', 'Printer jammed', 'Infra']], ROUTES);
    expect(preview(o, 0)).toMatchObject({ kind: 'post', webhook: 'INFRA' });
  });

  it('says why it posts nothing: the header, a blank row, a row waiting for sendWhen', () => {
    const sendWhen = { sendWhen: [{ column: 'Team', equals: 'Infra' }] };
    const o = tickets(
      [
        ['T-1', 'Printer jammed', 'Desk'],
        ['', '', ''],
      ],
      sendWhen,
    );
    expect(preview(o, -1)).toEqual({ kind: 'none', why: 'header', detail: '', status: '' });
    expect(preview(o, 1)).toEqual({ kind: 'none', why: 'blank', detail: '', status: '' });
    expect(preview(o, 5)).toMatchObject({ kind: 'none', why: 'blank' });
    expect(preview(o, 0)).toEqual({ kind: 'none', why: 'waiting', detail: '', status: '' });
  });

  it('says what a run would write for a row it cannot send: its key empty, its webhook unusable', () => {
    const o = tickets(
      [
        ['', 'No key', 'Desk'],
        ['T-2', 'Printer jammed', 'Infra'],
      ],
      ROUTES,
    );
    expect(preview(o, 0)).toEqual({
      kind: 'none',
      why: 'failed',
      detail: 'The key column "ID" is empty: fill it in to send this row',
      status: '',
    });
    const broken = {
      default: { ok: true as const },
      INFRA: { ok: false as const, reason: 'empty' },
    };
    expect(preview(o, 1, broken)).toEqual({
      kind: 'none',
      why: 'held',
      detail:
        'Not sent: the webhook "INFRA" cannot be used: empty. It goes out once the webhook is fixed.',
      status: '',
    });
  });

  it('shows an up-to-date row as "Send selected rows" would post it again', () => {
    const rows = [['T-1', 'Printer jammed', 'Desk']];
    const plain = tickets(rows);
    const o = tickets(rows, {}, [delivered(plain, 0)]);
    const p = preview(o, 0);
    expect(p).toMatchObject({ kind: 'post', reason: 'selected', upToDate: true, status: 'SENT' });
    expect(String(p.kind === 'post' && p.message.text).split('\n')[1]).toMatch(/^_Row re-sent/);
    expect(column(o.sheet, 'Chat Status')).toEqual(['SENT']);
  });

  it('counts the note left in the old thread of a row its route moves', () => {
    const rows = [['T-1', 'Printer jammed', 'Desk']];
    const o = tickets(rows, ROUTES, [delivered(tickets(rows), 0)]);
    // Its ledger: delivered to the default webhook, in its thread there.
    const ledger = JSON.stringify({
      id: 'r1',
      n: 1,
      req: 'q',
      att: o.reader.version(o.table.rows[0]),
      snap: { ID: 'T-1', Title: 'Printer jammed', Team: 'Desk' },
      tk: 'chat-relay-old',
      hook: 'default',
    });
    const c = o.sheet.displayRows()[0].indexOf('Chat Ledger') + 1;
    o.sheet.setRowValues(2, [ledger], c);
    o.sheet.setRowValues(2, ['Infra'], 3);
    const moved = open(o.workbook, o.sheet, { format: 'text', ...ROUTES }, false);
    expect(preview(moved, 0)).toMatchObject({
      kind: 'post',
      reason: 'changed',
      webhook: 'INFRA',
      more: 1,
      status: 'SENT',
    });
  });
});
