/**
 * The runtime APIs the relay's next features use, against Apps Script's
 * documented behaviour: Sheet.getFormUrl, UrlFetchApp.fetchAll, Rich Text
 * values, HtmlService with sidebars and dialogs, per-user triggers,
 * Spreadsheet.getUrl, Script Properties writes, and the flush / toast hooks.
 */
import {
  AppsScriptRuntime,
  type AppsScriptRuntimeOptions,
  FakeClock,
  type HttpReply,
  type HttpRequest,
  PropertyStoreFake,
  type Transport,
  Workbook,
} from '../../local/runtime';

const START = Date.UTC(2024, 0, 15, 9, 0, 0);

function runtime(code: string, options: Partial<AppsScriptRuntimeOptions> = {}) {
  const clock = new FakeClock(START);
  const workbook = options.workbook ?? new Workbook();
  if (!workbook.sheets.length) workbook.addSheet('Sheet1', [['a', 'b']]);
  const sent: HttpRequest[] = [];
  const transport: Transport = (r) => {
    sent.push(r);
    return { status: 200, headers: {}, body: r.url };
  };
  const rt = new AppsScriptRuntime({ workbook, clock, transport, ...options });
  rt.load(code);
  return { rt, clock, workbook, sent };
}

/** Runs fn in the vm and returns [String(error), error.name] when it throws. */
const CATCH = `function catching(fn) { try { return fn(); } catch (e) { return ['threw', String(e)]; } }`;

describe('Sheet.getFormUrl', () => {
  const code = `function urls() {
    var ss = SpreadsheetApp.getActiveSpreadsheet();
    return [ss.getFormUrl()].concat(ss.getSheets().map(function (s) { return s.getFormUrl(); }));
  }`;
  const FORM = 'https://docs.google.com/forms/d/e/1FAIpQLSf-responses/viewform';

  it('is the form of each sheet, or null; the spreadsheet reports the form linked to it', () => {
    const wb = new Workbook();
    wb.addSheet('Tickets', [['ID']]);
    wb.addSheet('Form Responses 1', [['Timestamp']], undefined, { formUrl: FORM });
    expect(runtime(code, { workbook: wb }).rt.call('urls')).toEqual([FORM, null, FORM]);
  });

  it('keeps the spreadsheet-level form URL when no sheet names one', () => {
    const wb = new Workbook({ formUrl: FORM });
    wb.addSheet('Sheet1');
    expect(runtime(code, { workbook: wb }).rt.call('urls')).toEqual([FORM, null]);
    expect(runtime(code).rt.call('urls')).toEqual([null, null]);
  });
});

describe('Spreadsheet.getUrl', () => {
  it('is the /spreadsheets/d/<id>/edit URL', () => {
    const wb = new Workbook({ id: '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg' });
    const { rt } = runtime('function url() { return SpreadsheetApp.getActive().getUrl(); }', {
      workbook: wb,
    });
    expect(rt.call('url')).toBe(`https://docs.google.com/spreadsheets/d/${wb.id}/edit`);
  });
});

