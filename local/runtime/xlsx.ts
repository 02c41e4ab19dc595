/**
 * Workbook <-> .xlsx via exceljs, keeping values, number formats (so display
 * values survive a round trip), hidden columns and frozen rows. Dates are
 * written as the workbook's wall-clock time (xlsx has no time zone) and read
 * back in the workbook's time zone. Workbook id, time zone, form URL and
 * sheet sizes/ids travel in the file's description property.
 */
import ExcelJS from 'exceljs';
import { DEFAULT_DATE_TIME_FORMAT } from './number-format';
import { instantToWall, isDate, wallToInstant } from './time';
import { type CellValue, Workbook } from './spreadsheet';

const META_PREFIX = 'chat-relay-local:';

interface Meta {
  id: string;
  timeZone: string;
  formUrl: string | null;
  sheets: Record<string, { maxRows: number; maxColumns: number; sheetId: number }>;
}

export async function saveWorkbookXlsx(wb: Workbook, file: string): Promise<void> {
  const x = new ExcelJS.Workbook();
  x.title = wb.name;
  const meta: Meta = { id: wb.id, timeZone: wb.timeZone, formUrl: wb.formUrl, sheets: {} };
  for (const sheet of wb.sheets) {
    meta.sheets[sheet.name] = {
      maxRows: sheet.maxRows,
      maxColumns: sheet.maxColumns,
      sheetId: sheet.id,
    };
    const ws = x.addWorksheet(sheet.name, {
      views: sheet.frozenRows > 0 ? [{ state: 'frozen', ySplit: sheet.frozenRows }] : [],
    });
    const lastRow = sheet.lastRow();
    const lastCol = Math.max(sheet.lastColumn(), ...sheet.hiddenColumns);
    for (let r = 1; r <= lastRow; r++) {
      for (let c = 1; c <= lastCol; c++) {
        const v = sheet.cell(r, c);
        const f = sheet.format(r, c);
        if (v === '' && f === null) continue;
        const cell = ws.getCell(r, c);
        if (isDate(v)) {
          cell.value = new Date(instantToWall(v.getTime(), wb.timeZone));
          cell.numFmt = f ?? DEFAULT_DATE_TIME_FORMAT;
        } else {
          cell.value = v === '' ? null : v;
          if (f !== null) cell.numFmt = f;
        }
      }
    }
    for (const c of sheet.hiddenColumns) ws.getColumn(c).hidden = true;
  }
  x.description = META_PREFIX + JSON.stringify(meta);
  await x.xlsx.writeFile(file);
}

function plainValue(value: ExcelJS.CellValue): CellValue | '' | { wallDate: Date } {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
    return value;
  if (value instanceof Date) return { wallDate: value };
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null) return '';
      if (result instanceof Date) return { wallDate: result };
      if (typeof result === 'object') return 'error' in result ? String(result.error) : '';
      return result;
    }
    if ('hyperlink' in value) {
      const text = (value as ExcelJS.CellHyperlinkValue).text;
      return typeof text === 'string' ? text : '';
    }
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

export async function loadWorkbookXlsx(file: string): Promise<Workbook> {
  const x = new ExcelJS.Workbook();
  await x.xlsx.readFile(file);
  let meta: Meta | null = null;
  if (x.description?.startsWith(META_PREFIX)) {
    try {
      meta = JSON.parse(x.description.slice(META_PREFIX.length)) as Meta;
    } catch {
      meta = null;
    }
  }
  const wb = new Workbook({
    id: meta?.id,
    name: x.title || undefined,
    timeZone: meta?.timeZone,
    formUrl: meta?.formUrl ?? null,
  });
  x.eachSheet((ws) => {
    const info = meta?.sheets[ws.name];
    const frozen = ws.views?.find((v) => v.state === 'frozen') as { ySplit?: number } | undefined;
    const sheet = wb.addSheet(ws.name, [], undefined, {
      maxRows: info?.maxRows,
      maxColumns: info?.maxColumns,
      frozenRows: frozen?.ySplit ?? 0,
    });
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const v = plainValue(cell.value);
        const f =
          typeof cell.numFmt === 'string' && cell.numFmt !== '' && cell.numFmt !== 'General'
            ? cell.numFmt
            : null;
        if (typeof v === 'object' && v !== null && 'wallDate' in v) {
          sheet.setCell(r, c, new Date(wallToInstant(v.wallDate.getTime(), wb.timeZone)));
        } else if (v !== '') sheet.setCell(r, c, v);
        if (f !== null) sheet.setFormat(r, c, f);
      });
    });
    const columnCount = Math.max(ws.columnCount, ws.actualColumnCount, info?.maxColumns ?? 0);
    for (let c = 1; c <= columnCount; c++) {
      if (ws.getColumn(c).hidden) sheet.hiddenColumns.add(c);
    }
    sheet.maxRows = Math.max(sheet.maxRows, sheet.lastRow());
    sheet.maxColumns = Math.max(sheet.maxColumns, sheet.lastColumn(), ...sheet.hiddenColumns);
  });
  return wb;
}
