/**
 * The Settings sidebar, served locally from the bundle, so it can be tried
 * (npm start), tested in Chromium (test/local/sidebar-browser.test.ts) and
 * photographed (npm run screenshot:sidebar) without a Google account.
 *
 * - GET /sidebar: the HTML that openSettings() shows (taken from the HtmlOutput
 *   the local runtime records in runtime.ui.dialogs), with a google.script.run
 *   shim injected first: `google.script.run.withSuccessHandler(..)
 *   .withFailureHandler(..).<fn>(args)` POSTs to /run/<fn>.
 * - POST /run/<fn>: calls the bundle's server function in the local runtime,
 *   `runtime.call(fn, ...args)` (one execution), and answers its result as
 *   JSON. As in Apps Script, arguments and results must be primitives, plain
 *   objects and arrays (no Date, no function); only the sidebar's own
 *   settings* functions can be called.
 *   A POST from another origin is refused (403): its Origin header, or its
 *   Referer when it has none, must be the server's own, so no other page open
 *   on the machine can change the session's webhooks or settings.
 * - GET /: the sidebar in a 300 px frame with a Sheets-like title bar.
 *
 * express 5, as the Chat emulator (local/chat-emulator/server.ts).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import type { AppsScriptRuntime } from './runtime';

export interface SidebarServerOptions {
  /** Default 0: a free port. */
  port?: number;
  host?: string;
  /** After each server call (e.g. to let a fake clock move on, as between executions). */
  afterCall?: (fn: string, args: unknown[], outcome: { ok: boolean }) => void;
}

export interface SidebarServer {
  readonly origin: string;
  /** The page with the sidebar in its frame. */
  readonly url: string;
  /** The sidebar's own page (what the IFRAME shows). */
  readonly sidebarUrl: string;
  /** Server calls made so far, in order. */
  readonly calls: Array<{ fn: string; args: unknown[]; ok: boolean }>;
  close(): Promise<void>;
}

/** The functions google.script.run may call here: the sidebar's server functions. */
export const SIDEBAR_FUNCTION = /^settings[A-Z]\w*$/;

/** The google.script.run shim, as the browser runs it. */
export const GOOGLE_SCRIPT_SHIM = `
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
  window.google = { script: { run: runner(null, null), host: {
    close: function () {}, setHeight: function () {}, setWidth: function () {},
    editor: { focus: function () {} }
  } } };
})();
`;