describe('UrlFetchApp.fetchAll', () => {
  const code = `${CATCH}
    function all(requests) {
      return catching(function () {
        return UrlFetchApp.fetchAll(requests).map(function (r) { return [r.getResponseCode(), r.getContentText()]; });
      });
    }
    function now() { return Date.now(); }`;

  function withReplies(replies: Record<string, HttpReply>) {
    const sent: HttpRequest[] = [];
    const transport: Transport = (r) => {
      sent.push(r);
      return replies[new URL(r.url).pathname] ?? { status: 200, headers: {}, body: r.url };
    };
    return { ...runtime(code, { transport }), sent };
  }

  it('returns the responses in request order, each request built like fetch and recorded', () => {
    const h = withReplies({
      '/a': { status: 200, headers: {}, body: 'A', latencyMs: 900 },
      '/b': { status: 201, headers: {}, body: 'B', latencyMs: 100 },
    });
    const result = h.rt.call('all', [
      { url: 'https://example.com/a' },
      {
        url: 'https://example.com/b',
        method: 'post',
        contentType: 'application/json',
        payload: '{"x":1}',
        headers: { 'X-Test': 'yes' },
      },
    ]);
    expect(result).toEqual([
      [200, 'A'],
      [201, 'B'],
    ]);
    expect(h.sent.map((r) => [r.method, r.url, r.payload])).toEqual([
      ['GET', 'https://example.com/a', ''],
      ['POST', 'https://example.com/b', '{"x":1}'],
    ]);
    expect(h.sent[1].headers).toMatchObject({
      'Content-Type': 'application/json',
      'X-Test': 'yes',
    });
    expect(h.rt.urlFetch.requests.map((r) => [r.url, r.status, r.at])).toEqual([
      ['https://example.com/a', 200, START],
      ['https://example.com/b', 201, START],
    ]);
  });

  it('advances a FakeClock by the slowest latency, not the sum (the requests run concurrently)', () => {
    const h = withReplies({
      '/slow': { status: 200, headers: {}, body: '', latencyMs: 1500 },
      '/fast': { status: 200, headers: {}, body: '', latencyMs: 300 },
    });
    h.rt.call('all', [
      { url: 'https://example.com/slow' },
      { url: 'https://example.com/fast' },
      { url: 'https://example.com/fast' },
    ]);
    expect(h.clock.now()).toBe(START + 1500);
    h.rt.call('all', [{ url: 'https://example.com/fast' }, { url: 'https://example.com/other' }]);
    expect(h.clock.now()).toBe(START + 1500 + 300); // the default latency is 200 ms
  });

  it('throws for a code >= 400 unless that request mutes HTTP exceptions', () => {
    const h = withReplies({ '/missing': { status: 404, headers: {}, body: 'Not Found' } });
    const [threw, message] = h.rt.call('all', [
      { url: 'https://example.com/ok' },
      { url: 'https://example.com/missing' },
    ]) as string[];
    expect(threw).toBe('threw');
    expect(message).toMatch(
      /^Exception: Request failed for https:\/\/example\.com returned code 404\. Truncated server response: Not Found/,
    );
    // Both were sent, concurrently, before the failure was reported.
    expect(h.sent).toHaveLength(2);
    expect(
      h.rt.call('all', [
        { url: 'https://example.com/ok' },
        { url: 'https://example.com/missing', muteHttpExceptions: true },
      ]),
    ).toEqual([
      [200, 'https://example.com/ok'],
      [404, 'Not Found'],
    ]);
  });

  it('checks every request before sending any, and rejects a non-array', () => {
    const h = withReplies({});
    const [, message] = h.rt.call('all', [
      { url: 'https://example.com/ok' },
      { url: 'nope' },
    ]) as string[];
    expect(message).toBe('Exception: Invalid argument: nope');
    expect(h.sent).toHaveLength(0);
    expect(h.rt.call('all', 'https://example.com/')).toEqual([
      'threw',
      "Exception: The parameters (string) don't match the method signature for UrlFetchApp.fetchAll.",
    ]);
  });

  it('uses the transport’s batch entry point when it has one', () => {
    const batches: string[][] = [];
    const transport: Transport = () => {
      throw new Error('fetchAll should send through batch');
    };
    transport.batch = (requests) => {
      batches.push(requests.map((r) => r.url));
      return requests.map((r, i) =>
        i === 1
          ? new Error(`Address unavailable: ${r.url}`)
          : { status: 200, headers: {}, body: 'ok' },
      );
    };
    const { rt } = runtime(code, { transport });
    const [threw, message] = rt.call('all', [
      { url: 'https://example.com/1' },
      { url: 'https://example.com/2' },
    ]) as string[];
    expect(batches).toEqual([['https://example.com/1', 'https://example.com/2']]);
    expect([threw, message]).toEqual([
      'threw',
      'Error: Address unavailable: https://example.com/2',
    ]);
    expect(rt.urlFetch.requests.map((r) => [r.status, r.error])).toEqual([
      [200, undefined],
      [null, 'Address unavailable: https://example.com/2'],
    ]);
  });
});

