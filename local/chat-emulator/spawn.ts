/**
 * The HTTP emulator in a child process, and a client for its control API.
 *
 * The local runtime's httpTransport() blocks its thread while a request is
 * in flight, so an emulator served by that same thread could never answer:
 * `npm start` and the loopback HTTP tests run server.ts in a child process
 * (`node --import tsx`, no intermediate process) and talk to it over HTTP.
 * The child exits when the parent closes its stdin, so it never outlives it.
 * With `stateFile`, the child starts from that file and keeps it saved.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as http from 'node:http';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EmulatorStats, Fault, MessageView, SpaceView, ThreadView } from './model';
import type { SaveReport } from './server';
import type { EmulatorState } from './state';

export interface RegisteredWebhookInfo {
  /** The webhook URL on the emulator's origin (contains the token: do not print it). */
  url: string;
  space: string;
  token: string;
  displayName: string;
  /** True when ensureWebhook found the webhook already registered. */
  reused: boolean;
}

/** Typed calls to the emulator's control and read-back endpoints (see server.ts). */
export class EmulatorClient {
  constructor(readonly origin: string) {}

  /**
   * One request on a fresh connection. (fetch's keep-alive pool would reuse a
   * socket the server closed while this thread was blocked in a synchronous
   * httpTransport call, and fail with "other side closed".)
   */
  private request<T>(method: string, route: string, body?: unknown): Promise<T> {
    const payload = body === undefined ? '' : JSON.stringify(body);
    return new Promise<T>((resolve, reject) => {
      const req = http.request(
        this.origin + route,
        {
          method,
          agent: false,
          headers: {
            'content-length': String(Buffer.byteLength(payload)),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            if (status < 200 || status >= 300) {
              reject(
                new Error(`Chat emulator: ${method} ${route} answered ${status}: ${text.trim()}`),
              );
              return;
            }
            try {
              resolve((text ? JSON.parse(text) : undefined) as T);
            } catch (error) {
              reject(error as Error);
            }
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  registerWebhook(space: string, displayName?: string): Promise<RegisteredWebhookInfo> {
    return this.request('POST', '/__emulator/webhooks', { space, displayName });
  }

  /** The space's webhook of that name if there is one (same token, same thread keys), else a new one. */
  ensureWebhook(space: string, displayName: string): Promise<RegisteredWebhookInfo> {
    return this.request('POST', '/__emulator/webhooks', { space, displayName, reuse: true });
  }

  injectFault(fault: Fault): Promise<void> {
    return this.request('POST', '/__emulator/faults', fault);
  }

  pendingFaults(): Promise<Fault[]> {
    return this.request('GET', '/__emulator/faults');
  }

  clearFaults(): Promise<void> {
    return this.request('DELETE', '/__emulator/faults');
  }

  /** Forgets messages, threads, faults and stats (webhooks too with `webhooks: true`). */
  reset(options: { webhooks?: boolean } = {}): Promise<void> {
    return this.request('POST', '/__emulator/reset', options);
  }

  stats(): Promise<EmulatorStats> {
    return this.request('GET', '/__emulator/stats');
  }

  /** The whole state (spaces, webhooks, threads, messages), as a state file holds it. */
  state(): Promise<EmulatorState> {
    return this.request('GET', '/__emulator/state');
  }

  /** Saves the state file now (the emulator also saves after every change and when it stops). */
  save(): Promise<SaveReport> {
    return this.request('POST', '/__emulator/save');
  }

  spaces(): Promise<SpaceView[]> {
    return this.request('GET', '/api/spaces');
  }

  threads(space: string): Promise<ThreadView[]> {
    return this.request('GET', `/api/spaces/${encodeURIComponent(space)}/threads`);
  }

  messages(space: string): Promise<MessageView[]> {
    return this.request('GET', `/api/spaces/${encodeURIComponent(space)}/messages`);
  }
}

export interface EmulatorProcess extends EmulatorClient {
  readonly pid: number;
  /** The preview page. */
  readonly previewUrl: string;
  /** Stops the child (SIGTERM, then SIGKILL after 3 s); resolves when it has exited. */
  close(): Promise<void>;
}

export interface SpawnEmulatorOptions {
  /** Default 0 (a free port chosen by the OS). */
  port?: number;
  host?: string;
  /** When `port` is taken, use a free port instead of failing. */
  fallbackToFreePort?: boolean;
  /** Milliseconds to wait for the child to listen (default 20 s). */
  startTimeoutMs?: number;
  /**
   * Load the emulator's state from this file if it exists, and keep it saved
   * there: after every change (before answering) and when the child stops.
   */
  stateFile?: string;
}

const SERVER = path.join(__dirname, 'server.ts');
const READY = /Chat emulator listening on (http:\/\/\S+)/;

function startChild(
  port: number,
  host: string,
  timeoutMs: number,
  stateFile: string | undefined,
): Promise<{ child: ChildProcess; origin: string }> {
  const tsx = pathToFileURL(require.resolve('tsx')).href;
  const child = spawn(
    process.execPath,
    [
      '--import',
      tsx,
      SERVER,
      '--port',
      String(port),
      '--host',
      host,
      '--no-sample-webhook',
      '--exit-on-stdin-end',
      ...(stateFile !== undefined ? ['--state', stateFile] : []),
    ],
    // Its own process group: a Ctrl-C in the terminal reaches the parent only, which
    // stops the child when it is done with it (the child saves its state as it stops).
    { stdio: ['pipe', 'pipe', 'pipe'], detached: true },
  );
  return listening(child, timeoutMs);
}

/** Resolves with the child's origin once it prints that it listens; rejects if it exits first. */
function listening(
  child: ChildProcess,
  timeoutMs: number,
): Promise<{ child: ChildProcess; origin: string }> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Chat emulator did not start within ${timeoutMs} ms.\n${stderr}`));
    }, timeoutMs);
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      reject(
        Object.assign(
          new Error(
            `Chat emulator exited (${signal ?? `code ${code}`}) before listening: ${stderr.trim()}`,
          ),
          { stderr },
        ),
      );
    };
    child.once('exit', onExit);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      stdout += chunk;
      const match = READY.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout?.removeAllListeners('data');
      child.stdout?.resume(); // keep draining, never print (nothing secret is printed anyway)
      resolve({ child, origin: match[1] });
    });
  });
}

/** Starts server.ts in a child process and returns a client bound to it. */
export async function spawnEmulator(options: SpawnEmulatorOptions = {}): Promise<EmulatorProcess> {
  const host = options.host ?? '127.0.0.1';
  const timeoutMs = options.startTimeoutMs ?? 20000;
  let started: { child: ChildProcess; origin: string };
  try {
    started = await startChild(options.port ?? 0, host, timeoutMs, options.stateFile);
  } catch (error) {
    const busy = /EADDRINUSE/.test(String((error as { stderr?: string }).stderr ?? error));
    if (!(busy && options.fallbackToFreePort && options.port)) throw error;
    started = await startChild(0, host, timeoutMs, options.stateFile);
  }
  const { child, origin } = started;
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  let closing: Promise<void> | undefined;
  const client = new EmulatorClient(origin);
  return Object.assign(client, {
    pid: child.pid as number,
    previewUrl: `${origin}/`,
    close(): Promise<void> {
      closing ??= (async () => {
        child.stdin?.end();
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      })();
      return closing;
    },
  });
}
