/**
 * What the local servers of HtmlService pages share (the Settings sidebar,
 * sidebar-server.ts; the web app, webapp-server.ts): the google.script.run
 * shim a page gets, the endpoint it posts to (POST /run/<fn>, from the
 * server's own pages only), and listening on a loopback port.
 *
 * As in Apps Script, the arguments and result of a server function must be
 * primitives, plain objects and arrays (no Date, no function).
 * A POST from another origin is refused (403): its Origin header, or its
 * Referer when it has none, must be the server's own, so no other page open
 * on the machine can call the session's bundle.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';

/**
 * google.script.url of a web app page: getLocation(callback) gives the web
 * app URL's hash, parameter (first values) and parameters (all values).
 */
const SCRIPT_URL = `
    url: { getLocation: function (callback) {
      var parameter = {}, parameters = {};
      new URLSearchParams(window.location.search).forEach(function (value, name) {
        if (!(name in parameters)) { parameters[name] = []; parameter[name] = value; }
        parameters[name].push(value);
      });
      callback({ hash: window.location.hash.replace(/^#/, ''), parameter: parameter, parameters: parameters });
    } },`;

/**
 * The google.script.run shim, as the browser runs it: a call POSTs its
 * arguments to /run/<fn> and calls the success or failure handler with the
 * answer. `webApp` adds google.script.url.
 */
export function googleScriptShim(options: { webApp?: boolean } = {}): string {
  return `
(function () {
  function runner(success, failure) {
    var own = {
      withSuccessHandler: function (fn) { return runner(fn, failure); },
      withFailureHandler: function (fn) { return runner(success, fn); },
      withUserObject: function () { return proxy; }
    };
    var proxy = new Proxy(own, {
      get: function (target, name) {
        if (name in target) return target[name];
        return function () {
          var args = Array.prototype.slice.call(arguments);
          fetch('/run/' + encodeURIComponent(String(name)), {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ args: args })
          })
            .then(function (response) { return response.json(); })
            .then(function (answer) {
              if (answer.ok) { if (success) success(answer.value); }
              else if (failure) failure(new Error(answer.error));
            }, function (error) { if (failure) failure(error); });
        };
      }
    });
    return proxy;
  }
  window.google = { script: { run: runner(null, null),${options.webApp ? SCRIPT_URL : ''} host: {
    close: function () {}, setHeight: function () {}, setWidth: function () {},
    editor: { focus: function () {} }
  } } };
})();
`;
}

/** `<script>` with the shim, put first in the page's head so the page's own scripts find it. */
export function withShim(html: string, shim: string, headExtra = ''): string {
  const inject = `${headExtra}<script>${shim}</script>`;
  return /<head[^>]*>/i.test(html)
    ? html.replace(/<head[^>]*>/i, (head) => `${head}${inject}`)
    : inject + html;
}

/** A Date, a function or another non-plain value inside `value`, which google.script.run refuses. */
export function nonPlainValue(value: unknown, where = 'value'): string | null {
  if (value === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof value))
    return null;
  if (typeof value === 'function') return `${where} is a function`;
  if (Object.prototype.toString.call(value) === '[object Date]') return `${where} is a Date`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = nonPlainValue(value[i], `${where}[${i}]`);
      if (bad) return bad;
    }
    return null;
  }
  for (const [key, v] of Object.entries(value as object)) {
    const bad = nonPlainValue(v, `${where}.${key}`);
    if (bad) return bad;
  }
  return null;
}

const BODY_LIMIT = '1mb';

export function send(res: Response, status: number, type: string, body: string): void {
  res.status(status).set('cache-control', 'no-store').type(type).send(body);
}

export function answer(res: Response, status: number, outcome: object): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(outcome));
}

/** Where a request comes from: its Origin header, else its Referer's origin, else null. */
export function requestOrigin(req: Pick<Request, 'get'>): string | null {
  const origin = req.get('origin');
  if (origin !== undefined) return origin;
  const referer = req.get('referer');
  if (referer === undefined) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return null;
  }
}

/**
 * Refuses (403) a request that does not come from one of `own` origins: a
 * browser sends Origin with every POST (Referer when a page hides it), and
 * another page's is never ours, whatever address it reached us by.
 */
export function sameOriginOnly(own: () => string[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const from = requestOrigin(req);
    if (from !== null && own().includes(from)) {
      next();
      return;
    }
    answer(res, 403, {
      ok: false,
      error: `Forbidden: only this server's own page may call it (request from ${from ?? 'an unknown origin'})`,
    });
  };
}

export type RunOutcome = { ok: true; value: unknown } | { ok: false; error: string };

/** Runs `call` as google.script.run would: plain arguments and result only, an error as its message. */
export function runPlain(args: unknown[], call: () => unknown): RunOutcome {
  const bad = nonPlainValue(args, 'args');
  if (bad) return { ok: false, error: `Invalid argument: ${bad}` };
  try {
    const value = call();
    const wrong = nonPlainValue(value);
    return wrong ? { ok: false, error: `Invalid return value: ${wrong}` } : { ok: true, value };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * POST /run/:fn from the server's own pages: `run(fn, args)` answers as JSON.
 */
export function runEndpoint(
  app: express.Express,
  ownOrigins: () => string[],
  run: (fn: string, args: unknown[]) => RunOutcome | Promise<RunOutcome>,
): void {
  app.post(
    '/run/:fn',
    sameOriginOnly(ownOrigins),
    express.text({ type: () => true, limit: BODY_LIMIT, defaultCharset: 'utf-8' }),
    async (req, res) => {
      let args: unknown[] = [];
      try {
        const body = JSON.parse((req.body as string) || '{}') as { args?: unknown[] };
        args = Array.isArray(body.args) ? body.args : [];
      } catch {
        answer(res, 400, { ok: false, error: 'Bad request' });
        return;
      }
      answer(res, 200, await run(String(req.params.fn), args));
    },
  );
}

/** The last routes of an app: 404 for anything else, and errors as JSON. */
export function finalRoutes(app: express.Express): void {
  app.use((_req: Request, res: Response) =>
    send(res, 404, 'text/plain; charset=utf-8', 'Not found'),
  );
  app.use(
    (error: Error & { status?: number }, _req: Request, res: Response, next: NextFunction) => {
      if (res.headersSent) return next(error);
      const status = error.status && error.status < 500 ? error.status : 500;
      answer(res, status, { ok: false, error: status === 500 ? error.message : 'Bad request' });
    },
  );
}

/** The origins a page of this server has: its address, and localhost for a loopback one. */
export function originsOf(host: string, port: number): string[] {
  const own = [`http://${host}:${port}`];
  if (host === '127.0.0.1') own.push(`http://localhost:${port}`);
  return own;
}

export interface Listening {
  /** The server's own origins (the first is its address). */
  origins: string[];
  close(): Promise<void>;
}

/** Listens on `host:port` (0: a free port). */
export async function listen(app: express.Express, port: number, host: string): Promise<Listening> {
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(port, host, (error?: Error) => {
      if (error) reject(error);
      else resolve(s);
    });
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  return {
    origins: originsOf(host, address.port),
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
