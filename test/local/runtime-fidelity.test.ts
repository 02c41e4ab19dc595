/**
 * The local Apps Script runtime against Apps Script's documented behaviour.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AppsScriptRuntime,
  type AppsScriptRuntimeOptions,
  FakeClock,
  type HttpReply,
  type HttpRequest,
  LockServiceFake,
  loadWorkbookXlsx,
  PropertyStoreFake,
  RealClock,
  saveWorkbookXlsx,
  ScriptAppFake,
  UrlFetchAppFake,
  Workbook,
} from '../../local/runtime';

const START = Date.UTC(2024, 0, 15, 9, 0, 0);

function seededWorkbook(): Workbook {
  const wb = new Workbook({ timeZone: 'Etc/UTC' });
  wb.addSheet(
    'Data',
    [
      ['Item', 'Price', 'Share', 'Due', 'Paid', 'Count', 'Ratio', 'Code', 'Stamp', 'Day'],
      [
        'Widget',
        1234.5,
        0.125,
        new Date(Date.UTC(2024, 2, 5)),
        true,
        1234567,
        2 / 3,
        42,
        new Date(Date.UTC(2024, 0, 15, 14, 5, 9)),
        new Date(Date.UTC(2024, 2, 5)),
      ],
      ['Gadget', -12, 0.5, new Date(Date.UTC(2023, 11, 31)), false, 0, 1234.5, 7, '', ''],
    ],
    [
      [],
      [
        '@',
        '$#,##0.00',
        '0.0%',
        'yyyy-mm-dd',
        null,
        '#,##0',
        '0.00',
        '@',
        'M/d/yyyy H:mm:ss',
        'd/m/yyyy',
      ],
      ['@', '$#,##0.00', '0%', 'yyyy-mm-dd', null, '#,##0', null, null, null, null],
    ],
  );
  return wb;
}

interface Harness {
  rt: AppsScriptRuntime;
  clock: FakeClock;
  wb: Workbook;
  requests: HttpRequest[];
  replies: Array<HttpReply | ((r: HttpRequest) => HttpReply)>;
}

function harness(code: string, options: Partial<AppsScriptRuntimeOptions> = {}): Harness {
  const clock = new FakeClock(START);
  const wb = options.workbook ?? seededWorkbook();
  const requests: HttpRequest[] = [];
  const replies: Harness['replies'] = [];
  const rt = new AppsScriptRuntime({
    workbook: wb,
    clock,
    transport: (r) => {
      requests.push(r);
      const next = replies.shift() ?? {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      };
      return typeof next === 'function' ? next(r) : next;
    },
    ...options,
  });
  rt.load(code);
  return { rt, clock, wb, requests, replies };
}

describe('Spreadsheet values and display values', () => {
  const code = `
    function read(a1) {
      var range = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Data').getRange(a1);
      return { values: range.getValues(), display: range.getDisplayValues() };
    }
    function isDateCell(a1) {
      return SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Data').getRange(a1).getValue() instanceof Date;
    }`;

  it('returns typed values from getValues and formatted strings from getDisplayValues', () => {
    const { rt } = harness(code);
    const { values, display } = rt.call('read', 'A2:J3') as {
      values: unknown[][];
      display: string[][];
    };
    expect(values[0].slice(0, 3)).toEqual(['Widget', 1234.5, 0.125]);
    expect(Object.prototype.toString.call(values[0][3])).toBe('[object Date]');
    expect((values[0][3] as Date).toISOString()).toBe('2024-03-05T00:00:00.000Z');
    expect(values[0][4]).toBe(true);
    expect(display[0]).toEqual([
      'Widget',
      '$1,234.50',
      '12.5%',
      '2024-03-05',
      'TRUE',
      '1,234,567',
      '0.67',
      '42',
      '1/15/2024 14:05:09',
      '5/3/2024',
    ]);
    expect(display[1]).toEqual([
      'Gadget',
      '-$12.00',
      '50%',
      '2023-12-31',
      'FALSE',
      '0',
      '1234.5',
      '7',
      '',
      '',
    ]);
    expect(values[1].slice(7)).toEqual([7, '', '']);
    // the two really differ
    expect(display[0][1]).not.toEqual(String(values[0][1]));
  });

  it('hands Dates to the script as Dates of its own realm', () => {
    const { rt } = harness(code);
    expect(rt.call('isDateCell', 'D2')).toBe(true);
    expect(rt.call('isDateCell', 'B2')).toBe(false);
  });

  it('renders General numbers and dates like Sheets', () => {
    const wb = new Workbook();
    const s = wb.addSheet('S', [
      [1234.5, 1 / 3, 1e21, new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), 'text', 0.1 + 0.2],
    ]);
    expect(s.displayRows()[0]).toEqual([
      '1234.5',
      '0.3333333333',
      '1E+21',
      '1/2/2024 3:04:05',
      'text',
      '0.3',
    ]);
  });

  it('renders formats with literals, sections, AM/PM, month names and scientific notation', () => {
    const wb = new Workbook({ timeZone: 'America/New_York' });
    const when = new Date(Date.UTC(2024, 6, 4, 18, 30)); // 14:30 in New York (EDT)
    const s = wb.addSheet(
      'S',
      [[when, when, 1500, -1500, 0, 0.000123, 'abc', 1234.5]],
      [
        [
          'dddd, mmmm d, yyyy',
          'h:mm AM/PM',
          '#,##0.00;(#,##0.00);"zero"',
          '#,##0.00;(#,##0.00)',
          '0.0;-0.0;"zero"',
          '0.00E+00',
          '"<"@">"',
          '[$€-407]#,##0.00',
        ],
      ],
    );
    expect(s.displayRows()[0]).toEqual([
      'Thursday, July 4, 2024',
      '2:30 PM',
      '1,500.00',
      '(1,500.00)',
      'zero',
      '1.23E-04',
      '<abc>',
      '€1,234.50',
    ]);
  });

  it('applies Range.setNumberFormat(s) to display values and keeps values', () => {
    const { rt, wb } = harness(`
      function fmt() {
        var r = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Data').getRange(2, 2, 1, 2);
        r.setNumberFormat('0.000');
        var out = [r.getDisplayValues()[0], r.getNumberFormat()];
        r.setNumberFormats([['$#,##0', '0%']]);
        out.push(r.getDisplayValues()[0], r.getNumberFormats()[0], r.getValues()[0]);
        return out;
      }`);
    expect(JSON.parse(JSON.stringify(rt.call('fmt')))).toEqual([
      ['1234.500', '0.125'],
      '0.000',
      ['$1,235', '13%'],
      ['$#,##0', '0%'],
      [1234.5, 0.125],
    ]);
    expect(wb.sheet('Data').formatRows()[1].slice(1, 3)).toEqual(['$#,##0', '0%']);
  });
});

describe('Number formats as Excel and Sheets display them', () => {
  const display = (value: unknown, format: string, timeZone = 'Etc/UTC') => {
    const wb = new Workbook({ timeZone });
    return wb.addSheet('S', [[value]], [[format]]).displayRows()[0][0];
  };

  it.each([
    // conditions, and sections left empty
    ['[>=1000]0.0,"K";0', 1500, '1.5K'],
    ['[>=1000]0.0,"K";0', 999, '999'],
    ['[=1]"one";0', 1, 'one'],
    ['#,###;;', 1234, '1,234'],
    ['#,###;;', 0, ''],
    ['#,###;;', -5, ''],
    // a colour on General keeps Sheets' General
    ['[Red]General', 12.5, '12.5'],
    ['[Blue]General', 1 / 3, '0.3333333333'],
    // literals between digit placeholders
    ['000-00-0000', 123456789, '123-45-6789'],
    ['(000) 000-0000', 5551234567, '(555) 123-4567'],
    // fractions
    ['# ?/?', 1.25, '1 1/4'],
    ['# ?/8', 3.375, '3 3/8'],
    ['?/?', 0.75, '3/4'],
    // scaling commas
    ['#,##0,', 1234567, '1,235'],
    ['0.0,,"M"', 1234567, '1.2M'],
    // ? pads with spaces
    ['??0.00', 1.5, '  1.50'],
    ['0.0??', 1.5, '1.5  '],
    // engineering notation
    ['##0.0E+0', 12345, '12.3E+3'],
    ['##0.0E+0', 0.000123, '123.0E-6'],
    // percent and decimal halves round as the decimal typed
    ['0%', 0.285, '29%'],
    ['0.0%', 0.1255, '12.6%'],
    ['0.00', 1.005, '1.01'],
    ['0.00', -1.005, '-1.01'],
    // text sections
    ['0.00;;;"text: "@', 'abc', 'text: abc'],
  ])('%s shows %p as %p', (format, value, expected) => {
    expect(display(value, format)).toBe(expected);
  });

  it('counts serial dates as Sheets does: day 1 is 1899-12-31, no 1900 leap day', () => {
    expect([1, 60, 61, 0, -1].map((n) => display(n, 'yyyy-mm-dd'))).toEqual([
      '1899-12-31',
      '1900-02-28',
      '1900-03-01',
      '1899-12-30',
      '1899-12-29',
    ]);
    // and a Date is read in the spreadsheet's time zone
    const noonUtc = new Date(Date.UTC(2020, 2, 20, 12));
    expect(display(noonUtc, 'M/d/yyyy h:mm AM/PM', 'America/New_York')).toBe('3/20/2020 8:00 AM');
    expect(display(noonUtc, 'M/d/yyyy h:mm AM/PM', 'Asia/Tokyo')).toBe('3/20/2020 9:00 PM');
  });

  it('shows #NUM! for infinite numbers and keeps a currency tag out of the separators', () => {
    expect(display(Infinity, '#,##0.00')).toBe('#NUM!');
    expect(display(1234.5, '[$€-407]#,##0.00')).toBe('€1,234.50');
    expect(display(1234.5, '[$€]#,##0.00')).toBe('€1,234.50');
  });
});

describe('Spreadsheet writes and bounds', () => {
  const code = `
    function sheet() { return SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Data'); }
    function write(r, c, nr, nc, values) { sheet().getRange(r, c, nr, nc).setValues(values); return sheet().getLastRow(); }
    function range(r, c, nr, nc) { return sheet().getRange(r, c, nr, nc).getA1Notation(); }
    function lastRowCol() { return [sheet().getLastRow(), sheet().getLastColumn(), sheet().getMaxRows(), sheet().getMaxColumns()]; }
    function catchIt(fn) { try { fn(); return 'no error'; } catch (e) { return [String(e), e instanceof Error, e.message]; } }
    function badRows() { return catchIt(function () { sheet().getRange(1, 1, 2, 2).setValues([[1, 2]]); }); }
    function badCols() { return catchIt(function () { sheet().getRange(1, 1, 2, 2).setValues([[1, 2], [3]]); }); }
    function writeDate() { var d = new Date(Date.UTC(2024, 4, 6, 7, 8, 9)); sheet().getRange(5, 1).setValues([[d]]); return sheet().getRange(5, 1).getValue() instanceof Date; }`;

  it('checks setValues dimensions with Apps Script messages', () => {
    const { rt } = harness(code);
    expect(rt.call('badRows')).toEqual([
      'Exception: The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
      true,
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    ]);
    expect((rt.call('badCols') as string[])[0]).toBe(
      'Exception: The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
  });

  it('checks getRange bounds with Apps Script messages', () => {
    const { rt } = harness(code);
    const err = (r: number, c: number, nr: number, nc: number) => {
      try {
        rt.call('range', r, c, nr, nc);
        return 'no error';
      } catch (e) {
        return String(e);
      }
    };
    expect(err(0, 1, 1, 1)).toBe('Exception: The starting row of the range is too small.');
    expect(err(1, 0, 1, 1)).toBe('Exception: The starting column of the range is too small.');
    expect(err(1, 1, 0, 1)).toBe('Exception: The number of rows in the range must be at least 1.');
    expect(err(1, 1, 1, 0)).toBe(
      'Exception: The number of columns in the range must be at least 1.',
    );
    expect(err(1000, 1, 2, 1)).toBe(
      'Exception: The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(rt.call('range', 2, 3, 2, 2)).toBe('C2:D3');
  });

  it('tracks getLastRow / getLastColumn as the last non-empty cell', () => {
    const { rt } = harness(code);
    expect(rt.call('lastRowCol')).toEqual([3, 10, 1000, 26]);
    expect(rt.call('write', 7, 12, 1, 1, [['x']])).toBe(7);
    expect(rt.call('lastRowCol')).toEqual([7, 12, 1000, 26]);
    rt.call('write', 7, 12, 1, 1, [['']]);
    expect(rt.call('lastRowCol')).toEqual([3, 10, 1000, 26]);
  });

  it('stores Dates written from the vm as Dates and parses strings like Sheets', () => {
    const { rt, wb } = harness(code);
    expect(rt.call('writeDate')).toBe(true);
    expect(wb.sheet('Data').displayRows()[4][0]).toBe('5/6/2024 7:08:09');
    rt.call('write', 6, 1, 1, 6, [['42', "'42", '2024-01-15T10:00:00Z', 'true', '12%', '1,234']]);
    expect(wb.sheet('Data').rows()[5].slice(0, 6)).toEqual([
      42,
      '42',
      '2024-01-15T10:00:00Z',
      true,
      0.12,
      1234,
    ]);
    expect(wb.sheet('Data').displayRows()[5].slice(0, 6)).toEqual([
      '42',
      '42',
      '2024-01-15T10:00:00Z',
      'TRUE',
      '12%',
      '1,234',
    ]);
    expect(() => rt.call('write', 6, 1, 1, 1, [['=1+1']])).toThrow(/formulas are not implemented/);
    // '@' formatted cells keep text
    rt.call('write', 2, 1, 1, 1, [['007']]);
    expect(wb.sheet('Data').rows()[1][0]).toBe('007');
  });

  it('supports sheet edits: columns, rows, hiding, sort, appendRow', () => {
    const wb = new Workbook();
    const s = wb.addSheet(
      'S',
      [
        ['k', 'v'],
        ['b', 2],
        ['a', 1],
        ['c', 3],
      ],
      undefined,
      { maxColumns: 2, maxRows: 10 },
    );
    s.insertColumnsAfter(2, 2);
    s.hideColumns(3, 2);
    expect([s.getMaxColumns(), s.isColumnHiddenByUser(3), s.isColumnHiddenByUser(2)]).toEqual([
      4,
      true,
      false,
    ]);
    s.insertColumnsAfter(1, 1);
    expect([...s.hiddenColumns].sort((a, b) => a - b)).toEqual([4, 5]);
    expect(s.rows()[0]).toEqual(['k', '', 'v']);
    s.sortRows(1);
    expect(s.rows().map((r) => r[0])).toEqual(['k', 'a', 'b', 'c']);
    s.setFrozenRows(1);
    s.sort(3, false);
    expect(s.rows().map((r) => r[2])).toEqual(['v', 3, 2, 1]);
    s.insertRowsBefore(2, 1);
    expect(s.getLastRow()).toBe(5);
    expect(s.rows()[1]).toEqual(['', '', '']);
    s.deleteRow(2);
    s.appendRow(['d', '', '4']);
    expect(s.rows()[4]).toEqual(['d', '', 4]);
    expect(() => s.deleteRows(1, 20)).toThrow('Those rows are out of bounds.');
    expect(s.getRange('B2:C3').getA1Notation()).toBe('B2:C3');
    expect(s.getDataRange().getA1Notation()).toBe('A1:C5');
  });

  it('checks the arguments of the eight insert methods alike', () => {
    const fresh = () =>
      new Workbook().addSheet('S', [['a', 'b']], undefined, { maxRows: 3, maxColumns: 2 });
    const methods = {
      insertRowsBefore: ['rows', 2],
      insertRowsAfter: ['rows', 2],
      insertRowBefore: ['rows', 1],
      insertRowAfter: ['rows', 1],
      insertColumnsBefore: ['columns', 2],
      insertColumnsAfter: ['columns', 2],
      insertColumnBefore: ['columns', 1],
      insertColumnAfter: ['columns', 1],
    } as const;
    for (const [method, [noun, arity]] of Object.entries(methods)) {
      const call =
        (...args: unknown[]) =>
        () =>
          (fresh() as unknown as Record<string, (...a: unknown[]) => unknown>)[method](...args);
      const more = arity === 2 ? [1] : [];
      const max = noun === 'rows' ? 3 : 2;
      expect(call(0, ...more)).toThrow(`Those ${noun} are out of bounds.`);
      expect(call(max + 1, ...more)).toThrow(`Those ${noun} are out of bounds.`);
      expect(call('2', ...more)).toThrow(
        `The parameters (string${arity === 2 ? ',number' : ''}) don't match the method signature for SpreadsheetApp.Sheet.${method}.`,
      );
      expect(call()).toThrow(
        `don't match the method signature for SpreadsheetApp.Sheet.${method}.`,
      );
      if (arity === 2) {
        expect(call(1, 0)).toThrow(`The number of ${noun} to insert must be at least 1.`);
        expect(call(1)).toThrow('match the method signature');
      }
      expect(call(max, ...more)).not.toThrow();
    }
    const s = fresh();
    s.insertColumnBefore(1);
    s.insertRowAfter(1);
    s.insertRowsBefore(1, 2);
    expect([s.getMaxRows(), s.getMaxColumns()]).toEqual([6, 3]);
    expect(s.rows()).toEqual([
      ['', '', ''],
      ['', '', ''],
      ['', 'a', 'b'],
    ]);
  });

  it('exposes the active selection as a RangeList', () => {
    const { rt, wb } = harness(`
      function selection() {
        var list = SpreadsheetApp.getActiveSpreadsheet().getActiveRangeList();
        if (!list) return null;
        return list.getRanges().map(function (r) { return r.getSheet().getName() + '!' + r.getA1Notation(); });
      }`);
    expect(rt.call('selection')).toBeNull();
    wb.sheet('Data').setSelection(['A2:B3', 'D5']);
    expect(rt.call('selection')).toEqual(['Data!A2:B3', 'Data!D5']);
  });

  it('counts Spreadsheet calls and cells read / written', () => {
    const { rt, wb } = harness(code);
    wb.calls.reset();
    rt.call('write', 5, 1, 2, 2, [
      [1, 2],
      [3, 4],
    ]);
    expect(wb.calls.byMethod).toEqual({
      'SpreadsheetApp.getActiveSpreadsheet': 2,
      'Spreadsheet.getSheetByName': 2,
      'Sheet.getRange': 1,
      'Range.setValues': 1,
      'Sheet.getLastRow': 1,
    });
    expect(wb.calls.total).toBe(7);
    expect(wb.calls.cellsWritten).toBe(4);
    rt.call('lastRowCol');
    wb.sheet('Data').rows(); // host helpers are not counted
    expect(wb.calls.total).toBe(7 + 4 * 3); // each sheet() is 2 calls, plus the getter
    expect(wb.calls.cellsRead).toBe(0);
  });
});

describe('PropertiesService', () => {
  it('returns null for a missing key and strings for set keys', () => {
    const { rt } = harness(
      `function get(k) { return PropertiesService.getScriptProperties().getProperty(k); }
       function all() { return PropertiesService.getScriptProperties().getProperties(); }`,
      { properties: new PropertyStoreFake({ WEBHOOK: 'https://chat.googleapis.com/v1/spaces/x' }) },
    );
    expect(rt.call('get', 'MISSING')).toBeNull();
    expect(rt.call('get', 'WEBHOOK')).toBe('https://chat.googleapis.com/v1/spaces/x');
    expect(rt.call('all')).toEqual({ WEBHOOK: 'https://chat.googleapis.com/v1/spaces/x' });
  });

  it('enforces 9 KB per value and 500 KB per store', () => {
    const store = new PropertyStoreFake();
    store.setProperty('n', 12 as unknown as string);
    expect(store.getProperty('n')).toBe('12');
    expect(() => store.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow(
      'Argument too large: value',
    );
    store.setProperty('ok', 'x'.repeat(9 * 1024));
    expect(() => {
      for (let i = 0; i < 60; i++) store.setProperty(`k${i}`, 'y'.repeat(9000));
    }).toThrow('You have exceeded the property storage quota');
    expect(store.getKeys().length).toBeLessThan(60);
  });

  it('persists to a JSON file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'props-'));
    try {
      const file = join(dir, 'props.json');
      new PropertyStoreFake({}, { file }).setProperty('A', 'b');
      expect(new PropertyStoreFake({}, { file }).getProperty('A')).toBe('b');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('UrlFetchApp', () => {
  const code = `
    function post(url, mute) {
      var r = UrlFetchApp.fetch(url, { method: 'post', contentType: 'application/json', payload: '{"text":"hi"}', muteHttpExceptions: mute });
      return [r.getResponseCode(), r.getContentText(), r.getHeaders()];
    }
    function catchPost(url, mute) { try { return post(url, mute); } catch (e) { return [String(e), e.name, e instanceof Error]; } }`;
  const allowed = ['https://chat.googleapis.com/'];

  it('throws on >= 400 unless muteHttpExceptions is true', () => {
    const h = harness(code, { allowedOrigins: allowed });
    const body = JSON.stringify({ error: { code: 429, message: 'Resource has been exhausted' } });
    h.replies.push({ status: 429, headers: {}, body }, { status: 429, headers: {}, body });
    const url = 'https://chat.googleapis.com/v1/spaces/AAA/messages?key=SECRET&token=SECRET';
    expect(h.rt.call('catchPost', url, false)).toEqual([
      `Exception: Request failed for https://chat.googleapis.com returned code 429. Truncated server response: ${body.slice(0, 100)} (use muteHttpExceptions option to examine full response)`,
      'Exception',
      true,
    ]);
    expect(h.rt.call('post', url, true)).toEqual([429, body, {}]);
    expect(h.requests[0]).toMatchObject({ method: 'POST', payload: '{"text":"hi"}', url });
    expect(h.requests[0].headers['Content-Type']).toBe('application/json');
  });

  it('enforces the manifest allow-list', () => {
    const h = harness(code, { allowedOrigins: allowed });
    const [message] = h.rt.call('catchPost', 'https://evil.example.com/x', false) as string[];
    expect(message).toMatch(/^Exception: .*https:\/\/evil\.example\.com\/x.*not permitted/);
    expect(h.requests).toHaveLength(0);
  });

  it('throws "Address unavailable" with the URL when the connection drops', () => {
    const h = harness(code);
    h.replies.push({ status: 200, headers: {}, body: '{}', drop: 'after-commit' });
    expect(h.rt.call('catchPost', 'https://chat.googleapis.com/v1/x?token=T', false)).toEqual([
      'Exception: Address unavailable: https://chat.googleapis.com/v1/x?token=T',
      'Exception',
      true,
    ]);
    expect(h.rt.urlFetch.requests[0].error).toBe('dropped after-commit');
  });

  it('advances a FakeClock by the reply latency (default 200 ms)', () => {
    const h = harness(code + 'function now() { return Date.now(); }');
    h.replies.push(
      { status: 200, headers: {}, body: '' },
      { status: 200, headers: {}, body: '', latencyMs: 1500 },
    );
    h.rt.call('post', 'https://chat.googleapis.com/a', false);
    expect(h.rt.call('now')).toBe(START + 200);
    h.rt.call('post', 'https://chat.googleapis.com/a', false);
    expect(h.clock.now()).toBe(START + 1700);
  });

  it('follows redirects and can be used directly', () => {
    const clock = new FakeClock(START);
    const seen: string[] = [];
    const fetcher = new UrlFetchAppFake((r): HttpReply => {
      seen.push(r.url);
      return r.url.endsWith('/old')
        ? { status: 302, headers: { Location: '/new' }, body: '' }
        : { status: 200, headers: {}, body: 'done' };
    }, clock);
    expect(fetcher.fetch('https://example.com/old').getContentText()).toBe('done');
    expect(seen).toEqual(['https://example.com/old', 'https://example.com/new']);
    expect(
      fetcher.fetch('https://example.com/old', { followRedirects: false }).getResponseCode(),
    ).toBe(302);
  });
});

describe('LockService', () => {
  const code = `
    function tryIt(ms) { var lock = LockService.getScriptLock(); var ok = lock.tryLock(ms); return [ok, lock.hasLock(), Date.now()]; }
    function waitIt() { try { LockService.getScriptLock().waitLock(1000); return 'locked'; } catch (e) { return String(e); } }
    function release() { var l = LockService.getScriptLock(); l.tryLock(0); l.releaseLock(); return l.hasLock(); }`;

  it('fails tryLock while another execution holds the lock, advancing the clock', () => {
    const { rt } = harness(code);
    const releaseOther = rt.lock.holdForOtherExecution();
    expect(rt.call('tryIt', 10000)).toEqual([false, false, START + 10000]);
    expect(rt.call('waitIt')).toBe(
      'Exception: Lock timeout: another process was holding the lock for too long.',
    );
    releaseOther();
    expect(rt.call('tryIt', 10000)).toEqual([true, true, START + 11000]);
    // released when the execution ended
    expect(rt.lock.holder).toBeNull();
    expect(rt.call('release')).toBe(false);
  });

  it('lets the same execution re-acquire its own lock', () => {
    const locks = new LockServiceFake(new FakeClock());
    locks.currentExecution = 'e1';
    expect(locks.getScriptLock().tryLock(0)).toBe(true);
    expect(locks.getScriptLock().tryLock(0)).toBe(true);
    locks.currentExecution = 'e2';
    expect(locks.getScriptLock().tryLock(100)).toBe(false);
  });
});

describe('ScriptApp triggers', () => {
  const code = `
    function install() {
      ScriptApp.newTrigger('tick').timeBased().everyMinutes(5).create();
      ScriptApp.newTrigger('onSubmit').forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet().getId()).onFormSubmit().create();
      return ScriptApp.getProjectTriggers().map(function (t) {
        return [t.getHandlerFunction(), String(t.getEventType()), t.getEventType() === ScriptApp.EventType.CLOCK];
      });
    }
    function bad(n) { try { ScriptApp.newTrigger('tick').timeBased().everyMinutes(n).create(); return 'ok'; } catch (e) { return String(e); } }
    function removeAll() { ScriptApp.getProjectTriggers().forEach(function (t) { ScriptApp.deleteTrigger(t); }); return ScriptApp.getProjectTriggers().length; }
    var ticks = [];
    function tick(e) { ticks.push([e.minute, e.hour, e.triggerUid === ScriptApp.getProjectTriggers()[0].getUniqueId(), String(e.authMode)]); }
    function getTicks() { return ticks; }
    var submissions = [];
    function onSubmit(e) { submissions.push([e.values, e.namedValues, e.range.getA1Notation(), e.range.getValues()[0][0] instanceof Date, Object.keys(e).sort(), String(e.authMode), e.triggerUid === ScriptApp.getProjectTriggers()[1].getUniqueId()]); }
    function getSubmissions() { return submissions; }
    function uiInTrigger() { SpreadsheetApp.getUi(); }`;

  it('rejects everyMinutes values Apps Script rejects', () => {
    const { rt } = harness(code);
    expect(rt.call('bad', 7)).toMatch(/^Exception: Invalid argument: minutes/);
    expect(rt.call('bad', 15)).toBe('ok');
    expect(
      new ScriptAppFake(new FakeClock()).newTrigger('x').timeBased().everyHours(2).create()
        .periodMs,
    ).toBe(7200000);
  });

  it('installs, fires and deletes triggers', () => {
    const { rt, clock, wb } = harness(code);
    expect(rt.call('install')).toEqual([
      ['tick', 'CLOCK', true],
      ['onSubmit', 'ON_FORM_SUBMIT', false],
    ]);
    expect(rt.runDueTimeTriggers()).toBe(0);
    clock.advance(5 * 60000);
    expect(rt.runDueTimeTriggers()).toBe(1);
    expect(rt.runDueTimeTriggers()).toBe(0);
    clock.advance(17 * 60000); // missed periods are not replayed
    expect(rt.runDueTimeTriggers()).toBe(1);
    expect(rt.call('getTicks')).toEqual([
      [5, 9, true, 'FULL'],
      [22, 9, true, 'FULL'],
    ]);

    wb.addSheet('Form Responses 1', [['Timestamp', 'Name', 'Message']]);
    rt.formSubmit('Form Responses 1', ['Ada', 'Hello']);
    const [values, named, a1, isDate, keys, authMode, ownUid] = (
      rt.call('getSubmissions') as unknown[][]
    )[0];
    expect(values).toEqual(['1/15/2024 9:22:00', 'Ada', 'Hello']);
    expect(named).toEqual({ Timestamp: ['1/15/2024 9:22:00'], Name: ['Ada'], Message: ['Hello'] });
    expect([a1, isDate]).toEqual(['A2:C2', true]);
    // Exactly the fields Apps Script documents for a spreadsheet's form-submit event: no `source`.
    expect(keys).toEqual(['authMode', 'namedValues', 'range', 'triggerUid', 'values']);
    expect([authMode, ownUid]).toEqual(['FULL', true]);
    expect(wb.sheet('Form Responses 1').rows()[1].slice(1)).toEqual(['Ada', 'Hello']);

    expect(rt.call('removeAll')).toBe(0);
    expect(rt.scriptApp.triggers).toHaveLength(0);
  });

  it('has no UI in trigger executions', () => {
    const { rt } = harness(code);
    expect(() => rt.callAsTrigger('uiInTrigger')).toThrow(
      'Cannot call SpreadsheetApp.getUi() from this context.',
    );
    expect(() => rt.call('uiInTrigger')).not.toThrow();
  });
});

describe('simple triggers: opening the spreadsheet runs onOpen(e) in AuthMode.LIMITED', () => {
  const code = `
    var seen = [];
    function onOpen(e) {
      seen.push([Object.keys(e).sort(), String(e.authMode), e.authMode === ScriptApp.AuthMode.LIMITED,
        e.source.getId(), e.user.getEmail()]);
      SpreadsheetApp.getUi().createMenu('Relay').addItem('Send', 'send').addToUi();
    }
    function getSeen() { return seen; }`;

  it('passes the event Apps Script documents (authMode LIMITED, source, user) and has the UI', () => {
    const { rt, wb } = harness(code, { userEmail: 'ana@example.com' });
    expect(rt.openSpreadsheet()).toBe(true);
    expect(rt.call('getSeen')).toEqual([
      [['authMode', 'source', 'user'], 'LIMITED', true, wb.id, 'ana@example.com'],
    ]);
    expect(rt.ui.menus).toEqual([
      { caption: 'Relay', items: [{ caption: 'Send', functionName: 'send' }] },
    ]);
  });

  it('does nothing for a script without onOpen', () => {
    const { rt } = harness('function other() {}');
    expect(rt.openSpreadsheet()).toBe(false);
    expect(rt.serviceCalls).toEqual([]);
  });

  const limited = `
    function attempt(f) { try { f(); return 'ok'; } catch (e) { return String(e); } }
    var results = null;
    function tryAll() {
      return [
        attempt(function () { UrlFetchApp.fetch('https://chat.googleapis.com/v1/x'); }),
        attempt(function () { ScriptApp.getProjectTriggers(); }),
        attempt(function () { ScriptApp.newTrigger('x').timeBased().everyMinutes(5).create(); }),
        attempt(function () { SpreadsheetApp.openById(SpreadsheetApp.getActive().getId()); }),
        attempt(function () { SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput('<p>x</p>')); }),
        attempt(function () { PropertiesService.getScriptProperties().setProperty('opened', 'yes'); }),
        attempt(function () { LockService.getScriptLock().tryLock(0); }),
        attempt(function () { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange(1, 1).setValue('seen'); }),
        attempt(function () { Utilities.getUuid(); Logger.log('opened'); }),
      ];
    }
    function onOpen() { results = tryAll(); }
    function getResults() { return results; }
    function onlyFetch() { UrlFetchApp.fetch('https://chat.googleapis.com/v1/x'); }`;

  it('throws Apps Script’s permission error for services that need authorisation, and allows the rest', () => {
    const { rt, requests, wb } = harness(limited);
    rt.openSpreadsheet();
    expect(rt.call('getResults')).toEqual([
      'Exception: You do not have permission to call UrlFetchApp.fetch. Required permissions: https://www.googleapis.com/auth/script.external_request',
      'Exception: You do not have permission to call ScriptApp.getProjectTriggers. Required permissions: https://www.googleapis.com/auth/script.scriptapp',
      'Exception: You do not have permission to call ScriptApp.newTrigger. Required permissions: https://www.googleapis.com/auth/script.scriptapp',
      'Exception: You do not have permission to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets',
      'Exception: You do not have permission to call Ui.showSidebar. Required permissions: https://www.googleapis.com/auth/script.container.ui',
      'ok',
      'ok',
      'ok',
      'ok',
    ]);
    expect(requests).toEqual([]);
    expect(rt.scriptApp.triggers).toEqual([]);
    expect(rt.ui.dialogs).toEqual([]);
    expect(rt.properties.getProperty('opened')).toBe('yes');
    expect(wb.sheet('Data').displayValue(1, 1)).toBe('seen');
  });

  it('fails the execution as Apps Script does when onOpen fetches; the same function run from a menu may', () => {
    const { rt, requests } = harness(`${limited}\nfunction onOpen() { onlyFetch(); }`);
    let thrown: unknown = null;
    try {
      rt.openSpreadsheet();
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toMatchObject({
      name: 'Exception',
      message:
        'You do not have permission to call UrlFetchApp.fetch. Required permissions: https://www.googleapis.com/auth/script.external_request',
    });
    expect(requests).toHaveLength(0);
    // Only the simple trigger is limited: the next execution (a menu item) has full authorisation.
    rt.call('onlyFetch');
    expect(requests).toHaveLength(1);
    expect(rt.call('tryAll')).not.toContain(expect.stringMatching(/permission/));
  });

  it('stops onOpen after 30 seconds, where a menu run has 6 minutes', () => {
    const { rt, wb } = harness(`
      function slow(n) { for (var i = 0; i < n; i++) Utilities.sleep(10000); SpreadsheetApp.getActive().toast('done ' + n); }
      function onOpen() { slow(4); }`);
    expect(() => rt.openSpreadsheet()).toThrow('Exceeded maximum execution time');
    expect(wb.toasts).toEqual([]); // stopped before the toast
    rt.call('slow', 4);
    expect(wb.toasts.map((t) => t.msg)).toEqual(['done 4']);
  });

  it('stops onOpen that outlives 30 seconds even after its last service call', () => {
    const { rt } = harness(`var n = 0; function onOpen() { Utilities.sleep(31000); n++; }
      function count() { return n; }`);
    expect(() => rt.openSpreadsheet()).toThrow('Exceeded maximum execution time');
    rt.call('onOpen'); // from the editor or a menu: 6 minutes
    expect(rt.call('count')).toBe(2);
  });
});

describe('the vm context', () => {
  it('has no Node or browser globals', () => {
    const names = (
      JSON.parse(
        readFileSync(join(__dirname, '../../local/runtime/absent-globals.json'), 'utf8'),
      ) as { globals: string[] }
    ).globals;
    expect(names).toEqual(expect.arrayContaining(['process', 'require', 'setTimeout', 'URL']));
    const { rt } =
      harness(`function types(names) { return names.map(function (n) { return typeof globalThis[n]; }); }
      function direct() { return [typeof setTimeout, typeof process, typeof require, typeof Buffer, typeof URL]; }`);
    expect(rt.call('types', names)).toEqual(names.map(() => 'undefined'));
    expect(rt.call('direct')).toEqual([
      'undefined',
      'undefined',
      'undefined',
      'undefined',
      'undefined',
    ]);
    // V8's console is replaced by Apps Script's, which writes to the execution log.
    rt.load('function log() { console.log("to the log"); }');
    rt.call('log');
    expect(rt.logs).toEqual(['to the log']);
  });

  it('makes no service call while loading', () => {
    const { rt } = harness(
      'var X = 1; function onOpen() { SpreadsheetApp.getUi().createMenu("Chat Relay").addItem("Send", "send").addSeparator().addToUi(); }',
    );
    expect(rt.serviceCalls).toEqual([]);
    rt.call('onOpen');
    expect(rt.serviceCalls).toEqual(['SpreadsheetApp.getUi']);
    expect(rt.ui.menus).toEqual([
      { caption: 'Chat Relay', items: [{ caption: 'Send', functionName: 'send' }, 'separator'] },
    ]);
  });

  const bundlePath = join(__dirname, '../../dist/Code.js');
  (existsSync(bundlePath) ? it : it.skip)('loads dist/Code.js without calling any service', () => {
    const { rt } = harness(readFileSync(bundlePath, 'utf8'));
    expect(rt.serviceCalls).toEqual([]);
    expect(rt.hasFunction('onOpen')).toBe(true);
  });

  it('records service calls made at load time', () => {
    const { rt } = harness('var SHEET = SpreadsheetApp.getActiveSpreadsheet();');
    expect(rt.serviceCalls).toEqual(['SpreadsheetApp.getActiveSpreadsheet']);
  });

  it('names unimplemented APIs and unknown services', () => {
    const { rt } = harness(`
      function notes() { return SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange(1, 1).getNotes(); }
      function drive() { return DriveApp.getFiles(); }
      function cache() { return CacheService.getScriptCache(); }
      function template() { return HtmlService.createTemplate('<p>x</p>'); }
      function style() { return SpreadsheetApp.newRichTextValue().setTextStyle(null); }`);
    expect(() => rt.call('notes')).toThrow(
      'Local runtime: SpreadsheetApp.Range.getNotes is not implemented',
    );
    expect(() => rt.call('template')).toThrow(
      'Local runtime: HtmlService.createTemplate is not implemented',
    );
    expect(() => rt.call('style')).toThrow(
      'Local runtime: SpreadsheetApp.RichTextValueBuilder.setTextStyle is not implemented',
    );
    expect(() => rt.call('drive')).toThrow('DriveApp is not defined');
    expect(() => rt.call('cache')).toThrow(expect.objectContaining({ name: 'ReferenceError' }));
    expect(() => rt.call('nope')).toThrow('Script function not found: nope');
  });

  it('binds Date to the runtime clock, advanced by Utilities.sleep', () => {
    const { rt, clock } = harness(`
      function times() {
        var a = Date.now(); var d = new Date();
        Utilities.sleep(2500);
        return [a, d.getTime(), Date.now(), new Date(0).getTime(), new Date(2020, 0, 1) instanceof Date, typeof Date(), Date.UTC(2000, 0, 1)];
      }`);
    expect(rt.call('times')).toEqual([
      START,
      START,
      START + 2500,
      0,
      true,
      'string',
      Date.UTC(2000, 0, 1),
    ]);
    expect(clock.now()).toBe(START + 2500);
  });

  it('captures Logger and console output', () => {
    const { rt } = harness(
      `function logs() { Logger.log('a %s c', 'b'); console.log('x', 1, {k: 2}); console.warn('w'); console.error(new Error('boom')); }`,
    );
    rt.call('logs');
    expect(rt.logs).toEqual(['a b c', 'x 1 {"k":2}', 'w', 'Error: boom']);
    expect(rt.logEntries.map((e) => `${e.source}.${e.level}`)).toEqual([
      'Logger.log',
      'console.log',
      'console.warn',
      'console.error',
    ]);
  });

  it('implements Utilities and Session helpers like Apps Script', () => {
    const { rt } = harness(`
      function utils() {
        return [
          Utilities.formatDate(new Date(Date.UTC(2024, 0, 5, 13, 4, 5)), 'America/New_York', "yyyy-MM-dd'T'HH:mm:ssXXX EEE"),
          Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, 'hello', Utilities.Charset.UTF_8).slice(0, 4),
          Utilities.base64Encode('héllo'),
          Session.getScriptTimeZone(),
          /^[0-9a-f-]{36}$/.test(Utilities.getUuid()),
        ];
      }`);
    // md5('hello') = 5d41402a...
    expect(rt.call('utils')).toEqual([
      '2024-01-05T08:04:05-05:00 Fri',
      [93, 65, 64, 42],
      'aMOpbGxv',
      'Etc/UTC',
      true,
    ]);
  });

  it('enforces the 6-minute execution limit on the runtime clock', () => {
    const { rt } =
      harness(`function long() { for (var i = 0; i < 10; i++) { Utilities.sleep(60000); } }
      function swallow() { try { long(); } catch (e) {} return 'swallowed'; }`);
    expect(() => rt.call('long')).toThrow('Exceeded maximum execution time');
    expect(() => rt.call('swallow')).toThrow('Exceeded maximum execution time');
  });

  it('kills an execution after its N-th service call: that call completes, every later one throws', () => {
    const { rt } = harness(`
      function three() {
        var props = PropertiesService.getScriptProperties();
        props.setProperty('a', '1');
        props.setProperty('b', '2');
        return 'done';
      }
      function swallow() {
        var props = PropertiesService.getScriptProperties();
        try { props.setProperty('a', 'x'); } catch (e) {}
        try { props.setProperty('b', 'y'); } catch (e) {}
        return 'swallowed';
      }`);
    rt.killAfterCalls = 2;
    expect(() => rt.call('three')).toThrow('Exceeded maximum execution time');
    expect(rt.properties.getProperties()).toEqual({ a: '1' });
    expect(rt.executionCalls).toBe(3);
    // A script that catches the error cannot go on: every later call throws, and so does the execution.
    rt.killAfterCalls = 1;
    expect(() => rt.call('swallow')).toThrow('Exceeded maximum execution time');
    expect(rt.properties.getProperties()).toEqual({ a: '1' });
    rt.killAfterCalls = null;
    expect(rt.call('three')).toBe('done');
    expect(rt.executionCalls).toBe(3);
    expect(rt.properties.getProperties()).toEqual({ a: '1', b: '2' });
  });

  it('blocks with RealClock.sleep without spinning', () => {
    const clock = new RealClock();
    const t0 = Date.now();
    const cpu0 = process.cpuUsage();
    clock.sleep(120);
    const cpu = process.cpuUsage(cpu0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(115);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(60);
  });
});

describe('xlsx round trip', () => {
  it('keeps values, number formats, display values, hidden columns and dates', async () => {
    const wb = seededWorkbook();
    const data = wb.sheet('Data');
    data.hideColumns(9, 2);
    wb.addSheet('Other', [['only']]);
    const dir = mkdtempSync(join(tmpdir(), 'xlsx-'));
    try {
      const file = join(dir, 'book.xlsx');
      await saveWorkbookXlsx(wb, file);
      const back = await loadWorkbookXlsx(file);
      expect(back.id).toBe(wb.id);
      expect(back.sheets.map((s) => s.name)).toEqual(['Data', 'Other']);
      const d = back.sheet('Data');
      expect(d.rows()).toEqual(data.rows());
      expect(d.displayRows()).toEqual(data.displayRows());
      expect(d.formatRows()).toEqual(data.formatRows());
      expect([...d.hiddenColumns].sort((a, b) => a - b)).toEqual([9, 10]);
      expect(d.isColumnHiddenByUser(9)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps wall-clock dates in a non-UTC workbook', async () => {
    const wb = new Workbook({ timeZone: 'Asia/Kolkata' });
    wb.addSheet('S', [[new Date(Date.UTC(2024, 0, 1, 0, 0))]], [['yyyy-mm-dd hh:mm']]);
    const dir = mkdtempSync(join(tmpdir(), 'xlsx-'));
    try {
      const file = join(dir, 'tz.xlsx');
      await saveWorkbookXlsx(wb, file);
      const back = await loadWorkbookXlsx(file);
      expect(back.sheet('S').displayRows()).toEqual([['2024-01-01 05:30']]);
      expect((back.sheet('S').rows()[0][0] as Date).toISOString()).toBe('2024-01-01T00:00:00.000Z');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cell size limit', () => {
  it('refuses a write of more than 50,000 characters in one cell, writing nothing', () => {
    const wb = new Workbook();
    const sheet = wb.addSheet('S', [['a', 'b']]);
    expect(() => sheet.getRange(1, 1, 1, 2).setValues([['x', 'y'.repeat(50001)]])).toThrow(
      /more than the maximum of 50000 characters/,
    );
    expect(sheet.displayRows()).toEqual([['a', 'b']]);
    sheet.getRange(1, 1, 1, 1).setValues([['z'.repeat(50000)]]);
    expect(sheet.displayRows()[0][0]).toHaveLength(50000);
  });
});
