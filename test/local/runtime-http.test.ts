/**
 * httpTransport: real synchronous HTTP through a synckit worker. The server
 * runs in a child process because the synchronous call blocks this thread.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  AppsScriptRuntime,
  FakeClock,
  httpTransport,
  RealClock,
  Workbook,
} from '../../local/runtime';

const SERVER = `
const http = require('node:http');
const waiting = [];
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (req.url.startsWith('/drop')) { req.socket.destroy(); return; }
    if (req.url.startsWith('/slow')) return; // never answers
    if (req.url.startsWith('/together/')) {
      // Answers only once N requests are in flight at the same time.
      const n = Number(req.url.split('/')[2]);
      waiting.push(res);
      if (waiting.length >= n) waiting.splice(0).forEach((r, i) => r.end('answered with ' + n + ' in flight, #' + i));
      return;
    }
    if (req.url.startsWith('/status/')) {
      const code = Number(req.url.split('/')[2]);
      res.writeHead(code, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { code, status: 'RESOURCE_EXHAUSTED' } }));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json', 'X-Echo': 'yes' });
    res.end(JSON.stringify({ method: req.method, url: req.url, body, contentType: req.headers['content-type'], ua: req.headers['user-agent'] }));
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write('PORT ' + server.address().port + '\\n'));
`;

let child: ChildProcess;
let base: string;

beforeAll(async () => {
  child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += String(d);
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
});

afterAll(() => {
  child?.kill();
});

describe('httpTransport', () => {
  it('performs a real synchronous request', () => {
    const transport = httpTransport();
    const reply = transport({
      url: `${base}/v1/spaces/AAA/messages?threadKey=k`,
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=UTF-8' },
      payload: '{"text":"héllo"}',
    });
    expect(reply.status).toBe(200);
    expect(reply.headers['X-Echo']).toBe('yes');
    expect(JSON.parse(reply.body)).toEqual({
      method: 'POST',
      url: '/v1/spaces/AAA/messages?threadKey=k',
      body: '{"text":"héllo"}',
      contentType: 'application/json; charset=UTF-8',
    });
  });

  it('throws like Apps Script when the connection drops or is refused', () => {
    const transport = httpTransport();
    const dropped = `${base}/drop?key=SECRET`;
    expect(() => transport({ url: dropped, method: 'POST', headers: {}, payload: '{}' })).toThrow(
      `Address unavailable: ${dropped}`,
    );
    expect(() =>
      transport({ url: 'http://127.0.0.1:9/x', method: 'GET', headers: {}, payload: '' }),
    ).toThrow('Address unavailable: http://127.0.0.1:9/x');
  });

  it('times out', () => {
    const transport = httpTransport({ timeoutMs: 300 });
    expect(() =>
      transport({ url: `${base}/slow`, method: 'GET', headers: {}, payload: '' }),
    ).toThrow(`Timeout: ${base}/slow`);
  });

  it('sends the requests of UrlFetchApp.fetchAll at the same time', () => {
    const rt = new AppsScriptRuntime({
      workbook: new Workbook(),
      clock: new RealClock(),
      transport: httpTransport({ timeoutMs: 5000 }),
    });
    rt.load(`function all(base) {
      return UrlFetchApp.fetchAll([1, 2, 3].map(function () { return { url: base + '/together/3' }; }))
        .map(function (r) { return r.getResponseCode() + ' ' + r.getContentText().replace(/#\\d/, '#'); });
    }`);
    // Sent one after the other, the first request would never be answered.
    expect(rt.call('all', base)).toEqual(Array(3).fill('200 answered with 3 in flight, #'));
    expect(rt.urlFetch.requests.map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it('serves UrlFetchApp inside the runtime, with real and fake clocks', () => {
    for (const clock of [new RealClock(), new FakeClock()]) {
      const rt = new AppsScriptRuntime({
        workbook: new Workbook(),
        clock,
        transport: httpTransport(),
      });
      rt.load(`function send(url) {
        var r = UrlFetchApp.fetch(url, { method: 'post', contentType: 'application/json', payload: '{"a":1}', muteHttpExceptions: true });
        return [r.getResponseCode(), JSON.parse(r.getContentText())];
      }
      function failing(url) { try { UrlFetchApp.fetch(url, { method: 'post', payload: 'x' }); } catch (e) { return String(e); } }`);
      const [code, echo] = rt.call('send', `${base}/ok`) as [number, Record<string, string>];
      expect(code).toBe(200);
      expect(echo).toMatchObject({
        method: 'POST',
        body: '{"a":1}',
        contentType: 'application/json',
      });
      expect(echo.ua).toContain('Google-Apps-Script');
      expect(rt.call('failing', `${base}/status/429`)).toMatch(
        new RegExp(
          `^Exception: Request failed for ${base.replace(/\./g, '\\.')} returned code 429\\. Truncated server response: \\{"error"`,
        ),
      );
    }
  });
});
