/**
 * The part names of a zip archive (an .xlsx package), read from its central
 * directory, to tell whether a rewritten workbook lost a part of the
 * original that exceljs does not keep (charts, pivot tables, macros,
 * threaded comments, ...).
 */

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/** The names of the archive's entries, or null when its directory cannot be read (e.g. ZIP64). */
export function zipEntryNames(zip: Buffer): string[] | null {
  const stop = Math.max(0, zip.length - 22 - 65535);
  let eocd = -1;
  for (let i = zip.length - 22; i >= stop; i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || at === 0xffffffff) return null;
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) return null;
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/**
 * Parts every rewrite regenerates, or whose loss costs nothing (Excel
 * rebuilds the calculation chain; printer settings are per machine).
 */
const REGENERATED = [
  /(^|\/)_rels\//,
  /^\[Content_Types\]\.xml$/,
  /^docProps\//,
  /^xl\/(workbook|styles|sharedStrings|calcChain)\.xml$/,
  /^xl\/theme\//,
  /^xl\/printerSettings\//,
  /^xl\/worksheets\/sheet#\.xml$/,
];

/** Part kinds ("xl/charts/chart#.xml") with how many parts of each kind. */
function kinds(names: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const name of names) {
    const kind = name.replace(/\d+/g, '#');
    if (REGENERATED.some((re) => re.test(kind))) continue;
    out.set(kind, (out.get(kind) ?? 0) + 1);
  }
  return out;
}

/**
 * The kinds of part the rewritten package has fewer of than the original
 * (e.g. ["xl/charts/chart#.xml"]); null when either directory is unreadable.
 */
export function lostParts(original: Buffer, rewritten: Buffer): string[] | null {
  const before = zipEntryNames(original);
  const after = zipEntryNames(rewritten);
  if (!before || !after) return null;
  const kept = kinds(after);
  return [...kinds(before)].filter(([kind, n]) => (kept.get(kind) ?? 0) < n).map(([kind]) => kind);
}
