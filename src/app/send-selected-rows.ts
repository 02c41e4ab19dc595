/** Menu → Send selected rows: the selected rows of a followed sheet, now, changed or not. */
import { Table } from '../relay/table';
import { SheetRange } from './ports';
import { confirmed, menuReport, progressToaster, relayUnderLock } from './relay-under-lock';
import { Services } from './services';
import { WORDS } from './wording';

/** "Send selected rows" asks for confirmation above this many selected rows. */
export const CONFIRM_ABOVE_ROWS = 25;

/** Turns a multi-range selection into data positions of the table's sheet. */
export function selectedPositions(ranges: SheetRange[], table: Table): number[] {
  const positions: number[] = [];
  const sheetId = table.sheet.getSheetId();
  ranges.forEach((range) => {
    if (range.getSheet().getSheetId() !== sheetId) return;
    const top = Math.max(range.getRow(), table.firstDataRow);
    const bottom = Math.min(
      range.getRow() + range.getNumRows() - 1,
      table.firstDataRow + table.rows.length - 1,
    );
    for (let row = top; row <= bottom; row++) positions.push(row - table.firstDataRow);
  });
  return positions;
}

export function sendSelectedRows(services: Services): void {
  // The time budget counts from here: the confirmation below takes time too.
  const startedAt = services.clock.now();
  const selection = services.spreadsheet().getActiveRangeList();
  const ranges = selection ? selection.getRanges() : [];
  if (!ranges.length) {
    services.ui().alert(WORDS.selectFirst);
    return;
  }
  // A whole-column or whole-sheet selection would re-send everything: ask first.
  const selectedRows = ranges.reduce((sum, range) => sum + range.getNumRows(), 0);
  if (
    selectedRows > CONFIRM_ABOVE_ROWS &&
    !confirmed(services, WORDS.confirmSelected(selectedRows), WORDS.nothingSent)
  ) {
    return;
  }
  const sheet = ranges[0].getSheet();
  const outcome = relayUnderLock(services, {
    origin: 'menu',
    startedAt,
    sheet,
    select: (table, candidate) =>
      candidate.getSheetId() === sheet.getSheetId()
        ? { kind: 'selected', positions: selectedPositions(ranges, table) }
        : null,
    onProgress: progressToaster(services),
  });
  // A selected run plans exactly the selected non-blank data rows: none means the
  // selection held only headers, blank rows or rows below the data.
  if (outcome.kind === 'done' && outcome.report.sheets.every((s) => s.planned === 0)) {
    services.ui().alert(WORDS.noDataSelected(sheet.getName()));
    return;
  }
  services.ui().alert(menuReport(outcome, 'send the selected rows'));
}
