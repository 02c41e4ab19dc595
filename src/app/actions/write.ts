/**
 * Writing a confirmed action into its row, under the script lock, in an
 * order that makes every prefix safe:
 *
 * 1. its record (who, which action, what it writes) into the row's Chat
 *    Ledger cell, so that the row's next update says who acted
 *    (relay/acted.ts); a record whose cells were never written names nobody;
 * 2. the cells, each run of adjacent ones in one call: the cells an action
 *    writes are usually adjacent (one call). Cells between two runs are
 *    never rewritten, so their formulas and formats stay. Were the
 *    execution stopped between two runs, the action's `when` still holds
 *    and confirming again completes it.
 *
 * Text is never written as a formula (asCellText); {{_now}} is a date.
 */
import { ActionRecord, parseLedger, serializeLedger } from '../../relay/ledger-codec';
import { asCellText } from '../../relay/columns';
import { PlannedCell } from './row-action';
import { Target } from './target';

/** The record the action leaves in the row's ledger. */
function recordOf(target: Target, cells: PlannedCell[], user: string, now: number): ActionRecord {
  const values: { [label: string]: string } = {};
  const dated: string[] = [];
  cells.forEach((c) => (c.text === null ? dated.push(c.label) : (values[c.label] = c.text)));
  return { label: target.action.label, user, at: now, values, dated };
}

/** The cells to write, by 0-based sheet column, in runs of adjacent columns. */
function runsOf(target: Target, cells: PlannedCell[], now: number) {
  const byColumn = cells
    .map((c) => {
      const column = target.opened.table.dataColumns.filter((d) => d.label === c.label)[0];
      const value: unknown = c.text === null ? new Date(now) : asCellText(c.text);
      return { index: column.index, value };
    })
    .sort((a, b) => a.index - b.index);
  const runs: Array<{ first: number; values: unknown[] }> = [];
  byColumn.forEach((c) => {
    const last = runs[runs.length - 1];
    if (last && last.first + last.values.length === c.index) last.values.push(c.value);
    else runs.push({ first: c.index, values: [c.value] });
  });
  return runs;
}

/** Writes the action into its row: the ledger's record first, then the cells (see above). */
export function writeAction(target: Target, cells: PlannedCell[], user: string, now: number): void {
  const table = target.opened.table;
  const row = table.firstDataRow + target.position;
  const ledger = parseLedger(target.ledgerCell);
  if (ledger) {
    ledger.action = recordOf(target, cells, user, now);
    table.sheet.getRange(row, table.ledger.ledger + 1, 1, 1).setValues([[serializeLedger(ledger)]]);
  }
  runsOf(target, cells, now).forEach((run) =>
    table.sheet.getRange(row, run.first + 1, 1, run.values.length).setValues([run.values]),
  );
}
