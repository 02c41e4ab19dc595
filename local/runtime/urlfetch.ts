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
 *
 * fetchAll(requests) sends its requests concurrently and returns the
 * responses in request order; on a FakeClock the clock advances by the
 * slowest request's latency, not the sum. A transport with a `batch` entry
 * point (httpTransport) really sends them at once.
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

/**
 * Synchronous; may throw for network errors. `batch`, when present, sends
 * several requests concurrently and answers each with a reply or the Error
 * the single call would have thrown.
 */
export type Transport = ((request: HttpRequest) => HttpReply) & {
  batch?: (requests: HttpRequest[]) => Array<HttpReply | Error>;
};

export interface RecordedRequest extends HttpRequest {
  /** Clock time when the request was sent. */
  at: number;
  /** The reply status, or null when the fetch failed at the network level. */
  status: number | null;
  error?: string;
}

export const URLFETCH_API = {
  UrlFetchApp: ['fetch', 'fetchAll', 'getRequest'],
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

/** A worker reply as the reply a Transport returns, or the Error Apps Script would throw. */
function fromWorker(request: HttpRequest, reply: WorkerReply): HttpReply | Error {
  switch (reply.error?.kind) {
    case undefined:
      // no latencyMs: the time really passed while this thread was blocked
      return { status: reply.status ?? 0, headers: reply.headers ?? {}, body: reply.body ?? '' };
    case 'dns':
      return exception(`DNS error: ${request.url}`);
    case 'timeout':
      return exception(`Timeout: ${request.url}`);
    case 'invalid':
      return exception(`Invalid argument: ${request.url}`);
    default:
      return exception(`Address unavailable: ${request.url}`);
  }
}

/**
 * Real, synchronous HTTP(S): the request runs in a worker thread (synckit)
 * while this thread blocks on Atomics.wait. Network failures throw like
 * Apps Script, quoting the URL. `batch` sends several requests at once
 * (Promise.all in the worker), for UrlFetchApp.fetchAll.
 */
export function httpTransport(options: HttpTransportOptions = {}): Transport {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const worker = path.join(__dirname, 'http-worker.cjs');
  const run = createSyncFn<
    (
      request: HttpRequest | HttpRequest[],
      timeoutMs: number,
    ) => Promise<WorkerReply | WorkerReply[]>
  >(worker, { timeout: timeoutMs + 5000, execArgv: [] });
  const transport: Transport = (request) => {
    let reply: WorkerReply;
    try {
      reply = run(request, timeoutMs) as WorkerReply;
    } catch {
      // synckit gave up waiting for the worker.
      throw exception(`Timeout: ${request.url}`);
    }
    const result = fromWorker(request, reply);
    if (result instanceof Error) throw result;
    return result;
  };
  transport.batch = (requests) => {
    let replies: WorkerReply[];
    try {
      replies = run(requests, timeoutMs) as WorkerReply[];
    } catch {
      return requests.map((r) => exception(`Timeout: ${r.url}`));
    }
    return requests.map((r, i) => fromWorker(r, replies[i]));
  };
  return transport;
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

/** One delivery of a request: the reply or the error, and how long it took on the clock. */
interface Delivery {
  reply?: HttpReply;
  error?: unknown;
  /** Clock time to add: the reply's latency (FakeClock), or a simulated one (in-process transport). */
  latency: number;
}

const REDIRECTS = [301, 302, 303, 307, 308];

function locationOf(reply: HttpReply): string | undefined {
  return Object.entries(reply.headers).find(([k]) => k.toLowerCase() === 'location')?.[1];
}

function withoutBody(headers: Record<string, string>): Record<string, string> {
  const out = { ...headers };
  delete out['Content-Type'];
  return out;
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
    const request = this.buildRequest(url, params);
    const done = this.follow(request, params, this.deliver([request])[0], true);
    return this.respond(done.request, params, done);
  }

  /**
   * Sends the requests ({url, method, payload, ...} each) concurrently and
   * returns their responses in order; a failure throws as fetch would, for
   * the first failing request, after all were sent.
   */
  fetchAll(requests: Array<FetchParams & { url: string }>): HttpResponseFake[] {
    if (!Array.isArray(requests)) {
      throw exception(
        `The parameters (${typeof requests}) don't match the method signature for UrlFetchApp.fetchAll.`,
      );
    }
    type Request = FetchParams & { url: string };
    const params = requests.map((r): Request => (r && typeof r === 'object' ? r : ({} as Request)));
    const built = params.map((p) => this.buildRequest(p.url, p));
    const first = this.deliver(built);
    const done = built.map((request, i) => this.follow(request, params[i], first[i], false));
    this.wait(Math.max(0, ...done.map((d) => d.latency)));
    return done.map((d, i) => this.respond(d.request, params[i], d));
  }

  /**
   * Follows redirects (one hop at a time) from a first delivery. With
   * `waitEachHop` the clock moves after every hop; otherwise the hops'
   * latencies add up in the result, for the caller to wait (fetchAll).
   */
  private follow(
    request: HttpRequest,
    params: FetchParams,
    first: Delivery,
    waitEachHop: boolean,
  ): Delivery & { request: HttpRequest } {
    let current = request;
    let delivery = first;
    let latency = 0;
    const elapse = (d: Delivery) => {
      if (waitEachHop) this.wait(d.latency);
      else latency += d.latency;
    };
    elapse(first);
    for (let hop = 0; hop < 10 && delivery.reply && params.followRedirects !== false; hop++) {
      const location = locationOf(delivery.reply);
      if (!REDIRECTS.includes(delivery.reply.status) || !location) break;
      const keep = delivery.reply.status === 307 || delivery.reply.status === 308;
      current = {
        url: new URL(location, current.url).toString(),
        method: keep ? current.method : 'GET',
        headers: keep ? current.headers : withoutBody(current.headers),
        payload: keep ? current.payload : '',
      };
      this.checkAllowed(current.url);
      delivery = this.deliver([current])[0];
      elapse(delivery);
    }
    return { ...delivery, latency, request: current };
  }

  private respond(request: HttpRequest, params: FetchParams, delivery: Delivery): HttpResponseFake {
    if (!delivery.reply) throw delivery.error;
    const reply = delivery.reply;
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
    const payload = payloadText(params.payload);
    if (params.contentType !== undefined) headers['Content-Type'] = String(params.contentType);
    else if (
      payload !== '' &&
      !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')
    ) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    return { url, method: method.toUpperCase(), headers, payload };
  }

  /**
   * Sends requests (several at once through the transport's batch entry
   * point, when it has one), records each, and works out each latency. The
   * clock does not move here: see wait().
   */
  private deliver(requests: HttpRequest[]): Delivery[] {
    const records = requests.map((request) => {
      const record: RecordedRequest = {
        ...request,
        headers: { ...request.headers },
        at: this.clock.now(),
        status: null,
      };
      this.requests.push(record);
      return record;
    });
    const outcomes: Array<HttpReply | Error> =
      requests.length > 1 && this.transport.batch
        ? this.transport.batch(requests)
        : requests.map((r) => {
            try {
              return this.transport(r);
            } catch (e) {
              return e instanceof Error ? e : new Error(String(e));
            }
          });
    return outcomes.map((outcome, i) => this.settle(requests[i], records[i], outcome));
  }

  private settle(
    request: HttpRequest,
    record: RecordedRequest,
    outcome: HttpReply | Error,
  ): Delivery {
    const fake = this.clock instanceof FakeClock;
    if (outcome instanceof Error) {
      record.error = outcome.message;
      return { error: outcome, latency: fake ? this.defaultLatencyMs : 0 };
    }
    // A FakeClock moves by the latency; a real one only by a latency an in-process transport simulates.
    const latency = outcome.latencyMs ?? (fake ? this.defaultLatencyMs : 0);
    if (outcome.drop) {
      record.error = `dropped ${outcome.drop}`;
      return { error: exception(`Address unavailable: ${request.url}`), latency };
    }
    record.status = outcome.status;
    return { reply: outcome, latency };
  }

  private wait(ms: number): void {
    if (this.clock instanceof FakeClock) this.clock.advance(ms);
    else this.clock.sleep(ms);
  }
}

function payloadText(payload: unknown): string {
  if (payload === undefined || payload === null) return '';
  if (typeof payload === 'string') return payload;
  if (typeof payload === 'object' && !Array.isArray(payload)) {
    return encodeForm(payload as Record<string, unknown>);
  }
  return String(payload);
}
