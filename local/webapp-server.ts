/**
 * The script's web app, served locally from the bundle (npm start, the
 * browser tests, the screenshots), as Apps Script serves a deployment:
 *
 * - Once listening, the runtime's web app is this server's /exec address:
 *   ScriptApp.getService().getUrl() returns it, so the links the bundle puts
 *   in cards lead here (runtime.webApp; restored on close).
 * - GET /exec?… (and /exec/<pathInfo>?…): runs the bundle's doGet(e) in the
 *   runtime as the visitor (runtime.doGet: e.parameter, e.parameters,
 *   e.queryString exactly as the URL has them) and serves the HtmlOutput it
 *   returns: its title, meta tags and favicon in the head, then a
 *   google.script.run shim (script-server.ts) before the page's own
 *   scripts. DEFAULT X-Frame-Options mode: X-Frame-Options: SAMEORIGIN (no
 *   other site may frame the page). A visitor Apps Script would not let in,
 *   an error of doGet, or no deployment get a small page saying so.
 * - POST /run/<fn> (google.script.run from the page, from this server's own
 *   origin only): runs the server function as the visitor
 *   (runtime.callFromWebApp); only the web app's action* functions.
 * - The visitor is a fixed Google account (`visitor`, e.g. npm start's
 *   --visitor; null: not signed in); `server.visitor` changes it.
 *
 * express 5, as the sidebar server (sidebar-server.ts).
 */
import escapeHtml from 'escape-html';
import express from 'express';
import type { Request, Response } from 'express';
import type { AppsScriptRuntime, WebAppDeployment, WebAppResponse } from './runtime';
import {
  finalRoutes,
  googleScriptShim,
  listen,
  runEndpoint,
  runPlain,
  send,
  withShim,
  type RunOutcome,
} from './script-server';

/** The functions a web app page may call with google.script.run here. */
export const WEB_APP_FUNCTION = /^action[A-Z]\w*$/;

/** The Google account npm start opens the web app with, unless told otherwise. */
export const LOCAL_VISITOR = 'ana@example.com';

/** What the server is about to run in the runtime. */
export type WebAppExecution =
  | { kind: 'page'; query: string | null; visitor: string | null }
  | { kind: 'call'; fn: string; args: unknown[]; visitor: string | null };

export interface WebAppServerOptions {
  /** Default 0: a free port. */
  port?: number;
  host?: string;
  /** The visitor's Google account (default LOCAL_VISITOR; null: not signed in). */
  visitor?: string | null;
  /** How the deployment runs and who may open it (default: as the deployer, open to the domain). */
  deployment?: Omit<WebAppDeployment, 'url'>;
  /**
   * Runs each execution's `body` (synchronous: it calls the runtime) and
   * answers its value, e.g. to print what it did and save the workbook
   * after it; default: runs it.
   */
  execute?: <T>(execution: WebAppExecution, body: () => T) => Promise<T>;
}

export interface WebAppServer {
  readonly origin: string;
  /** The web app's URL: what ScriptApp.getService().getUrl() returns while the server runs. */
  readonly url: string;
  /** Who opens the pages and confirms (null: not signed in). */
  visitor: string | null;
  /** Pages served and server functions called, in order. */
  readonly executions: Array<
    | { kind: 'page'; query: string | null; status: number; visitor: string | null }
    | { kind: 'call'; fn: string; args: unknown[]; outcome: RunOutcome; visitor: string | null }
  >;
  close(): Promise<void>;
}

const PAGE_STYLE =
  'body{margin:0;font:15px/1.5 Arial,sans-serif;color:#202124;background:#f8f9fa}' +
  'main{max-width:520px;margin:64px auto;padding:24px 32px;background:#fff;border:1px solid #dadce0;border-radius:8px}' +
  'h1{font-size:20px;font-weight:normal;margin:0 0 8px}';

/** The page Apps Script shows instead of the web app's: a refusal or an error. */
function notice(title: string, message: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
    `<style>${PAGE_STYLE}</style></head><body><main data-testid="webapp-notice">` +
    `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main></body></html>`
  );
}

/** The page a browser gets for doGet's answer, and its status. */
export function webAppPage(response: WebAppResponse): { status: number; html: string } {
  if (response.kind === 'refused') {
    return { status: response.status, html: notice('Google Apps Script', response.message) };
  }
  if (response.kind === 'error') {
    return { status: response.status, html: notice('Error', response.message) };
  }
  const head =
    (response.title ? `<title>${escapeHtml(response.title)}</title>` : '') +
    response.metaTags
      .map((t) => `<meta name="${escapeHtml(t.name)}" content="${escapeHtml(t.content)}">`)
      .join('') +
    (response.faviconUrl ? `<link rel="icon" href="${escapeHtml(response.faviconUrl)}">` : '');
  return { status: 200, html: withShim(response.html, googleScriptShim({ webApp: true }), head) };
}

/** The raw query string of a request (without "?"), or null when its URL has none. */
function rawQuery(req: Request): string | null {
  const at = req.originalUrl.indexOf('?');
  return at < 0 ? null : req.originalUrl.slice(at + 1);
}

export async function serveWebApp(
  runtime: AppsScriptRuntime,
  options: WebAppServerOptions = {},
): Promise<WebAppServer> {
  const execute =
    options.execute ?? (<T>(_execution: WebAppExecution, body: () => T) => Promise.resolve(body()));
  let own: string[] = [];
  const executions: WebAppServer['executions'] = [];
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  const page = async (req: Request, res: Response, pathInfo?: string) => {
    const query = rawQuery(req);
    const visitor = server.visitor;
    const response = await execute({ kind: 'page', query, visitor }, () =>
      runtime.doGet({ query: query ?? undefined, pathInfo, visitor }),
    );
    const { status, html } = webAppPage(response);
    executions.push({ kind: 'page', query, status, visitor });
    if (response.kind !== 'page' || response.xFrameOptions === 'DEFAULT') {
      res.set('x-frame-options', 'SAMEORIGIN');
    }
    send(res, status, 'text/html; charset=utf-8', html);
  };
  app.get('/exec', (req, res) => page(req, res));
  app.get('/exec/*pathInfo', (req, res) =>
    page(req, res, ([] as string[]).concat(req.params.pathInfo as string | string[]).join('/')),
  );
  app.get('/favicon.ico', (_req, res) => void res.status(204).end());
  runEndpoint(
    app,
    () => own,
    async (fn, args) => {
      const visitor = server.visitor;
      const outcome: RunOutcome = WEB_APP_FUNCTION.test(fn)
        ? await execute({ kind: 'call', fn, args, visitor }, () =>
            runPlain(args, () => runtime.callFromWebApp(fn, args, visitor)),
          )
        : { ok: false, error: `Script function not found: ${fn}` };
      executions.push({ kind: 'call', fn, args, outcome, visitor });
      return outcome;
    },
  );
  finalRoutes(app);

  const listening = await listen(app, options.port ?? 0, options.host ?? '127.0.0.1');
  own = listening.origins;
  const previous = runtime.webApp;
  const url = `${own[0]}/exec`;
  runtime.webApp = { executeAs: 'USER_DEPLOYING', access: 'DOMAIN', ...options.deployment, url };
  const server: WebAppServer = {
    origin: own[0],
    url,
    visitor: options.visitor === undefined ? LOCAL_VISITOR : options.visitor,
    executions,
    close: async () => {
      if (runtime.webApp?.url === url) runtime.webApp = previous;
      await listening.close();
    },
  };
  return server;
}
