/**
 * The local runtime as a web app (local/runtime/webapp.ts, context.ts):
 * doGet's event, who an execution runs as for each deployment setting,
 * ScriptApp.getService(), the pages and errors Apps Script shows, and the
 * HtmlOutput settings a web app page uses. A tiny probe bundle reports what
 * it sees.
 */
import {
  AppsScriptRuntime,
  FakeClock,
  PropertyStoreFake,
  Workbook,
  type WebAppDeployment,
  type WebAppResponse,
} from '../../local/runtime';

const PROBE = String.raw`
function seen_(e) {
  return {
    active: Session.getActiveUser().getEmail(),
    effective: Session.getEffectiveUser().getEmail(),
    url: ScriptApp.getService().getUrl(),
    enabled: ScriptApp.getService().isEnabled(),
    e: e === undefined ? null : e
  };
}
function doGet(e) {
  var mode = e.parameter.mode;
  if (mode === 'throw') throw new Error('no such row: ' + e.parameter.r);
  if (mode === 'text') return 'just a string';
  if (mode === 'ui') SpreadsheetApp.getUi();
  if (mode === 'trigger') ScriptApp.newTrigger('later').timeBased().everyHours(1).create();
  return HtmlService.createHtmlOutput('<p>' + JSON.stringify(seen_(e)) + '</p>');
}
function page(e) {
  return HtmlService.createHtmlOutput('<p>hi</p>')
    .setTitle('Claim T-1')
    .addMetaTag('viewport', 'width=device-width, initial-scale=1')
    .setFaviconUrl('https://example.com/icon.png')
    .setXFrameOptionsMode(HtmlService.XFrameOptionsMode.ALLOWALL);
}
function badMeta() { HtmlService.createHtmlOutput('').addMetaTag('description', 'x'); }
function whoAmI(params) { return seen_(params); }
function later() {}
`;

const DEPLOYER = 'owner@example.com';
const URL_ = 'https://script.google.com/macros/s/AKfyLocal/exec';

function runtime(webApp: WebAppDeployment | null = { url: URL_ }) {
  const rt = new AppsScriptRuntime({
    workbook: new Workbook(),
    properties: new PropertyStoreFake(),
    clock: new FakeClock(),
    transport: () => ({ status: 500, headers: {}, body: '' }),
    userEmail: DEPLOYER,
    webApp,
  });
  rt.load(PROBE);
  return rt;
}

interface Seen {
  active: string;
  effective: string;
  url: string | null;
  enabled: boolean;
  e: Record<string, unknown> | null;
}

function seen(response: WebAppResponse): Seen {
  if (response.kind !== 'page') throw new Error(`not a page: ${JSON.stringify(response)}`);
  return JSON.parse(response.html.replace(/^<p>|<\/p>$/g, '')) as Seen;
}

describe('doGet(e)', () => {
  it('gets the query string as sent and its parameters, first values and all values', () => {
    const rt = runtime();
    const { e } = seen(
      rt.doGet({
        query: 'a=0&r=T-1&n=1&n=2&note=two+words%21&sig=ab%2Bc',
        visitor: 'ana@example.com',
      }),
    );
    expect(e).toEqual({
      queryString: 'a=0&r=T-1&n=1&n=2&note=two+words%21&sig=ab%2Bc',
      parameter: { a: '0', r: 'T-1', n: '1', note: 'two words!', sig: 'ab+c' },
      parameters: { a: ['0'], r: ['T-1'], n: ['1', '2'], note: ['two words!'], sig: ['ab+c'] },
      contextPath: '',
      contentLength: -1,
    });
  });

  it('without a query string: queryString null, no parameters; a path after the URL is pathInfo', () => {
    const rt = runtime();
    expect(seen(rt.doGet({ visitor: 'ana@example.com' })).e).toEqual({
      queryString: null,
      parameter: {},
      parameters: {},
      contextPath: '',
      contentLength: -1,
    });
    const withPath = seen(rt.doGet({ pathInfo: 'a/b', query: { r: 'T 1' }, visitor: DEPLOYER }));
    expect(withPath.e).toMatchObject({
      pathInfo: 'a/b',
      queryString: 'r=T+1',
      parameter: { r: 'T 1' },
    });
  });

  it('sees the web app URL through ScriptApp.getService()', () => {
    expect(seen(runtime().doGet({ visitor: DEPLOYER }))).toMatchObject({
      url: URL_,
      enabled: true,
    });
  });

  it('an error of doGet, a value that is no page, or no doGet at all is Apps Script’s error page', () => {
    const rt = runtime();
    expect(rt.doGet({ query: 'mode=throw&r=T-9', visitor: DEPLOYER })).toEqual({
      kind: 'error',
      status: 500,
      message: 'Error: no such row: T-9',
    });
    expect(rt.doGet({ query: 'mode=text', visitor: DEPLOYER })).toMatchObject({
      kind: 'error',
      message: 'The script completed but the returned value is not a supported return type.',
    });
    const none = runtime();
    none.load('function other() {}');
    expect(none.doGet({ visitor: DEPLOYER })).toMatchObject({
      kind: 'error',
      message: 'Script function not found: doGet',
    });
  });

  it('has no spreadsheet UI, and a trigger it installs belongs to the deployer', () => {
    const rt = runtime();
    expect(rt.doGet({ query: 'mode=ui', visitor: 'ana@example.com' })).toMatchObject({
      kind: 'error',
      message: 'Exception: Cannot call SpreadsheetApp.getUi() from this context.',
    });
    rt.doGet({ query: 'mode=trigger', visitor: 'ana@example.com' });
    expect(rt.scriptApp.triggers.map((t) => [t.handlerFunction, t.owner])).toEqual([
      ['later', DEPLOYER],
    ]);
  });
});