describe('Rich Text values', () => {
  const code = `${CATCH}
    function range(a1) { return SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange(a1); }
    function link(a1, text, url) {
      range(a1).setRichTextValue(SpreadsheetApp.newRichTextValue().setText(text).setLinkUrl(url).build());
    }
    function partial() {
      var v = SpreadsheetApp.newRichTextValue().setText('see thread 42').setLinkUrl(4, 10, 'https://chat.google.com/t').build();
      range('A1').setRichTextValues([[v]]);
      var back = range('A1').getRichTextValue();
      return [back.getText(), back.getLinkUrl(), back.getLinkUrl(4, 10), back.getLinkUrl(0, 3),
        back.getRuns().map(function (r) { return [r.getText(), r.getStartIndex(), r.getEndIndex(), r.getLinkUrl()]; })];
    }
    function read(a1) {
      var r = range(a1);
      return [r.getValues(), r.getDisplayValues(), r.getRichTextValues().map(function (row) {
        return row.map(function (v) { return v === null ? null : [v.getText(), v.getLinkUrl()]; });
      })];
    }
    function overwrite() { range('A1').setValue('plain'); return range('A1').getRichTextValue().getLinkUrl(); }
    function notRich() { return catching(function () { range('A1').setRichTextValue('text'); }); }
    function badOffsets() { return catching(function () { SpreadsheetApp.newRichTextValue().setText('abc').setLinkUrl(2, 9, 'https://x'); }); }`;

  it('stores the text as the cell value, with its link', () => {
    const wb = new Workbook();
    wb.addSheet('S', [
      ['', 42],
      ['', new Date(Date.UTC(2024, 0, 2))],
    ]);
    const { rt } = runtime(code, { workbook: wb });
    rt.call('link', 'A1', 'spaces/AAA/threads/t1', 'https://chat.google.com/room/AAA/t1');
    rt.call('link', 'A2', '12', 'https://example.com/12');
    expect(JSON.parse(JSON.stringify(rt.call('read', 'A1:B2')))).toEqual([
      [
        ['spaces/AAA/threads/t1', 42],
        ['12', '2024-01-02T00:00:00.000Z'],
      ],
      [
        ['spaces/AAA/threads/t1', '42'],
        ['12', '1/2/2024 0:00:00'],
      ],
      [
        // numbers and dates are not text: null
        [['spaces/AAA/threads/t1', 'https://chat.google.com/room/AAA/t1'], null],
        [['12', 'https://example.com/12'], null],
      ],
    ]);
    // the text "12" stays text, as typed rich text does
    expect(wb.sheet('S').rows()[1][0]).toBe('12');
    expect(wb.sheet('S').richText(1, 1)?.runs).toEqual([
      { start: 0, end: 21, link: 'https://chat.google.com/room/AAA/t1' },
    ]);
  });

  it('links part of a text, splits it into runs, and loses the link when the cell is overwritten', () => {
    const { rt } = runtime(code);
    expect(rt.call('partial')).toEqual([
      'see thread 42',
      null, // the links differ across the text
      'https://chat.google.com/t',
      null,
      [
        ['see ', 0, 4, null],
        ['thread', 4, 10, 'https://chat.google.com/t'],
        [' 42', 10, 13, null],
      ],
    ]);
    expect(rt.call('overwrite')).toBeNull();
  });

  it('gives a plain text cell a Rich Text value without a link, and an empty cell an empty one', () => {
    const { rt } = runtime(code);
    expect(rt.call('read', 'A1:C1')).toEqual([
      [['a', 'b', '']],
      [['a', 'b', '']],
      [
        [
          ['a', null],
          ['b', null],
          ['', null],
        ],
      ],
    ]);
  });

  it('checks its arguments and counts its calls like other Spreadsheet calls', () => {
    const { rt, workbook } = runtime(code);
    expect(rt.call('notRich')).toEqual([
      'threw',
      "Exception: The parameters (string) don't match the method signature for SpreadsheetApp.Range.setRichTextValue.",
    ]);
    expect(rt.call('badOffsets')).toEqual(['threw', 'Exception: Invalid argument: endOffset']);
    workbook.calls.reset();
    rt.call('link', 'A1:B1', 'x', 'https://x.example/');
    rt.call('read', 'A1:B1');
    expect(workbook.calls.byMethod).toMatchObject({
      'SpreadsheetApp.newRichTextValue': 1,
      'Range.setRichTextValue': 1,
      'Range.getRichTextValues': 1,
    });
    expect(workbook.calls.cellsWritten).toBe(2);
    expect(workbook.calls.cellsRead).toBe(2 * 3);
  });
});

