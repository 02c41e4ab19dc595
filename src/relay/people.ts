/**
 * The people directory (`people`): e-mail addresses and their numeric Chat
 * user IDs, read from the directory sheet in a constant number of calls, once
 * per run and only when a `{{Column}}` mention needs it (peopleSource).
 *
 * A cell can never ping anyone by itself: the addresses it holds are only
 * looked up, and only the directory's numeric IDs become mentions
 * (`users/123456789`). A directory entry whose ID is anything else is ignored,
 * and reported with its row number. An address the directory does not list
 * pings no one; the message names it as plain text (notFoundNote).
 */
import { PeopleSettings } from '../config/people';
import { ConfigProblem, configProblem, didYouMean } from '../config/problems';
import { SheetLike } from '../ports';
import { Result, err, ok } from '../result';
import { TableColumn, findColumn } from './table';

/** A Chat user ID as the directory takes it: `users/123456789` or `123456789`. */
const USER_ID = /^(?:users\/)?([0-9]{1,40})$/;
/** What separates the addresses of one cell: commas, semicolons, spaces, line breaks. */
const SEPARATORS = /[\s,;]+/;
/** The longest cell value a report quotes. */
const QUOTED_CHARS = 40;

/** A directory row whose ID is not a numeric Chat user ID: ignored. */
export interface IgnoredEntry {
  /** The 1-based sheet row. */
  row: number;
  /** Its Chat user ID cell, as shown (cut short). */
  value: string;
}

export interface PeopleDirectory {
  /** The directory sheet's name, as notes name it. */
  sheet: string;
  /** The mentions (`users/123456789`) of an e-mail address (trimmed, any case); none when not listed. */
  mentionsOf(address: string): string[];
  /** How many addresses it lists with a usable ID. */
  size: number;
  ignored: IgnoredEntry[];
}

/** What a run (or the sidebar) says of the directory it read. */
export interface PeopleReport {
  sheet: string;
  /** Addresses listed with a usable ID. */
  size: number;
  ignored: IgnoredEntry[];
  /** Why it could not be read (a sheet or a column missing); null when it was. */
  problem: string | null;
}

const quoted = (text: string) =>
  text.length > QUOTED_CHARS ? `${text.slice(0, QUOTED_CHARS - 1)}…` : text;

/** The column of `header` in the directory's header row, or the problem naming what is there. */
function columnOf(
  headers: TableColumn[],
  header: string,
  path: string,
  sheet: string,
): Result<number, ConfigProblem> {
  const found = findColumn(headers, header);
  if (found) return ok(found.index);
  const labels = headers.map((h) => h.label).filter((l) => l !== '');
  return err(
    configProblem(
      path,
      `is "${header}", which is not a header in row 1 of sheet "${sheet}"${didYouMean(header, labels)} (headers: ${labels.join(', ')})`,
    ),
  );
}

/** The directory from its rows (headers in row 1): each address with its IDs, and the rows ignored. */
function directoryOf(
  rows: string[][],
  emailAt: number,
  idAt: number,
  sheet: string,
): PeopleDirectory {
  const ids: { [address: string]: string[] } = {};
  const ignored: IgnoredEntry[] = [];
  for (let r = 1; r < rows.length; r++) {
    const address = String(rows[r][emailAt]).trim().toLowerCase();
    const id = String(rows[r][idAt]).trim();
    if (address === '' || id === '') continue;
    const numeric = USER_ID.exec(id);
    if (!numeric) {
      ignored.push({ row: r + 1, value: quoted(id) });
      continue;
    }
    const mention = `users/${numeric[1]}`;
    const list = ids[address] || (ids[address] = []);
    if (list.indexOf(mention) < 0) list.push(mention);
  }
  return {
    sheet,
    mentionsOf: (address) => {
      const key = address.trim().toLowerCase();
      return Object.prototype.hasOwnProperty.call(ids, key) ? ids[key].slice() : [];
    },
    size: Object.keys(ids).length,
    ignored,
  };
}

