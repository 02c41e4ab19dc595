/**
 * Small typed fakes of the Apps Script services used by the Chat client tests.
 */

import { validateMessageBody } from '../../local/chat-emulator/message-schema';
import { Clock, FetchParams, HttpFetcher, HttpResponse, Logger } from '../../src/ports';

/** A scripted HTTP response. */
export interface FakeResponse {
  code: number;
  body?: string;
  headers?: { [name: string]: string };
}

/** One recorded `fetch` call. */
export interface FetchCall {
  url: string;
  params: FetchParams;
  at: number;
}

/** What a handler may do for a call: answer, or throw (network error, timeout). */
export type FakeOutcome = FakeResponse | { throw: string };

/** A clock whose time only moves on `sleep` (and on `advance`, e.g. from a fake fetch). */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  private time: number;

  constructor(start = Date.UTC(2025, 0, 6, 9, 0, 0)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  sleep(milliseconds: number): void {
    if (!(milliseconds >= 0)) throw new Error(`sleep(${milliseconds}) called with a bad value`);
    this.sleeps.push(milliseconds);
    this.time += milliseconds;
  }

  advance(milliseconds: number): void {
    this.time += milliseconds;
  }

  totalSlept(): number {
    return this.sleeps.reduce((a, b) => a + b, 0);
  }
}

function toResponse(r: FakeResponse): HttpResponse {
  return {
    getResponseCode: () => r.code,
    getContentText: () => r.body ?? '',
    getHeaders: () => ({ ...(r.headers ?? {}) }),
  };
}

/**
 * A fake UrlFetchApp. Like the real one, it THROWS
 * `Exception: Request failed for <full URL> returned code N...` when the code is >= 400 and
 * `muteHttpExceptions` is not true; the message quotes the URL with its key and token, so a
 * client that lets it through would leak them. Every call is recorded, every body collected.
 */
export class FakeHttp implements HttpFetcher {
  readonly calls: FetchCall[] = [];

  constructor(
    private readonly clock: FakeClock,
    private readonly handler: (call: FetchCall, index: number) => FakeOutcome,
    private readonly fetchCostMs = 0,
  ) {}

  fetch(url: string, params: FetchParams): HttpResponse {
    const call: FetchCall = { url, params: { ...params }, at: this.clock.now() };
    this.calls.push(call);
    recordedBodies.push(params.payload);
    this.clock.advance(this.fetchCostMs);
    const outcome = this.handler(call, this.calls.length - 1);
    if ('throw' in outcome) throw new Error(outcome.throw.replace('{url}', url));
    if (outcome.code >= 400 && params.muteHttpExceptions !== true) {
      throw new Error(
        `Exception: Request failed for ${url} returned code ${outcome.code}. Truncated server ` +
          `response: ${(outcome.body ?? '').slice(0, 100)} (use muteHttpExceptions option to ` +
          `examine full response)`,
      );
    }
    return toResponse(outcome);
  }

  /** Like UrlFetchApp.fetchAll: every request, answers in order (the fake runs them one by one). */
  fetchAll(requests: Array<FetchParams & { url: string }>): HttpResponse[] {
    return requests.map((r) => this.fetch(r.url, r));
  }

  /** Query parameters of call `i`, decoded, as name/value pairs in order. */
  query(i: number): Array<[string, string]> {
    const q = this.calls[i].url.split('?')[1] ?? '';
    return q
      .split('&')
      .filter((s) => s !== '')
      .map((s) => {
        const eq = s.indexOf('=');
        return [decodeURIComponent(s.slice(0, eq)), decodeURIComponent(s.slice(eq + 1))];
      });
  }
}

/** A fake that answers from a fixed script, then repeats the last entry. */
export function scriptedHttp(clock: FakeClock, script: FakeOutcome[], fetchCostMs = 0): FakeHttp {
  return new FakeHttp(clock, (_c, i) => script[Math.min(i, script.length - 1)], fetchCostMs);
}

/** Every request body any FakeHttp saw in this test file (each jest file has its own copy). */
export const recordedBodies: string[] = [];

/** A logger that keeps its lines. */
export class FakeLogger implements Logger {
  readonly lines: string[] = [];
  log(message: string): void {
    this.lines.push(message);
  }
}

/** A successful create as Chat returns it to a webhook. */
export function created(space: string, n: number, thread = 't1'): FakeResponse {
  return {
    code: 200,
    body: JSON.stringify({
      name: `spaces/${space}/messages/m${n}`,
      thread: { name: `spaces/${space}/threads/${thread}` },
    }),
  };
}

/** A google.rpc.Status error body. */
export function rpcError(
  code: number,
  status: string,
  message: string,
  headers?: { [k: string]: string },
): FakeResponse {
  return { code, body: JSON.stringify({ error: { code, message, status } }), headers };
}

/**
 * A fake Chat create endpoint that stores messages by requestId, like the real API: a repeated
 * requestId returns the message already created. `afterCommit` can make an attempt fail AFTER
 * the message was stored (response lost).
 */
export class FakeChat {
  readonly stored = new Map<string, { body: unknown; name: string }>();
  readonly http: FakeHttp;

  constructor(clock: FakeClock, afterCommit: (attempt: number) => FakeOutcome | null = () => null) {
    this.http = new FakeHttp(clock, (call, i) => {
      const params = new Map(this.http.query(i));
      const requestId = params.get('requestId') ?? '';
      const space = /\/spaces\/([^/]+)\/messages/.exec(call.url)?.[1] ?? '?';
      let entry = this.stored.get(requestId);
      if (!entry) {
        entry = {
          body: JSON.parse(call.params.payload),
          name: `spaces/${space}/messages/m${this.stored.size + 1}`,
        };
        this.stored.set(requestId, entry);
      }
      const failure = afterCommit(i + 1);
      if (failure) return failure;
      return {
        code: 200,
        body: JSON.stringify({ name: entry.name, thread: { name: `spaces/${space}/threads/x` } }),
      };
    });
  }
}

/** Schema problems of every body recorded in this file, via the emulator's validator. */
export function recordedBodyProblems(): string[] {
  return recordedBodies.flatMap((body, i) =>
    validateMessageBody(JSON.parse(body)).map((problem) => `body #${i}: ${problem}`),
  );
}

/** Test secrets: long and distinctive, so any leak is easy to spot. */
export const KEY = 'AIzaFAKE-key-0123456789abcdefghijklmnopq';
export const TOKEN = 'tok3n-SECRET_ZyXwVuTsRqPoNmLkJiHg0987654321=';
export const TOKEN_ENCODED = encodeURIComponent(TOKEN);
export const WEBHOOK = `https://chat.googleapis.com/v1/spaces/AAAASpace1/messages?key=${KEY}&token=${TOKEN_ENCODED}`;

/** Fails with the offending place when any form of a test secret appears in `values`. */
export function expectNoSecrets(...values: unknown[]): void {
  for (const value of values) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    for (const secret of [KEY, TOKEN, TOKEN_ENCODED, 'SECRET_ZyXw']) {
      if (text.includes(secret)) throw new Error(`secret leaked in: ${text}`);
    }
  }
}