describe('HtmlService', () => {
  const code = `${CATCH}
    function output() {
      var out = HtmlService.createHtmlOutput('<p>Hello</p>').setTitle('Chat Relay').setWidth(420).setHeight(300);
      out.append('<p>more</p>').appendUntrusted('<b title="it\\'s">&</b>');
      return [out.getTitle(), out.getWidth(), out.getHeight(), out.getContent()];
    }
    function sidebar() { SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput('<p>side</p>').setTitle('Relay')); }
    function dialog() { SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput('<p>dlg</p>').setWidth(500), 'Preview'); }
    function noTitle() { return catching(function () { SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput('x')); }); }
    function badWidth() { return catching(function () { HtmlService.createHtmlOutput('x').setWidth('wide'); }); }`;

  it('builds an HtmlOutput', () => {
    const { rt } = runtime(code);
    expect(rt.call('output')).toEqual([
      'Chat Relay',
      420,
      300,
      '<p>Hello</p><p>more</p>&lt;b title=&quot;it&#39;s&quot;&gt;&amp;&lt;/b&gt;',
    ]);
    expect(rt.call('badWidth')).toEqual([
      'threw',
      "Exception: The parameters (string) don't match the method signature for HtmlService.HtmlOutput.setWidth.",
    ]);
  });

  it('records the sidebars and dialogs shown, and has no UI in a trigger', () => {
    const { rt } = runtime(code);
    rt.call('sidebar');
    rt.call('dialog');
    expect(rt.ui.dialogs).toEqual([
      { kind: 'sidebar', title: 'Relay', html: '<p>side</p>', width: null, height: null },
      { kind: 'modal', title: 'Preview', html: '<p>dlg</p>', width: 500, height: null },
    ]);
    expect((rt.call('noTitle') as string[])[1]).toBe(
      "Exception: The parameters (HtmlOutput) don't match the method signature for SpreadsheetApp.Ui.showModalDialog.",
    );
    expect(() => rt.callAsTrigger('sidebar')).toThrow(
      'Cannot call SpreadsheetApp.getUi() from this context.',
    );
  });
});