/**
 * Reads the directory sheet in one range call (after its size): the problem names the
 * key of `people` and the sheet when a column is missing.
 */
export function readDirectory(
  sheet: SheetLike,
  people: PeopleSettings,
): Result<PeopleDirectory, ConfigProblem> {
  const name = sheet.getName();
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  const rows =
    lastRow > 0 && lastColumn > 0
      ? sheet.getRange(1, 1, lastRow, lastColumn).getDisplayValues()
      : [[]];
  const headers = rows[0].map((h, index) => {
    const header = String(h).trim();
    return { index, label: header, header };
  });
  const email = columnOf(headers, people.emailColumn, `${people.path}.emailColumn`, name);
  if (!email.ok) return email;
  const id = columnOf(headers, people.idColumn, `${people.path}.idColumn`, name);
  if (!id.ok) return id;
  return ok(directoryOf(rows, email.value, id.value, name));
}

/** The directory of one run, read on first use and never again. */
export interface PeopleSource {
  directory(): Result<PeopleDirectory, ConfigProblem>;
  /** What was read, if the directory was asked for; null when it never was. */
  report(): PeopleReport | null;
}

/**
 * The directory `people` names, read on the first call only. `findSheet` finds a sheet by
 * name (exactly, else ignoring case) and lists the sheets there are when there is none.
 */
export function peopleSource(
  people: PeopleSettings,
  findSheet: (name: string) => { sheet: SheetLike } | { names: string[] },
): PeopleSource {
  let read: Result<PeopleDirectory, ConfigProblem> | null = null;
  const directory = () => {
    if (read) return read;
    const found = findSheet(people.sheet);
    read =
      'sheet' in found
        ? readDirectory(found.sheet, people)
        : err(
            configProblem(
              `${people.path}.sheet`,
              `is "${people.sheet}", but that sheet does not exist (sheets: ${found.names.join(', ')})`,
            ),
          );
    return read;
  };
  return {
    directory,
    report: () => {
      if (!read) return null;
      if (!read.ok) return { sheet: people.sheet, size: 0, ignored: [], problem: read.error.text };
      return {
        sheet: read.value.sheet,
        size: read.value.size,
        ignored: read.value.ignored,
        problem: null,
      };
    },
  };
}

/** The addresses a cell names: separated by commas, semicolons or spaces. */
export function addressesIn(cell: string): string[] {
  return cell.split(SEPARATORS).filter((a) => a !== '');
}

/** An address a `{{Column}}` mention named that the directory does not list. */
export interface NotFound {
  /** The column's label. */
  label: string;
  address: string;
  /** The directory sheet's name. */
  directory: string;
}

/** The most addresses a note names, and the longest label and address it shows. */
const NOTE_ADDRESSES = 3;
const NOTE_LABEL_CHARS = 30;
const NOTE_ADDRESS_CHARS = 50;
const NOTE_SHEET_CHARS = 30;

const cut = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/**
 * The plain-text line naming the addresses that ping no one ('' when none): "Owner
 * ana@example.com has no Chat ID in People". At most three addresses, each cut short, so
 * the line stays under 250 characters whatever the cells hold. The composer neutralises it.
 */
export function notFoundNote(notFound: NotFound[]): string {
  if (!notFound.length) return '';
  const shown = notFound.slice(0, NOTE_ADDRESSES);
  const byLabel: string[] = [];
  const parts: { [label: string]: string[] } = {};
  shown.forEach((n) => {
    if (!parts[n.label]) byLabel.push(n.label);
    (parts[n.label] = parts[n.label] || []).push(cut(n.address, NOTE_ADDRESS_CHARS));
  });
  const named = byLabel
    .map((label) => `${cut(label, NOTE_LABEL_CHARS)} ${parts[label].join(', ')}`)
    .join('; ');
  const more = notFound.length - shown.length;
  const verb = notFound.length === 1 ? 'has' : 'have';
  return `${named}${more ? ` and ${more} more` : ''} ${verb} no Chat ID in ${cut(notFound[0].directory, NOTE_SHEET_CHARS)}`;
}
