/**
 * HTTP front end of the Chat webhook emulator (express 5, real clock).
 *
 *   POST /v1/spaces/:space/messages?key=…&token=…   the webhook endpoint (ChatStore semantics)
 *   GET  /api/spaces                                 spaces with their webhooks
 *   GET  /api/spaces/:space/threads                  threads (creation order) with messages
 *   GET  /api/spaces/:space/messages                 messages (creation order)
 *   POST /__emulator/webhooks  {space, displayName, reuse?}
 *                              -> 201 {url, space, token, displayName, reused: false}
 *                                 (reuse: true and a webhook of that name in the space: 200, reused: true)
 *   POST /__emulator/faults    Fault JSON            -> 204
 *   GET  /__emulator/faults                          -> pending faults
 *   DELETE /__emulator/faults                        -> 204
 *   POST /__emulator/reset     {webhooks?: boolean}  -> 204
 *   GET  /__emulator/stats                           -> EmulatorStats
 *   GET  /__emulator/state                           -> the state (state.ts format)
 *   POST /__emulator/save                            -> {file, spaces, messages} (409 without a state file)
 *   GET  /                                           preview page (?refresh=N reloads it every N s)
 *
 * With a state file, the emulator starts from it (when it exists) and saves
 * it after every change, before answering the request that made it, and
 * when it stops.
 *
 * Standalone: `npx tsx local/chat-emulator/server.ts --port 8085 [--host 127.0.0.1]
 * [--space AAAA | --no-sample-webhook] [--state FILE]` (`--exit-on-stdin-end` exits
 * when stdin closes, for a parent process: see spawn.ts).
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { parseArgs } from 'node:util';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import type { EmulatorResponse, Fault } from './model';
import { renderPreviewPage } from './preview';
import { rpcError } from './responses';
import { readStateFile, writeStateFile } from './state';
import { ChatStore } from './store';

const RAW_BODY_LIMIT = '1mb';

function queryOf(originalUrl: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  const index = originalUrl.indexOf('?');
  if (index === -1) return query;
  for (const [name, value] of new URLSearchParams(originalUrl.slice(index + 1))) {
    const previous = query[name];
    if (previous === undefined) query[name] = value;
    else query[name] = Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return query;
}

function headersOf(req: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function send(res: Response, response: EmulatorResponse): void {
  const finish = () => {
    if (response.drop) {
      // Enact the dropped connection: no status line, no body.
      res.socket?.destroy();
      return;
    }
    // res.end (not res.send) keeps Google's exact content-type spelling (charset=UTF-8).
    const body = Buffer.from(response.body, 'utf8');
    res.status(response.status);
    for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
    res.setHeader('content-length', String(body.length));
    res.end(body);
  };
  if (response.latencyMs && response.latencyMs > 0) setTimeout(finish, response.latencyMs);
  else finish();
}

function origin(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

/** What POST /__emulator/save answers. */
export interface SaveReport {
  file: string;
  spaces: number;
  messages: number;
}

/** The emulator's state file, when it has one. */
export interface StatePersistence {
  file: string;
  save(): SaveReport;
}

/** The express app serving `store`. */
export function createEmulatorApp(
  store: ChatStore,
  persistence: StatePersistence | null = null,
): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.get('/', (req, res) => {
    const refreshSeconds = Number(req.query.refresh ?? 0) || 0;
    res.type('html').send(renderPreviewPage(store, { refreshSeconds }));
  });
  readRoutes(app, store);
  controlRoutes(app, store, persistence);
  chatRoutes(app, store);
  app.use(errorHandler);
  return app;
}

/** The read API: spaces, and the threads and messages of one. */
function readRoutes(app: express.Express, store: ChatStore): void {
  app.get('/api/spaces', (_req, res) => {
    res.json(store.spaces());
  });
  const knownSpace = (req: Request, res: Response): string | undefined => {
    const space = String(req.params.space);
    if (!store.spaces().some((s) => s.space === space)) {
      send(res, rpcError(404, `Space spaces/${space} is not registered in the emulator.`));
      return undefined;
    }
    return space;
  };
  app.get('/api/spaces/:space/threads', (req, res) => {
    const space = knownSpace(req, res);
    if (space !== undefined) res.json(store.threads(space));
  });
  app.get('/api/spaces/:space/messages', (req, res) => {
    const space = knownSpace(req, res);
    if (space !== undefined) res.json(store.messages(space));
  });
}

