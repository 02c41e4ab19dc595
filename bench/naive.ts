/**
 * The baseline the benchmark compares against: the obvious per-row
 * implementation, one getRange per row to read it and one setValue per
 * status cell to write it. Same change detection, same Chat client.
 */
import { ChatClient } from '../src/chat/client';
import { WebhookUrl } from '../src/chat/webhook-url';
import { threadKeyFor } from '../src/relay/ids';
import { LEDGER_COLUMNS } from '../src/relay/columns';
import { rowReader } from '../src/relay/rows';
import { Table } from '../src/relay/table';
import type { FakeSheet } from '../local/runtime';

export function naiveRun(
  sheet: FakeSheet,
  table: Table,
  client: ChatClient,
  webhook: WebhookUrl,
  now: () => number,
): number {
  const reader = rowReader(table);
  const width = sheet.getLastColumn();
  const lastRow = sheet.getLastRow();
  let sent = 0;
  for (let row = table.firstDataRow; row <= lastRow; row++) {
    const cells = sheet.getRange(row, 1, 1, width).getDisplayValues()[0];
    if (reader.isBlank(cells)) continue;
    const version = reader.version(cells);
    if (cells[table.ledger.status] === 'SENT' && cells[table.ledger.version] === version) continue;
    const key = cells[table.keyColumn.index];
    const result = client.send(
      webhook,
      {
        text: [`*New row in ${table.name}*`, `*${table.keyColumn.label}*: ${key}`]
          .concat(reader.fields(cells).map((f) => `*${f.label}*: ${f.value}`))
          .join('\n'),
        thread: { threadKey: threadKeyFor({ spreadsheetId: 'bench', sheetId: 0 }, key) },
      },
      { requestId: `naive-${row}-${version}` },
    );
    const values: Record<string, unknown> = {
      status: result.ok ? 'SENT' : 'FAILED',
      thread: result.ok ? result.threadName : '',
      sentAt: new Date(now()),
      error: result.ok ? '' : result.message,
      version,
      ledger: '{}',
      outbox: '',
    };
    for (const column of LEDGER_COLUMNS) {
      sheet.getRange(row, table.ledger[column.field] + 1).setValue(values[column.field]);
    }
    if (result.ok) sent++;
  }
  return sent;
}
