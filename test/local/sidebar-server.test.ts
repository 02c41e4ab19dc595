/**
 * The local sidebar server (local/sidebar-server.ts) over HTTP: its pages, its
 * google.script.run endpoint, and that only its own pages may call it.
 */
import { harness, type Harness } from '../../local/harness';
import { requestOrigin, serveSidebar, type SidebarServer } from '../../local/sidebar-server';

let h: Harness;
let server: SidebarServer;

beforeEach(async () => {
  h = harness({ format: 'card' });
  server = await serveSidebar(h.runtime);
});
afterEach(() => server.close());

function post(fn: string, args: unknown[], headers: Record<string, string>) {
  return fetch(`${server.origin}/run/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ args }),
  });
}

const SAVE: [string, unknown[]] = ['settingsSave', ['{"format": "text"}']];
const saved = () => h.properties.getProperty('CHAT_RELAY_CONFIG');

describe('the sidebar server', () => {
  it('serves the framed page and the sidebar with the google.script.run shim', async () => {
    const frame = await fetch(server.url);
    expect(frame.status).toBe(200);
    expect(frame.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await frame.text()).toContain('<iframe src="/sidebar"');
    const sidebar = await fetch(server.sidebarUrl);
    expect(sidebar.headers.get('cache-control')).toBe('no-store');
    const html = await sidebar.text();
    expect(html).toContain('<h2>Webhooks</h2>');
    expect(html.indexOf('window.google = { script:')).toBeLessThan(html.indexOf('<h2>'));
    expect((await fetch(`${server.origin}/nothing`)).status).toBe(404);
  });

  it('runs a server function posted by its own page, and answers its result as JSON', async () => {
    const response = await post(...SAVE, { origin: server.origin });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, value: { ok: true } });
    expect(saved()).toBe('{"format": "text"}');
    expect(server.calls).toEqual([{ fn: 'settingsSave', args: ['{"format": "text"}'], ok: true }]);
  });

  it('calls only the sidebar’s functions, and refuses a body that is not JSON', async () => {
    const own = { origin: server.origin };
    expect(await (await post('sendPendingRows', [], own)).json()).toEqual({
      ok: false,
      error: 'Script function not found: sendPendingRows',
    });
    const bad = await fetch(`${server.origin}/run/settingsLoad`, {
      method: 'POST',
      headers: own,
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ ok: false, error: 'Bad request' });
  });

  it('accepts its page reached as localhost, and a Referer of its own when there is no Origin', async () => {
    const port = new URL(server.origin).port;
    expect((await post(...SAVE, { origin: `http://localhost:${port}` })).status).toBe(200);
    expect((await post(...SAVE, { referer: server.sidebarUrl })).status).toBe(200);
    expect(server.calls.map((c) => c.ok)).toEqual([true, true]);
  });

  it.each([
    ['another site', () => ({ origin: 'https://evil.example' })],
    ['another local server', () => ({ origin: 'http://127.0.0.1:1' })],
    ['another scheme', () => ({ origin: server.origin.replace(/^http:/, 'https:') })],
    ['an opaque origin (a sandboxed frame, a file)', () => ({ origin: 'null' })],
    ['a Referer of another site', () => ({ referer: 'https://evil.example/page' })],
    ['a Referer that is no URL', () => ({ referer: 'nonsense' })],
    ['neither Origin nor Referer', () => ({})],
    [
      'another Origin, whatever its Referer',
      () => ({ origin: 'https://evil.example', referer: server.sidebarUrl }),
    ],
  ])('refuses a post from %s (403), running nothing', async (_what, headers) => {
    const response = await post(...SAVE, headers() as Record<string, string>);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      ok: false,
      error: expect.stringMatching(/^Forbidden: only this server's own page may call it/),
    });
    expect(saved()).toBeNull();
    expect(server.calls).toEqual([]);
  });
});

describe('requestOrigin', () => {
  const request = (headers: Record<string, string>) => ({
    get: (name: string) => headers[name.toLowerCase()],
  });

  it('is the Origin header, else the origin of the Referer, else null', () => {
    expect(requestOrigin(request({ origin: 'http://a:1', referer: 'http://b:2/x' }) as never)).toBe(
      'http://a:1',
    );
    expect(requestOrigin(request({ referer: 'http://b:2/x?y#z' }) as never)).toBe('http://b:2');
    expect(requestOrigin(request({ referer: '::' }) as never)).toBeNull();
    expect(requestOrigin(request({}) as never)).toBeNull();
  });
});