function registerRoute(app: express.Express, store: ChatStore, json: express.RequestHandler) {
  app.post('/__emulator/webhooks', json, (req, res) => {
    const { space, displayName, reuse } = (req.body ?? {}) as Record<string, unknown>;
    if (
      typeof space !== 'string' ||
      (displayName !== undefined && typeof displayName !== 'string') ||
      (reuse !== undefined && typeof reuse !== 'boolean') ||
      (reuse === true && displayName === undefined)
    ) {
      const expected = '{"space": string, "displayName"?: string, "reuse"?: boolean}';
      send(res, rpcError(400, `Expected ${expected} ("reuse" needs a "displayName").`));
      return;
    }
    try {
      const { reused, ...webhook } =
        reuse === true && displayName !== undefined
          ? store.ensureWebhook(space, displayName)
          : { ...store.registerWebhook(space, displayName), reused: false };
      res.status(reused ? 200 : 201).json({
        url: webhook.url(origin(req)),
        space: webhook.space,
        token: webhook.token,
        displayName: webhook.displayName,
        reused,
      });
    } catch (error) {
      send(res, rpcError(400, (error as Error).message));
    }
  });
}

/** Test and tool control: webhooks, faults, reset, counters, state. */
function controlRoutes(
  app: express.Express,
  store: ChatStore,
  persistence: StatePersistence | null,
): void {
  const json = express.json({ limit: RAW_BODY_LIMIT, type: () => true });
  registerRoute(app, store, json);
  app.post('/__emulator/faults', json, (req, res) => {
    try {
      store.injectFault((req.body ?? {}) as Fault);
      res.status(204).end();
    } catch (error) {
      send(res, rpcError(400, (error as Error).message));
    }
  });
  app.get('/__emulator/faults', (_req, res) => {
    res.json(store.pendingFaults());
  });
  app.delete('/__emulator/faults', (_req, res) => {
    store.clearFaults();
    res.status(204).end();
  });
  app.post('/__emulator/reset', json, (req, res) => {
    store.reset({ webhooks: (req.body as { webhooks?: unknown } | undefined)?.webhooks === true });
    res.status(204).end();
  });
  app.get('/__emulator/stats', (_req, res) => {
    res.json(store.stats());
  });
  app.get('/__emulator/state', (_req, res) => {
    res.json(store.state());
  });
  app.post('/__emulator/save', (_req, res) => {
    if (!persistence) {
      send(res, rpcError(409, 'This emulator has no state file (start it with --state FILE).'));
      return;
    }
    res.json(persistence.save());
  });
}

/** Everything else is the Chat API surface: the store answers (HTML 404 for unknown routes). */
function chatRoutes(app: express.Express, store: ChatStore): void {
  app.use(
    express.text({ type: () => true, limit: RAW_BODY_LIMIT, defaultCharset: 'utf-8' }),
    (req: Request, res: Response) => {
      send(
        res,
        store.handle({
          method: req.method,
          path: req.path,
          query: queryOf(req.originalUrl),
          headers: headersOf(req),
          body: typeof req.body === 'string' ? req.body : '',
        }),
      );
    },
  );
}

/** Body-parser failures (too large, bad JSON on control endpoints, bad charset), and bugs. */
function errorHandler(
  error: Error & { status?: number; type?: string },
  _req: Request,
  res: Response,
  next: NextFunction,
): void {
  if (res.headersSent) {
    next(error);
    return;
  }
  if (error.type === 'entity.too.large') {
    send(res, rpcError(413, `Request payload size exceeds the limit: 1048576 bytes.`));
    return;
  }
  const status = error.status && error.status < 500 ? error.status : 500;
  send(res, rpcError(status, error.message));
}

export interface RunningEmulator {
  origin: string;
  store: ChatStore;
  /** The state file, when the emulator keeps one. */
  stateFile: string | null;
  /** Whether the state came from an existing state file. */
  restored: boolean;
  /** Saves the state file now (no-op without one). */
  save(): SaveReport | null;
  /** Stops listening (and saves the state file). */
  close(): Promise<void>;
}