const FRAME_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Chat Relay settings (local)</title>
<style>
  body { margin: 0; background: #f8f9fa; font: 14px Arial, sans-serif; }
  .panel { position: fixed; top: 0; right: 0; bottom: 0; width: 300px; background: #fff;
    border-left: 1px solid #dadce0; display: flex; flex-direction: column; }
  .panel header { height: 48px; display: flex; align-items: center; justify-content: space-between;
    padding: 0 12px; font-size: 16px; color: #202124; border-bottom: 1px solid #dadce0; }
  .panel iframe { flex: 1; border: 0; width: 300px; }
  .note { margin: 24px; max-width: 420px; color: #5f6368; line-height: 1.5; }
</style></head>
<body>
  <p class="note">The Chat Relay settings sidebar, served by the local Apps Script runtime: each
  button calls the bundle's server functions, as google.script.run does in Sheets.</p>
  <div class="panel"><header><span>Chat Relay</span><span aria-hidden="true">✕</span></header>
  <iframe src="/sidebar" title="Chat Relay"></iframe></div>
</body></html>`;

/** A Date, a function or another non-plain value inside `value`, which google.script.run refuses. */
function illegal(value: unknown, where = 'value'): string | null {
  if (value === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof value))
    return null;
  if (typeof value === 'function') return `${where} is a function`;
  if (Object.prototype.toString.call(value) === '[object Date]') return `${where} is a Date`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = illegal(value[i], `${where}[${i}]`);
      if (bad) return bad;
    }
    return null;
  }
  for (const [key, v] of Object.entries(value as object)) {
    const bad = illegal(v, `${where}.${key}`);
    if (bad) return bad;
  }
  return null;
}

const BODY_LIMIT = '1mb';

function send(res: Response, status: number, type: string, body: string): void {
  res.status(status).set('cache-control', 'no-store').type(type).send(body);
}

function answer(res: Response, status: number, outcome: object): void {
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
function sameOriginOnly(own: () => string[]) {
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

/** The sidebar's HTML as openSettings() shows it, with the shim injected before its scripts. */
export function sidebarHtml(runtime: AppsScriptRuntime): string {
  const before = runtime.ui.dialogs.length;
  runtime.call('openSettings');
  const shown = runtime.ui.dialogs.slice(before).filter((d) => d.kind === 'sidebar');
  if (!shown.length) throw new Error('openSettings() showed no sidebar');
  const html = shown[shown.length - 1].html;
  const shim = `<script>${GOOGLE_SCRIPT_SHIM}</script>`;
  return /<head[^>]*>/i.test(html)
    ? html.replace(/<head[^>]*>/i, (head) => `${head}${shim}`)
    : shim + html;
}

type RunOutcome = { ok: true; value: unknown } | { ok: false; error: string };

/** Calls a server function of the bundle as google.script.run would: one execution, plain values only. */
function runServerFunction(runtime: AppsScriptRuntime, fn: string, args: unknown[]): RunOutcome {
  if (!SIDEBAR_FUNCTION.test(fn)) return { ok: false, error: `Script function not found: ${fn}` };
  const bad = illegal(args, 'args');
  if (bad) return { ok: false, error: `Invalid argument: ${bad}` };
  try {
    const value = runtime.call(fn, ...args);
    const wrong = illegal(value);
    return wrong ? { ok: false, error: `Invalid return value: ${wrong}` } : { ok: true, value };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The express app of the sidebar server; `ownOrigins` are the origins its
 * pages are served from (known once it listens).
 */
export function createSidebarApp(
  runtime: AppsScriptRuntime,
  calls: SidebarServer['calls'],
  options: Pick<SidebarServerOptions, 'afterCall'>,
  ownOrigins: () => string[],
): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.get('/', (_req, res) => send(res, 200, 'text/html; charset=utf-8', FRAME_PAGE));
  app.get('/sidebar', (_req, res) => {
    try {
      send(res, 200, 'text/html; charset=utf-8', sidebarHtml(runtime));
    } catch (e) {
      send(res, 500, 'text/plain; charset=utf-8', e instanceof Error ? e.message : String(e));
    }
  });
  app.get('/favicon.ico', (_req, res) => void res.status(204).end());
  app.post(
    '/run/:fn',
    sameOriginOnly(ownOrigins),
    express.text({ type: () => true, limit: BODY_LIMIT, defaultCharset: 'utf-8' }),
    (req, res) => {
      let args: unknown[] = [];
      try {
        const body = JSON.parse((req.body as string) || '{}') as { args?: unknown[] };
        args = Array.isArray(body.args) ? body.args : [];
      } catch {
        answer(res, 400, { ok: false, error: 'Bad request' });
        return;
      }
      const fn = String(req.params.fn);
      const outcome = runServerFunction(runtime, fn, args);
      calls.push({ fn, args, ok: outcome.ok });
      options.afterCall?.(fn, args, outcome);
      answer(res, 200, outcome);
    },
  );
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
  return app;
}

/** The origins a page of this server has: its address, and localhost for a loopback one. */
function originsOf(host: string, port: number): string[] {
  const own = [`http://${host}:${port}`];
  if (host === '127.0.0.1') own.push(`http://localhost:${port}`);
  return own;
}

export async function serveSidebar(
  runtime: AppsScriptRuntime,
  options: SidebarServerOptions = {},
): Promise<SidebarServer> {
  const calls: SidebarServer['calls'] = [];
  const host = options.host ?? '127.0.0.1';
  let own: string[] = [];
  const app = createSidebarApp(runtime, calls, options, () => own);
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port ?? 0, host, (error?: Error) => {
      if (error) reject(error);
      else resolve(s);
    });
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  own = originsOf(host, port);
  const origin = own[0];
  return {
    origin,
    url: `${origin}/`,
    sidebarUrl: `${origin}/sidebar`,
    calls,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
