/**
 * HTTP front end of the Chat webhook emulator (express 5, real clock).
 *
 *   POST /v1/spaces/:space/messages?key=…&token=…   the webhook endpoint (ChatStore semantics)
 *   GET  /api/spaces                                 spaces with their webhooks
 *   GET  /api/spaces/:space/threads                  threads (creation order) with messages
 *   GET  /api/spaces/:space/messages                 messages (creation order)
 *   POST /__emulator/webhooks  {space, displayName}  -> {url, space, token, displayName}
 *   POST /__emulator/faults    Fault JSON            -> 204
 *   DELETE /__emulator/faults                        -> 204
 *   POST /__emulator/reset     {webhooks?: boolean}  -> 204
 *   GET  /__emulator/stats                           -> EmulatorStats
 *   GET  /                                           preview page (?refresh=N to auto-refresh)
 *
 * Standalone: `npx tsx local/chat-emulator/server.ts --port 8085 [--host 127.0.0.1] [--space AAAA]`
 * (`--no-sample-webhook` registers none; `--exit-on-stdin-end` exits when stdin closes, for a
 * parent process: see spawn.ts).
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { ChatStore, rpcError, type EmulatorResponse, type Fault } from './store';
import { renderPreviewPage } from './preview';

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

/** The express app serving `store`. */
export function createEmulatorApp(store: ChatStore): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const json = express.json({ limit: RAW_BODY_LIMIT, type: () => true });

  app.get('/', (req, res) => {
    const refreshSeconds = Number(req.query.refresh ?? 0) || 0;
    res.type('html').send(renderPreviewPage(store, { refreshSeconds }));
  });

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

  app.post('/__emulator/webhooks', json, (req, res) => {
    const { space, displayName } = (req.body ?? {}) as { space?: unknown; displayName?: unknown };
    if (
      typeof space !== 'string' ||
      (displayName !== undefined && typeof displayName !== 'string')
    ) {
      send(res, rpcError(400, 'Expected {"space": string, "displayName"?: string}.'));
      return;
    }
    try {
      const webhook = store.registerWebhook(space, displayName);
      res.status(201).json({
        url: webhook.url(origin(req)),
        space: webhook.space,
        token: webhook.token,
        displayName: webhook.displayName,
      });
    } catch (error) {
      send(res, rpcError(400, (error as Error).message));
    }
  });
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

  // Everything else is the Chat API surface: the store answers (HTML 404 for unknown routes).
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

  // Body-parser failures (too large, bad JSON on control endpoints, bad charset).
  app.use(
    (
      error: Error & { status?: number; type?: string },
      _req: Request,
      res: Response,
      next: NextFunction,
    ) => {
      if (res.headersSent) {
        next(error);
        return;
      }
      if (error.type === 'entity.too.large') {
        send(res, rpcError(413, `Request payload size exceeds the limit: 1048576 bytes.`));
        return;
      }
      send(res, rpcError(error.status && error.status < 500 ? error.status : 400, error.message));
    },
  );
  return app;
}

export interface RunningEmulator {
  origin: string;
  store: ChatStore;
  close(): Promise<void>;
}

/** Starts the emulator on loopback (random port by default). */
export async function startEmulator(
  options: { port?: number; host?: string; store?: ChatStore } = {},
): Promise<RunningEmulator> {
  const store = options.store ?? new ChatStore({ now: () => Date.now() });
  const host = options.host ?? '127.0.0.1';
  const app = createEmulatorApp(store);
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
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

interface CliArgs {
  port: number;
  host: string;
  space: string | null;
  exitOnStdinEnd: boolean;
}

function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = {
    port: 8085,
    host: '127.0.0.1',
    space: 'AAAAemulator',
    exitOnStdinEnd: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    if (flag === '--no-sample-webhook') {
      args.space = null;
      continue;
    }
    if (flag === '--exit-on-stdin-end') {
      args.exitOnStdinEnd = true;
      continue;
    }
    const value = inline ?? argv[i + 1];
    const takes = inline === undefined;
    if (flag === '--port') args.port = Number(value);
    else if (flag === '--host') args.host = value;
    else if (flag === '--space') args.space = value;
    else if (flag === '--help' || flag === '-h') {
      console.log(
        'Usage: tsx local/chat-emulator/server.ts [--port 8085] [--host 127.0.0.1] [--space ID | --no-sample-webhook] [--exit-on-stdin-end]',
      );
      process.exit(0);
    } else throw new Error(`Unknown argument ${argv[i]}`);
    if (takes) i++;
  }
  if (!Number.isInteger(args.port) || args.port < 0) throw new Error('--port must be an integer');
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const emulator = await startEmulator({ port: args.port, host: args.host });
  console.log(`Chat emulator listening on ${emulator.origin}`);
  console.log(`Preview:        ${emulator.origin}/`);
  if (args.space !== null) {
    const webhook = emulator.store.registerWebhook(args.space, 'Chat Relay (sample)');
    console.log(`Sample webhook: ${webhook.url(emulator.origin)}`);
  }
  const stop = () => {
    void emulator.close().then(() => process.exit(0));
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
