// synckit worker for httpTransport (plain Node, no TypeScript): performs one
// HTTP(S) request, or an array of them concurrently (UrlFetchApp.fetchAll),
// and reports each outcome as data, never as a thrown error.
const http = require('node:http');
const https = require('node:https');
const { runAsWorker } = require('synckit');

function request(req, timeoutMs) {
  return new Promise((resolve) => {
    let settled = false;
    const done = (value) => {
      if (!settled) {
        settled = true;
        resolve(value);
      }
    };
    let url;
    try {
      url = new URL(req.url);
    } catch {
      done({ error: { kind: 'invalid', message: 'Invalid URL' } });
      return;
    }
    const lib = url.protocol === 'https:' ? https : http;
    const started = Date.now();
    const headers = { ...req.headers };
    const body = req.payload === undefined || req.payload === null ? '' : String(req.payload);
    if (body !== '' || !['GET', 'HEAD', 'DELETE'].includes(req.method.toUpperCase())) {
      headers['Content-Length'] = String(Buffer.byteLength(body));
    }
    const r = lib.request(
      url,
      { method: req.method.toUpperCase(), headers, agent: false },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('aborted', () => done({ error: { kind: 'reset', message: 'response aborted' } }));
        res.on('error', (e) => done({ error: { kind: 'reset', message: e.message } }));
        res.on('end', () => {
          if (!res.complete) {
            done({ error: { kind: 'reset', message: 'incomplete response' } });
            return;
          }
          // Keep the server's header-name case, as Apps Script's getHeaders does.
          const out = {};
          for (let i = 0; i < res.rawHeaders.length; i += 2) {
            const k = res.rawHeaders[i];
            const v = res.rawHeaders[i + 1];
            out[k] = k in out ? `${out[k]}, ${v}` : v;
          }
          done({
            status: res.statusCode,
            headers: out,
            body: Buffer.concat(chunks).toString('utf8'),
            latencyMs: Date.now() - started,
          });
        });
      },
    );
    r.setTimeout(timeoutMs, () => {
      done({ error: { kind: 'timeout', message: `no response within ${timeoutMs} ms` } });
      r.destroy();
    });
    r.on('error', (e) => {
      const kind =
        e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN'
          ? 'dns'
          : e.code === 'ECONNREFUSED'
            ? 'refused'
            : 'reset';
      done({ error: { kind, message: `${e.code || ''} ${e.message}`.trim() } });
    });
    r.end(body);
  });
}

function requestOrBatch(req, timeoutMs) {
  return Array.isArray(req)
    ? Promise.all(req.map((r) => request(r, timeoutMs)))
    : request(req, timeoutMs);
}

runAsWorker(requestOrBatch);
