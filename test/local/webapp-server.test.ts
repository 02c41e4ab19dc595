/**
 * The local web app server (local/webapp-server.ts) over HTTP, with the
 * stand-in bundle of issue 17's contract (test/support/webapp-bundle.ts):
 * the card links lead to it, GET /exec serves doGet's page with the
 * google.script.run shim, the page's actionConfirm runs as the visitor and
 * writes the row, only its own pages may call it, and visitors Apps Script
 * would not let in get its refusal.
 */
import { serveWebApp, type WebAppServer } from '../../local/webapp-server';
import { standIn, STAND_IN_SPACE } from '../support/webapp-bundle';

let s: ReturnType<typeof standIn>;
let server: WebAppServer;

beforeEach(async () => {
  s = standIn();
  server = await serveWebApp(s.runtime, { visitor: 'ana@example.com' });
  s.runtime.call('postCards');
});
afterEach(() => server.close());

function confirm(params: unknown, headers: Record<string, string> = { origin: server.origin }) {
  return fetch(`${server.origin}/run/actionConfirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ args: [params] }),
  });
}

const paramsOf = (link: string) => Object.fromEntries(new URL(link).searchParams);

describe('the web app server', () => {
  it('is the web app while it listens: the cards link to its /exec, and no longer once closed', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/exec$/);
    expect(s.runtime.webApp).toMatchObject({
      url: server.url,
      executeAs: 'USER_DEPLOYING',
      access: 'DOMAIN',
    });
    expect(s.claimLink('T-1').startsWith(`${server.url}?a=0&r=T-1&t=`)).toBe(true);
    expect(() => s.claimLink('T-2')).toThrow('no Claim button'); // not New
    await server.close();
    expect(s.runtime.webApp).toBeNull();
  });

  it('serves doGet’s page for the link, with its title and meta tag, then the shim, then its scripts', async () => {
    const link = s.claimLink('T-1');
    const response = await fetch(link);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).toMatch(
      /^<!doctype html><html><head><title>Chat Relay · Claim<\/title><meta name="viewport" content="width=device-width, initial-scale=1"><script>/,
    );
    expect(html.indexOf('window.google = { script:')).toBeLessThan(html.indexOf('var params'));
    expect(html).toContain('url: { getLocation:');
    expect(html).toContain('<p id="who">as ana@example.com</p>');
    // doGet got the link's query string exactly, and its parameters.
    const [event] = JSON.parse(s.properties.getProperty('EVENTS') ?? '[]') as Array<{
      queryString: string;
      parameter: Record<string, string>;
    }>;
    expect(event.queryString).toBe(link.slice(link.indexOf('?') + 1));
    expect(event.parameter).toEqual(paramsOf(link));
    expect(server.executions).toEqual([
      { kind: 'page', query: event.queryString, status: 200, visitor: 'ana@example.com' },
    ]);
  });

  it('opening a link changes nothing; confirming from its page writes the row as the visitor and replies in its thread', async () => {
    const link = s.claimLink('T-1');
    await fetch(link);
    expect(s.table()[0]).toMatchObject({ Status: 'New', Owner: '' });
    const response = await confirm(paramsOf(link));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ok: true,
      value: { ok: true, outcome: 'done', message: 'Done: T-1 is claimed by ana@example.com.' },
    });
    expect(s.table()[0]).toMatchObject({ Status: 'Claimed', Owner: 'ana@example.com' });
    const thread = s.chat.threads(STAND_IN_SPACE).find((t) => t.threadKey === 'T-1');
    expect(thread?.messages.map((m) => m.text ?? '(card)')).toEqual([
      '(card)',
      'Owner: (empty) → ana@example.com · claimed from Chat by ana@example.com',
    ]);
    // Again: the bundle says it is already done.
    expect(await (await confirm(paramsOf(link))).json()).toMatchObject({
      value: { outcome: 'already-done' },
    });
  });

  it('another visitor of the domain finds the row no longer claimable', async () => {
    const params = paramsOf(s.claimLink('T-1'));
    await confirm(params);
    server.visitor = 'bob@example.com';
    expect(await (await confirm(params)).json()).toMatchObject({
      value: {
        ok: false,
        outcome: 'no-longer',
        message: expect.stringContaining('ana@example.com'),
      },
    });
    expect(s.table()[0]).toMatchObject({ Owner: 'ana@example.com' });
  });

  it.each([
    ['another site', { origin: 'https://evil.example' }],
    ['the emulator’s preview page (another local origin)', { origin: 'http://127.0.0.1:1' }],
    ['neither Origin nor Referer', {}],
  ])('refuses a confirm from %s, and writes nothing', async (_name, headers) => {
    const response = await confirm(paramsOf(s.claimLink('T-1')), headers);
    expect(response.status).toBe(403);
    expect(s.table()[0]).toMatchObject({ Status: 'New', Owner: '' });
    expect(server.executions).toEqual([]);
  });

  it('calls only the web app’s action functions', async () => {
    const response = await fetch(`${server.origin}/run/postCards`, {
      method: 'POST',
      headers: { origin: server.origin },
      body: '{"args":[]}',
    });
    expect(await response.json()).toEqual({
      ok: false,
      error: 'Script function not found: postCards',
    });
    expect(s.chat.messages(STAND_IN_SPACE)).toHaveLength(3);
  });

  it('a visitor of another domain, or not signed in, gets Apps Script’s refusal and can confirm nothing', async () => {
    const link = s.claimLink('T-1');
    server.visitor = 'mallory@other.org';
    const refused = await fetch(link);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain(
      'You need access: this web app is only for users of example.com',
    );
    expect(await (await confirm(paramsOf(link))).json()).toEqual({
      ok: false,
      error: expect.stringContaining('You need access'),
    });
    server.visitor = null;
    expect((await fetch(link)).status).toBe(401);
    expect(s.table()[0]).toMatchObject({ Status: 'New', Owner: '' });
    expect(s.properties.getProperty('EVENTS')).toBeNull(); // doGet never ran
  });

  it('an error of doGet is a page saying so, its text escaped', async () => {
    s.runtime.load(
      'function doGet(e) { throw new Error("<b>" + e.parameter.r + "</b> is gone"); }',
    );
    const response = await fetch(`${server.url}?r=T-9`);
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('<p>Error: &lt;b&gt;T-9&lt;/b&gt; is gone</p>');
  });
});
