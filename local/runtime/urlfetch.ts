/**
 * UrlFetchApp over a pluggable synchronous Transport.
 *
 * Apps Script behaviour reproduced: a response code >= 400 throws unless
 * muteHttpExceptions is true ("Request failed for <origin> returned code
 * <code>. Truncated server response: ..."); network failures throw
 * "Address unavailable: <url>" / "DNS error: <url>" / "Timeout: <url>" (the
 * full URL, secrets included: the caller must redact); redirects are followed
 * unless followRedirects is false; the manifest's urlFetchWhitelist is
 * enforced when `allowedOrigins` is given. With a FakeClock each fetch
 * advances the clock by reply.latencyMs ?? defaultLatencyMs (200 ms).
 */
import * as path from 'node:path';
import { createSyncFn } from 'synckit';
import { FakeClock, type RuntimeClock } from './clock';
import { exception } from './errors';

export interface HttpRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  payload: string;
}

export interface HttpReply {
  status: number;
  headers: Record<string, string>;
  body: string;
  latencyMs?: number;
  /** Simulates a connection dropped before / after the server committed the request. */
  drop?: 'before-commit' | 'after-commit';
}

/** Synchronous; may throw for network errors. */
export type Transport = (request: HttpRequest) => HttpReply;

export interface RecordedRequest extends HttpRequest {
  /** Clock time when the request was sent. */
  at: number;
  /** The reply status, or null when the fetch failed at the network level. */
  status: number | null;
  error?: string;
}

export const URLFETCH_API = {
  UrlFetchApp: ['fetch', 'getRequest'],
  HTTPResponse: ['getResponseCode', 'getContentText', 'getHeaders', 'getAllHeaders', 'getContent'],
} as const;

export const USER_AGENT =
  'Mozilla/5.0 (compatible; Google-Apps-Script; beanserver; +https://script.google.com; id: UAEmdDd-local)';

/** How much of the body Apps Script quotes in a "Request failed" exception. */
export const TRUNCATED_RESPONSE_CHARS = 100;

const DEFAULT_TIMEOUT_MS = 60000;

export interface HttpTransportOptions {
  /** Per-request timeout; Apps Script's UrlFetch gives up after about 60 s. */
  timeoutMs?: number;
}

interface WorkerReply {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  latencyMs?: number;
  error?: { kind: 'dns' | 'refused' | 'reset' | 'timeout' | 'invalid'; message: string };
}

/**
 * Real, synchronous HTTP(S): the request runs in a worker thread (synckit)
 * while this thread blocks on Atomics.wait. Network failures throw like
 * Apps Script, quoting the URL.
 */
export function httpTransport(options: HttpTransportOptions = {}): Transport {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const worker = path.join(__dirname, 'http-worker.cjs');
  const run = createSyncFn<(request: HttpRequest, timeoutMs: number) => Promise<WorkerReply>>(
    worker,
    {
      timeout: timeoutMs + 5000,
      execArgv: [],
    },
  );
  return (request) => {
    let reply: WorkerReply;
    try {
      reply = run(request, timeoutMs);
    } catch {
      // synckit gave up waiting for the worker.
      throw exception(`Timeout: ${request.url}`);
    }
    if (reply.error) {
      switch (reply.error.kind) {
        case 'dns':
          throw exception(`DNS error: ${request.url}`);
        case 'timeout':
          throw exception(`Timeout: ${request.url}`);
        case 'invalid':
          throw exception(`Invalid argument: ${request.url}`);
        default:
          throw exception(`Address unavailable: ${request.url}`);
      }
    }
    return {
      status: reply.status ?? 0,
      headers: reply.headers ?? {},
      body: reply.body ?? '',
      // no latencyMs: the time really passed while this thread was blocked
    };
  };
}

export class HttpResponseFake {
  constructor(private readonly reply: HttpReply) {}

  getResponseCode(): number {
    return this.reply.status;
  }

  getContentText(): string {
    return this.reply.body;
  }

  /** Header map; Apps Script keeps the server's header-name case. */
  getHeaders(): Record<string, string> {
    return { ...this.reply.headers };
  }

  getAllHeaders(): Record<string, string> {
    return { ...this.reply.headers };
  }

  /** Bytes as Apps Script's signed byte array. */
  getContent(): number[] {
    return [...Buffer.from(this.reply.body, 'utf8')].map((b) => (b > 127 ? b - 256 : b));
  }
}

export interface FetchParams {
  method?: string;
  contentType?: string;
  payload?: unknown;
  headers?: Record<string, unknown>;
  muteHttpExceptions?: boolean;
  followRedirects?: boolean;
  validateHttpsCertificates?: boolean;
  escaping?: boolean;
}

const METHODS = ['get', 'delete', 'patch', 'post', 'put'];

function encodeForm(payload: Record<string, unknown>): string {
  return Object.entries(payload)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
}

/** Scheme and host are case-insensitive; the path is not. */
function lowerHost(url: string): string {
  return url.replace(/^[a-z]+:\/\/[^/]+/i, (h) => h.toLowerCase());
}

