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
import express from 'express';
import type { AppsScriptRuntime } from './runtime';
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

export { requestOrigin } from './script-server';

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

/** The google.script.run shim, as the browser runs it (script-server.ts). */
export const GOOGLE_SCRIPT_SHIM = googleScriptShim();

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

/** The sidebar's HTML as openSettings() shows it, with the shim injected before its scripts. */
export function sidebarHtml(runtime: AppsScriptRuntime): string {
  const before = runtime.ui.dialogs.length;
  runtime.call('openSettings');
  const shown = runtime.ui.dialogs.slice(before).filter((d) => d.kind === 'sidebar');
  if (!shown.length) throw new Error('openSettings() showed no sidebar');
  return withShim(shown[shown.length - 1].html, GOOGLE_SCRIPT_SHIM);
}

/** Calls a server function of the bundle as google.script.run would: one execution, plain values only. */
function runServerFunction(runtime: AppsScriptRuntime, fn: string, args: unknown[]): RunOutcome {
  if (!SIDEBAR_FUNCTION.test(fn)) return { ok: false, error: `Script function not found: ${fn}` };
  return runPlain(args, () => runtime.call(fn, ...args));
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
  runEndpoint(app, ownOrigins, (fn, args) => {
    const outcome = runServerFunction(runtime, fn, args);
    calls.push({ fn, args, ok: outcome.ok });
    options.afterCall?.(fn, args, outcome);
    return outcome;
  });
  finalRoutes(app);
  return app;
}

export async function serveSidebar(
  runtime: AppsScriptRuntime,
  options: SidebarServerOptions = {},
): Promise<SidebarServer> {
  const calls: SidebarServer['calls'] = [];
  const host = options.host ?? '127.0.0.1';
  let own: string[] = [];
  const app = createSidebarApp(runtime, calls, options, () => own);
  const listening = await listen(app, options.port ?? 0, host);
  own = listening.origins;
  const origin = own[0];
  return {
    origin,
    url: `${origin}/`,
    sidebarUrl: `${origin}/sidebar`,
    calls,
    close: listening.close,
  };
}