describe('ScriptApp triggers per user', () => {
  const code = `
    function install() {
      ScriptApp.newTrigger('tick').timeBased().everyMinutes(5).create();
      ScriptApp.newTrigger('submitted').forSpreadsheet(SpreadsheetApp.getActive()).onFormSubmit().create();
    }
    function mine() {
      return ScriptApp.getProjectTriggers().map(function (t) {
        return [t.getHandlerFunction(), String(t.getEventType()), String(t.getTriggerSource()), /^\\d+$/.test(t.getUniqueId())];
      });
    }
    function forSheet() { return ScriptApp.getUserTriggers(SpreadsheetApp.getActive()).map(function (t) { return t.getHandlerFunction(); }); }
    function removeMine() { ScriptApp.getProjectTriggers().forEach(function (t) { ScriptApp.deleteTrigger(t); }); }
    var ranAs = [];
    function tick() { ranAs.push(Session.getActiveUser().getEmail()); }
    function ran() { return ranAs; }
    function period() { var t = ScriptApp.getProjectTriggers()[0]; return t.getPeriod(); }`;

  it('lists and deletes only the current user’s triggers', () => {
    const { rt } = runtime(code, { userEmail: 'ana@example.com' });
    rt.call('install');
    rt.activeUser = 'bob@example.com';
    expect(rt.call('mine')).toEqual([]);
    rt.call('install');
    expect(rt.call('mine')).toEqual([
      ['tick', 'CLOCK', 'CLOCK', true],
      ['submitted', 'ON_FORM_SUBMIT', 'SPREADSHEETS', true],
    ]);
    expect(rt.call('forSheet')).toEqual(['submitted']);
    rt.call('removeMine');
    expect(rt.call('mine')).toEqual([]);
    rt.activeUser = 'ana@example.com';
    expect((rt.call('mine') as unknown[]).length).toBe(2);
    expect(rt.scriptApp.triggers.map((t) => t.owner)).toEqual([
      'ana@example.com',
      'ana@example.com',
    ]);
  });

  it('runs a trigger as the user who installed it, and exposes no period', () => {
    const { rt, clock } = runtime(code, { userEmail: 'ana@example.com' });
    rt.call('install');
    rt.activeUser = 'bob@example.com';
    clock.advance(5 * 60000);
    expect(rt.runDueTimeTriggers()).toBe(1);
    expect(rt.call('ran')).toEqual(['ana@example.com']);
    rt.activeUser = 'ana@example.com';
    expect(() => rt.call('period')).toThrow(
      'Local runtime: ScriptApp.Trigger.getPeriod is not implemented',
    );
  });
});

describe('PropertiesService.getScriptProperties writes', () => {
  const code = `${CATCH}
    function props() { return PropertiesService.getScriptProperties(); }
    function edit() {
      props().setProperty('A', 1).setProperty('B', 'two').deleteProperty('A').deleteProperty('never-set');
      props().setProperties({ C: 'three', D: true });
      return [props().getProperty('A'), props().getProperties()];
    }
    function replaceAll() { props().setProperties({ ONLY: 'me' }, true); return props().getKeys(); }
    function tooBig() { return catching(function () { props().setProperties({ OK: 'x', BIG: new Array(9 * 1024 + 2).join('y') }); }); }`;

  it('sets, deletes and replaces properties, as strings', () => {
    const { rt } = runtime(code, { properties: new PropertyStoreFake({ KEEP: 'k' }) });
    expect(rt.call('edit')).toEqual([null, { KEEP: 'k', B: 'two', C: 'three', D: 'true' }]);
    expect(rt.call('replaceAll')).toEqual(['ONLY']);
  });

  it('refuses a value over 9 KB without writing any of the batch', () => {
    const properties = new PropertyStoreFake();
    const { rt } = runtime(code, { properties });
    expect(rt.call('tooBig')).toEqual(['threw', 'Exception: Argument too large: value']);
    expect(properties.getKeys()).toEqual([]);
  });
});

describe('host hooks', () => {
  it('calls onFlush inside SpreadsheetApp.flush(), and an error there fails the flush', () => {
    const flushed: number[] = [];
    let fail = false;
    const { rt, clock } = runtime(
      `function commit() { Utilities.sleep(1000); SpreadsheetApp.flush(); return 'after'; }`,
      {
        onFlush: () => {
          if (fail) throw new Error('disk full');
          flushed.push(clock.now());
        },
      },
    );
    expect(rt.call('commit')).toBe('after');
    expect(flushed).toEqual([START + 1000]);
    fail = true;
    expect(() => rt.call('commit')).toThrow('disk full');
  });

  it('calls onToast for each toast as it is shown', () => {
    const seen: string[] = [];
    const { rt } = runtime(
      `function progress() { for (var i = 1; i <= 3; i++) SpreadsheetApp.getActive().toast('Sent ' + i + ' of 3…', 'Chat Relay', 5); }`,
      { onToast: (t) => seen.push(`${t.title}: ${t.msg}`) },
    );
    rt.call('progress');
    expect(seen).toEqual([
      'Chat Relay: Sent 1 of 3…',
      'Chat Relay: Sent 2 of 3…',
      'Chat Relay: Sent 3 of 3…',
    ]);
    expect(rt.ui.toasts).toHaveLength(3);
  });
});
