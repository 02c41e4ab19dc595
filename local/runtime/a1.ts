/** A1 notation helpers. */

export interface GridRange {
  sheetName?: string;
  row: number;
  column: number;
  /** null = to the last row / column of the sheet (whole-column / whole-row refs). */
  numRows: number | null;
  numColumns: number | null;
}

export function columnToLetters(column: number): string {
  let n = column;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const CELL = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

/** Parses "A1", "A1:C3", "A:C", "2:5", "Sheet 1!B2:C", "'My sheet'!A1". Returns null when invalid. */
export function parseA1(notation: string): GridRange | null {
  let ref = notation.trim();
  let sheetName: string | undefined;
  const bang = ref.lastIndexOf('!');
  if (bang >= 0) {
    sheetName = ref.slice(0, bang);
    if (sheetName.startsWith("'") && sheetName.endsWith("'")) {
      sheetName = sheetName.slice(1, -1).replace(/''/g, "'");
    }
    ref = ref.slice(bang + 1);
  }
  const [a, b = a] = ref.split(':');
  const ma = CELL.exec(a);
  const mb = CELL.exec(b);
  if (!ma || !mb || ref.split(':').length > 2) return null;
  const [, ca, ra] = ma;
  const [, cb, rb] = mb;
  if ((!ca && !ra) || (!cb && !rb)) return null;
  // Both ends must be the same kind: cells, whole columns or whole rows.
  if (!!ca !== !!cb && !(ra && rb)) return null;
  const c1 = ca ? lettersToColumn(ca) : 1;
  const c2 = cb ? lettersToColumn(cb) : null;
  const r1 = ra ? Number(ra) : 1;
  const r2 = rb ? Number(rb) : null;
  if ((ra && Number(ra) < 1) || (rb && Number(rb) < 1)) return null;
  const row = r2 === null ? r1 : Math.min(r1, r2);
  const column = c2 === null ? c1 : Math.min(c1, c2);
  return {
    sheetName,
    row,
    column,
    numRows: ra && rb ? Math.abs((r2 as number) - r1) + 1 : null,
    numColumns: ca && cb ? Math.abs((c2 as number) - c1) + 1 : null,
  };
}

export function toA1(row: number, column: number, numRows = 1, numColumns = 1): string {
  const start = `${columnToLetters(column)}${row}`;
  if (numRows === 1 && numColumns === 1) return start;
  return `${start}:${columnToLetters(column + numColumns - 1)}${row + numRows - 1}`;
}
