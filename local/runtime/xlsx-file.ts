/**
 * Opening a user's .xlsx file: what is wrong with a file the reader cannot
 * open, said in plain words and naming the file, instead of a zip library's
 * message ("Cannot read my.xlsx: it is encrypted (password-protected)").
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** An error about a workbook file; the message names the file and says why. */
export class WorkbookFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    /** "Cannot <action> <file>: <reason>" */
    action = 'read',
  ) {
    super(`Cannot ${action} ${file}: ${reason}`);
    this.name = 'WorkbookFileError';
  }
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** The OLE2 compound file signature: .xls, and encrypted (password-protected) .xlsx. */
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function utf16(text: string): Buffer {
  return Buffer.from(text, 'utf16le');
}

/** Why bytes that are not a zip archive cannot be an .xlsx workbook. */
function notZipReason(bytes: Buffer): string {
  if (bytes.subarray(0, 8).equals(OLE)) {
    if (bytes.includes(utf16('EncryptionInfo')) || bytes.includes(utf16('EncryptedPackage'))) {
      return 'it is encrypted (password-protected): open it, remove the password and save it again';
    }
    return 'it is not an .xlsx workbook (it is an Excel 97-2003 .xls file: save it as .xlsx)';
  }
  return 'it is not an .xlsx workbook (is it a .xls or .csv file renamed?)';
}

/** Why a zip archive is not an .xlsx workbook, or null when it looks like one. */
function zipReason(bytes: Buffer): string | null {
  if (bytes.includes(Buffer.from('mimetypeapplication/vnd.oasis.opendocument'))) {
    return 'it is not an .xlsx workbook (it is an OpenDocument file: save it as .xlsx)';
  }
  if (bytes.includes(Buffer.from('xl/workbook.bin'))) {
    return 'it is not an .xlsx workbook (it is an Excel binary .xlsb file: save it as .xlsx)';
  }
  if (!bytes.includes(Buffer.from('[Content_Types].xml')) || !bytes.includes(Buffer.from('xl/'))) {
    return 'it is not an .xlsx workbook (it is a zip archive with no workbook inside)';
  }
  return null;
}

export interface WorkbookBytes {
  bytes: Buffer;
  /** SHA-256 of the file as read, to recognise it later (the relay journal). */
  sha256: string;
}

/** Reads the file and checks that it can be an .xlsx workbook; throws a WorkbookFileError if not. */
export function readWorkbookBytes(file: string): WorkbookBytes {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new WorkbookFileError(file, 'there is no such file');
    if (code === 'EISDIR') throw new WorkbookFileError(file, 'it is a folder, not a file');
    if (code === 'EACCES')
      throw new WorkbookFileError(file, 'you may not read it (permission denied)');
    throw new WorkbookFileError(file, (e as Error).message);
  }
  if (bytes.length === 0) throw new WorkbookFileError(file, 'it is empty');
  if (!bytes.subarray(0, 4).equals(ZIP)) throw new WorkbookFileError(file, notZipReason(bytes));
  const reason = zipReason(bytes);
  if (reason) throw new WorkbookFileError(file, reason);
  return { bytes, sha256: sha256(bytes) };
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The reader's own failure on a file that passed the checks: damaged. */
export function damaged(file: string, error: unknown): WorkbookFileError {
  const detail = error instanceof Error ? error.message : String(error);
  if (
    /corrupted zip|end of data|central directory|signature|invalid (code|distance)/i.test(detail)
  ) {
    return new WorkbookFileError(
      file,
      'it is damaged: its zip archive is incomplete or corrupted (was a download or copy cut short?)',
    );
  }
  return new WorkbookFileError(file, `it is damaged and cannot be opened (${detail})`);
}