export interface StartEmulatorOptions {
  port?: number;
  host?: string;
  /** The store to serve (not with `stateFile`). */
  store?: ChatStore;
  /** Start from this file when it exists, and keep it saved (state.ts format). */
  stateFile?: string;
}

function saveState(file: string, store: ChatStore): SaveReport {
  const state = store.state();
  writeStateFile(file, state);
  return {
    file,
    spaces: state.spaces.length,
    messages: state.spaces.reduce((n, s) => n + s.messages.length, 0),
  };
}

/** The store, restored from the state file when it exists, and saved to it on every change. */
function persistentStore(file: string): {
  store: ChatStore;
  persistence: StatePersistence;
  restored: boolean;
} {
  // onChange is only called once the store exists (never while it is being restored).
  const options = { now: () => Date.now(), onChange: () => void persistence.save() };
  const saved = readStateFile(file);
  const store = saved ? ChatStore.restore(saved, options) : new ChatStore(options);
  const persistence: StatePersistence = { file, save: () => saveState(file, store) };
  return { store, persistence, restored: saved !== null };
}

/** Starts the emulator on loopback (random port by default). */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  if (options.store && options.stateFile) {
    throw new Error('startEmulator: pass either a store or a state file, not both');
  }
  const persistent = options.stateFile ? persistentStore(options.stateFile) : null;
  const store = persistent?.store ?? options.store ?? new ChatStore({ now: () => Date.now() });
  const persistence = persistent?.persistence ?? null;
  const host = options.host ?? '127.0.0.1';
  const app = createEmulatorApp(store, persistence);
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port ?? 0, host, (error?: Error) => {
      if (error) reject(error);
      else resolve(s);
    });
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const displayHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closed: Promise<void> | undefined;
  return {
    origin: `http://${displayHost}:${address.port}`,
    store,
    stateFile: persistence?.file ?? null,
    restored: persistent?.restored ?? false,
    save: () => persistence?.save() ?? null,
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        persistence?.save();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

const USAGE =
  'Usage: tsx local/chat-emulator/server.ts [--port 8085] [--host 127.0.0.1] [--space ID | --no-sample-webhook] [--state FILE] [--exit-on-stdin-end]';

interface CliArgs {
  port: number;
  host: string;
  space: string | null;
  stateFile: string | null;
  exitOnStdinEnd: boolean;
}

function cliArgs(argv: string[]): CliArgs | null {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string', default: '8085' },
      host: { type: 'string', default: '127.0.0.1' },
      space: { type: 'string', default: 'AAAAemulator' },
      'no-sample-webhook': { type: 'boolean', default: false },
      state: { type: 'string' },
      'exit-on-stdin-end': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) {
    throw new Error(`--port must be a port number (0 = any free port), got "${values.port}"`);
  }
  return {
    port,
    host: values.host,
    space: values['no-sample-webhook'] ? null : values.space,
    stateFile: values.state ?? null,
    exitOnStdinEnd: values['exit-on-stdin-end'],
  };
}

async function main(): Promise<void> {
  const args = cliArgs(process.argv.slice(2));
  if (!args) {
    console.log(USAGE);
    return;
  }
  const emulator = await startEmulator({
    port: args.port,
    host: args.host,
    ...(args.stateFile ? { stateFile: args.stateFile } : {}),
  });
  console.log(`Chat emulator listening on ${emulator.origin}`);
  console.log(`Preview:        ${emulator.origin}/`);
  if (emulator.stateFile) {
    const messages = emulator.store.spaces().reduce((n, s) => n + s.messageCount, 0);
    console.log(
      `State:          ${emulator.stateFile} (${emulator.restored ? `restored, ${messages} messages` : 'new'})`,
    );
  }
  if (args.space !== null) {
    const webhook = emulator.store.ensureWebhook(args.space, 'Chat Relay (sample)');
    console.log(`Sample webhook: ${webhook.url(emulator.origin)}`);
  }
  const stop = () => {
    void emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (args.exitOnStdinEnd) {
    // Run by a parent (spawn.ts): go away with it, even if it dies without a word.
    process.stdin.on('end', stop);
    process.stdin.on('error', stop);
    process.stdin.resume();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
