/**
 * Reading real .xlsx files from other applications: formula results, the
 * locale's built-in date formats, hyperlinks, merged cells, and files the
 * reader cannot open (named, with the reason in plain words).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import {
  loadWorkbookXlsx,
  RichTextValueBuilderFake,
  saveWorkbookXlsx,
  Workbook,
  WorkbookFileError,
} from '../../local/runtime';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-relay-xlsx-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function xlsxWith(fill: (ws: ExcelJS.Worksheet) => void): Promise<string> {
  const x = new ExcelJS.Workbook();
  fill(x.addWorksheet('S'));
  const file = path.join(dir, 'book.xlsx');
  await x.xlsx.writeFile(file);
  return file;
}

describe('values from other applications', () => {
  it('reads a formula whose result is 0, FALSE or text as that value, not as an empty cell', async () => {
    const file = await xlsxWith((ws) => {
      ws.addRow(['Qty', 'Total', 'Big', 'Label', 'Shared']);
      ws.addRow([
        0,
        { formula: 'A2*50', result: 0 },
        { formula: 'A2>5', result: false },
        { formula: 'IF(A2>5,"big","small")', result: 'small' },
        { formula: 'B2+1', result: 1 },
      ]);
      ws.addRow([
        3,
        { sharedFormula: 'B2', result: 150 },
        { formula: 'A3>5', result: false },
        '',
        { sharedFormula: 'E2', result: 0 },
      ]);
    });
    const s = (await loadWorkbookXlsx(file)).sheet('S');
    expect(s.rows().slice(1)).toEqual([
      [0, 0, false, 'small', 1],
      [3, 150, false, '', 0],
    ]);
    expect(s.displayRows()[1]).toEqual(['0', '0', 'FALSE', 'small', '1']);
  });

  it('shows the built-in short date (format 14) and date-time (22) as en-US Sheets and Excel do', async () => {
    const file = await xlsxWith((ws) => {
      const when = new Date(Date.UTC(2020, 2, 20, 14, 30));
      ws.getCell('A1').value = when;
      ws.getCell('A1').numFmt = 'mm-dd-yy'; // exceljs writes and reads numFmtId 14 by this code
      ws.getCell('B1').value = when;
      ws.getCell('B1').numFmt = 'm/d/yy "h":mm'; // numFmtId 22
      ws.getCell('C1').value = when;
      ws.getCell('C1').numFmt = 'dd-mm-yy'; // a custom format stays as it is
    });
    const s = (await loadWorkbookXlsx(file)).sheet('S');
    expect(s.displayRows()[0]).toEqual(['3/20/2020', '3/20/2020 14:30', '20-03-20']);
    expect(s.formatRows()[0]).toEqual(['M/d/yyyy', 'M/d/yyyy H:mm', 'dd-mm-yy']);
  });

  it('reads a hyperlink as its text with a link, and leaves the other cells of a merge empty', async () => {
    const file = await xlsxWith((ws) => {
      ws.getCell('A1').value = { text: 'the thread', hyperlink: 'https://chat.google.com/t/1' };
      ws.getCell('A2').value = 'spans three';
      ws.mergeCells('A2:C2');
    });
    const s = (await loadWorkbookXlsx(file)).sheet('S');
    // exceljs reports B2 and C2 with A2's value; in Sheets they are empty
    expect(s.rows()).toEqual([['the thread'], ['spans three']]);
    expect([s.cell(2, 2), s.cell(2, 3), s.lastColumn()]).toEqual(['', '', 1]);
    expect(s.getRange('A1').getRichTextValue()?.getLinkUrl()).toBe('https://chat.google.com/t/1');
  });

  it('writes a rich text link into the .xlsx as a hyperlink', async () => {
    const wb = new Workbook();
    const link = new RichTextValueBuilderFake()
      .setText('spaces/A/threads/t')
      .setLinkUrl('https://chat.google.com/room/A/t')
      .build();
    wb.addSheet('S', [['']])
      .getRange('A1')
      .setRichTextValue(link);
    const file = path.join(dir, 'out.xlsx');
    await saveWorkbookXlsx(wb, file);
    const x = new ExcelJS.Workbook();
    await x.xlsx.readFile(file);
    expect(x.getWorksheet('S')?.getCell('A1').value).toEqual({
      text: 'spaces/A/threads/t',
      hyperlink: 'https://chat.google.com/room/A/t',
    });
    const back = (await loadWorkbookXlsx(file)).sheet('S').getRange('A1').getRichTextValue();
    expect([back?.getText(), back?.getLinkUrl()]).toEqual([
      'spaces/A/threads/t',
      'https://chat.google.com/room/A/t',
    ]);
  });

  it('keeps a sheet’s form URL in a saved workbook', async () => {
    const wb = new Workbook();
    wb.addSheet('Tickets', [['ID']]);
    wb.addSheet('Form Responses 1', [['Timestamp']], undefined, {
      formUrl: 'https://docs.google.com/forms/d/e/x/viewform',
    });
    const file = path.join(dir, 'form.xlsx');
    await saveWorkbookXlsx(wb, file);
    const back = await loadWorkbookXlsx(file);
    expect(back.sheets.map((s) => s.formUrl)).toEqual([
      null,
      'https://docs.google.com/forms/d/e/x/viewform',
    ]);
  });
});

describe('files the reader cannot open', () => {
  const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const sector = (...parts: Buffer[]) => Buffer.concat([OLE, Buffer.alloc(504), ...parts]);

  async function reason(name: string, bytes: Buffer | null): Promise<string> {
    const file = path.join(dir, name);
    if (bytes) fs.writeFileSync(file, bytes);
    const error = await loadWorkbookXlsx(file).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkbookFileError);
    const message = (error as Error).message;
    expect(message.startsWith(`Cannot read ${file}: `)).toBe(true);
    return message.slice(`Cannot read ${file}: `.length);
  }

  async function realXlsx(): Promise<Buffer> {
    const x = new ExcelJS.Workbook();
    x.addWorksheet('S').getCell('A1').value = 'x';
    return Buffer.from(await x.xlsx.writeBuffer());
  }

  it('says a .csv or .xls renamed to .xlsx is not an .xlsx workbook', async () => {
    expect(await reason('data.xlsx', Buffer.from('ID,Title\nT-1,Printer\n'))).toBe(
      'it is not an .xlsx workbook (is it a .xls or .csv file renamed?)',
    );
    expect(await reason('old.xlsx', sector(Buffer.from('Workbook', 'utf16le')))).toBe(
      'it is not an .xlsx workbook (it is an Excel 97-2003 .xls file: save it as .xlsx)',
    );
  });

  it('says a password-protected workbook is encrypted', async () => {
    // Excel stores an encrypted .xlsx as an OLE compound file with these streams.
    const encrypted = sector(
      Buffer.from('EncryptionInfo', 'utf16le'),
      Buffer.from('EncryptedPackage', 'utf16le'),
    );
    expect(await reason('secret.xlsx', encrypted)).toBe(
      'it is encrypted (password-protected): open it, remove the password and save it again',
    );
  });

  it('says a cut-short or corrupted file is damaged', async () => {
    const good = await realXlsx();
    expect(await reason('cut.xlsx', good.subarray(0, Math.floor(good.length / 2)))).toMatch(
      /^it is damaged: its zip archive is incomplete or corrupted/,
    );
    const garbled = Buffer.from(good);
    garbled.fill(0x41, 200, 700);
    expect(await reason('garbled.xlsx', garbled)).toMatch(/^it is damaged/);
  });

  it('says which other kind of file it is, or that there is none', async () => {
    const ods = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(26),
      Buffer.from('mimetypeapplication/vnd.oasis.opendocument.spreadsheet'),
    ]);
    expect(await reason('calc.xlsx', ods)).toBe(
      'it is not an .xlsx workbook (it is an OpenDocument file: save it as .xlsx)',
    );
    expect(await reason('empty.xlsx', Buffer.alloc(0))).toBe('it is empty');
    expect(await reason('missing.xlsx', null)).toBe('there is no such file');
  });

  it('says a workbook without a sheet has no sheet', async () => {
    const file = path.join(dir, 'nosheet.xlsx');
    await new ExcelJS.Workbook().xlsx.writeFile(file);
    expect(await reason('nosheet.xlsx', null)).toBe('it has no sheet');
  });
});