describe('who a web app execution runs as', () => {
  const ask = (deployment: Partial<WebAppDeployment>, visitor: string | null) =>
    runtime({ url: URL_, ...deployment }).doGet({ visitor });

  it('executing as the deployer, open to the domain: a visitor of the domain is the active user', () => {
    expect(seen(ask({}, 'ana@example.com'))).toMatchObject({
      active: 'ana@example.com',
      effective: DEPLOYER,
    });
    expect(seen(ask({}, 'Ana@EXAMPLE.com')).active).toBe('Ana@EXAMPLE.com');
  });

  it('open to the domain: another domain and a visitor not signed in never reach doGet', () => {
    expect(ask({ access: 'DOMAIN' }, 'mallory@other.org')).toEqual({
      kind: 'refused',
      status: 403,
      message:
        'You need access: this web app is only for users of example.com (signed in as mallory@other.org).',
    });
    expect(ask({ access: 'DOMAIN' }, null)).toMatchObject({ kind: 'refused', status: 401 });
  });

  it('open to anyone: another domain’s visitor gets in, but Apps Script does not say who they are', () => {
    expect(seen(ask({ access: 'ANYONE' }, 'bob@other.org'))).toMatchObject({
      active: '',
      effective: DEPLOYER,
    });
    expect(ask({ access: 'ANYONE' }, null)).toMatchObject({ kind: 'refused', status: 401 });
    expect(seen(ask({ access: 'ANYONE_ANONYMOUS' }, null))).toMatchObject({
      active: '',
      effective: DEPLOYER,
    });
    expect(seen(ask({ access: 'ANYONE_ANONYMOUS' }, 'ana@example.com')).active).toBe(
      'ana@example.com',
    );
  });

  it('executing as the visitor: both users are the visitor; only me: only the deployer', () => {
    expect(
      seen(ask({ executeAs: 'USER_ACCESSING', access: 'ANYONE' }, 'bob@other.org')),
    ).toMatchObject({ active: 'bob@other.org', effective: 'bob@other.org' });
    expect(ask({ access: 'MYSELF' }, 'ana@example.com')).toMatchObject({
      kind: 'refused',
      status: 403,
    });
    expect(seen(ask({ access: 'MYSELF' }, DEPLOYER)).active).toBe(DEPLOYER);
    expect(seen(ask({ deployedBy: 'lead@corp.example' }, 'x@corp.example')).effective).toBe(
      'lead@corp.example',
    );
  });

  it('a server function the page calls runs as the visitor too; the next executions as before', () => {
    const rt = runtime();
    expect(rt.callFromWebApp('whoAmI', [{ a: '0' }], 'ana@example.com')).toMatchObject({
      active: 'ana@example.com',
      effective: DEPLOYER,
      e: { a: '0' },
    });
    expect(() => rt.callFromWebApp('whoAmI', [{}], 'mallory@other.org')).toThrow(
      'You need access: this web app is only for users of example.com',
    );
    expect(rt.call('whoAmI')).toMatchObject({ active: DEPLOYER, effective: DEPLOYER });
  });
});

describe('ScriptApp.getService() and the deployment', () => {
  it('is not deployed without a web app: getUrl() null, and a GET finds nothing', () => {
    const rt = runtime(null);
    expect(rt.call('whoAmI')).toMatchObject({ url: null, enabled: false });
    expect(rt.doGet({ visitor: DEPLOYER })).toMatchObject({ kind: 'refused', status: 404 });
    rt.webApp = { url: 'http://127.0.0.1:9/exec' };
    expect(rt.call('whoAmI')).toMatchObject({ url: 'http://127.0.0.1:9/exec', enabled: true });
  });
});

describe('HtmlOutput of a web app page', () => {
  it('keeps its title, meta tags, favicon and X-Frame-Options mode', () => {
    const rt = runtime();
    rt.load(
      PROBE.replace('function doGet(e)', 'function doGet_old(e)').replace(
        'function page(e)',
        'function doGet(e)',
      ),
    );
    expect(rt.doGet({ visitor: DEPLOYER })).toMatchObject({
      kind: 'page',
      title: 'Claim T-1',
      html: '<p>hi</p>',
      metaTags: [{ name: 'viewport', content: 'width=device-width, initial-scale=1' }],
      faviconUrl: 'https://example.com/icon.png',
      xFrameOptions: 'ALLOWALL',
    });
    expect(
      (runtime().doGet({ visitor: DEPLOYER }) as { xFrameOptions: string }).xFrameOptions,
    ).toBe('DEFAULT');
  });

  it('accepts only the meta tags Apps Script allows', () => {
    expect(() => runtime().call('badMeta')).toThrow(
      'Invalid argument: name. The meta tag "description" is not allowed',
    );
  });
});