/** Does the URL fall under one of the manifest's urlFetchWhitelist prefixes? */
export function isAllowedUrl(url: string, prefixes: string[]): boolean {
  return prefixes.some((raw) => {
    let prefix = raw;
    if (/^[a-z]+:\/\/[^/]+$/i.test(prefix)) prefix += '/';
    const wildcard = /^(https?:\/\/)\*\.(.*)$/i.exec(prefix);
    if (wildcard) {
      // https://*.example.com/ matches any subdomain of example.com.
      const m = /^(https?:\/\/)([^/]+)(\/.*)?$/i.exec(url);
      if (!m || m[1].toLowerCase() !== wildcard[1].toLowerCase()) return false;
      const [host, ...rest] = wildcard[2].split('/');
      const restPath = '/' + rest.join('/');
      return (
        m[2].toLowerCase().endsWith('.' + host.toLowerCase()) && (m[3] ?? '/').startsWith(restPath)
      );
    }
    return lowerHost(url).startsWith(lowerHost(prefix));
  });
}

export class UrlFetchAppFake {
  /** Every request sent, in order. */
  readonly requests: RecordedRequest[] = [];
  readonly defaultLatencyMs: number;
  readonly allowedOrigins: string[] | undefined;

  constructor(
    private readonly transport: Transport,
    private readonly clock: RuntimeClock,
    options: { defaultLatencyMs?: number; allowedOrigins?: string[] } = {},
  ) {
    this.defaultLatencyMs = options.defaultLatencyMs ?? 200;
    this.allowedOrigins = options.allowedOrigins;
  }

  /** The request Apps Script would send (UrlFetchApp.getRequest). */
  getRequest(url: string, params: FetchParams = {}): Record<string, unknown> {
    const req = this.buildRequest(url, params);
    return {
      url: req.url,
      method: req.method.toLowerCase(),
      headers: req.headers,
      payload: req.payload,
      contentType: req.headers['Content-Type'],
      followRedirects: params.followRedirects ?? true,
      validateHttpsCertificates: params.validateHttpsCertificates ?? true,
      useIntranet: false,
    };
  }

  fetch(url: string, params: FetchParams = {}): HttpResponseFake {
    let request = this.buildRequest(url, params);
    for (let hop = 0; ; hop++) {
      const reply = this.send(request);
      const location = Object.entries(reply.headers).find(
        ([k]) => k.toLowerCase() === 'location',
      )?.[1];
      if (
        params.followRedirects !== false &&
        [301, 302, 303, 307, 308].includes(reply.status) &&
        location &&
        hop < 10
      ) {
        const next = new URL(location, request.url).toString();
        const keep = reply.status === 307 || reply.status === 308;
        request = {
          url: next,
          method: keep ? request.method : 'GET',
          headers: keep ? request.headers : this.withoutBody(request.headers),
          payload: keep ? request.payload : '',
        };
        this.checkAllowed(next);
        continue;
      }
      if (reply.status >= 400 && params.muteHttpExceptions !== true) {
        const origin = new URL(request.url).origin;
        throw exception(
          `Request failed for ${origin} returned code ${reply.status}. Truncated server response: ${reply.body.slice(
            0,
            TRUNCATED_RESPONSE_CHARS,
          )} (use muteHttpExceptions option to examine full response)`,
        );
      }
      return new HttpResponseFake(reply);
    }
  }

  private withoutBody(headers: Record<string, string>): Record<string, string> {
    const out = { ...headers };
    delete out['Content-Type'];
    return out;
  }

  private checkAllowed(url: string): void {
    if (this.allowedOrigins && !isAllowedUrl(url, this.allowedOrigins)) {
      throw exception(
        `UrlFetch calls to ${url} are not permitted by the manifest's urlFetchWhitelist (allowed: ${this.allowedOrigins.join(', ')}).`,
      );
    }
  }

  private buildRequest(url: unknown, params: FetchParams): HttpRequest {
    if (typeof url !== 'string' || !/^https?:\/\/[^/\s]+/i.test(url)) {
      throw exception(`Invalid argument: ${String(url)}`);
    }
    try {
      new URL(url);
    } catch {
      throw exception(`Invalid argument: ${url}`);
    }
    const method = String(params.method ?? 'get').toLowerCase();
    if (!METHODS.includes(method)) throw exception(`Invalid argument: method`);
    this.checkAllowed(url);
    const headers: Record<string, string> = { 'User-Agent': USER_AGENT };
    for (const [k, v] of Object.entries(params.headers ?? {})) headers[k] = String(v);
    let payload = '';
    if (params.payload !== undefined && params.payload !== null) {
      if (typeof params.payload === 'string') payload = params.payload;
      else if (typeof params.payload === 'object' && !Array.isArray(params.payload)) {
        payload = encodeForm(params.payload as Record<string, unknown>);
      } else payload = String(params.payload);
    }
    if (params.contentType !== undefined) headers['Content-Type'] = String(params.contentType);
    else if (
      payload !== '' &&
      !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')
    ) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    return { url, method: method.toUpperCase(), headers, payload };
  }

  private send(request: HttpRequest): HttpReply {
    const record: RecordedRequest = {
      ...request,
      headers: { ...request.headers },
      at: this.clock.now(),
      status: null,
    };
    this.requests.push(record);
    let reply: HttpReply;
    try {
      reply = this.transport(request);
    } catch (e) {
      record.error = e instanceof Error ? e.message : String(e);
      if (this.clock instanceof FakeClock) this.clock.advance(this.defaultLatencyMs);
      throw e;
    }
    const latency =
      reply.latencyMs ?? (this.clock instanceof FakeClock ? this.defaultLatencyMs : 0);
    if (this.clock instanceof FakeClock) this.clock.advance(latency);
    else if (reply.latencyMs !== undefined) this.clock.sleep(reply.latencyMs); // simulated by an in-process transport
    if (reply.drop) {
      record.error = `dropped ${reply.drop}`;
      throw exception(`Address unavailable: ${request.url}`);
    }
    record.status = reply.status;
    return reply;
  }
}
