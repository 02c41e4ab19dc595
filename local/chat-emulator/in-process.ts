/**
 * The emulator as a synchronous in-process Transport for the local Apps
 * Script runtime: the same ChatStore semantics as the HTTP server, without a
 * socket, so tests can run on a fake clock. The host of the URL is ignored,
 * which lets the bundle keep posting to https://chat.googleapis.com.
 */
import type { HttpRequest, Transport } from '../runtime/urlfetch';
import { ChatStore } from './store';

export function inProcessTransport(store: ChatStore): Transport {
  return (request) => {
    const url = new URL(request.url);
    const query: Record<string, string | string[]> = {};
    url.searchParams.forEach((value, name) => {
      const previous = query[name];
      query[name] =
        previous === undefined
          ? value
          : Array.isArray(previous)
            ? previous.concat(value)
            : [previous, value];
    });
    const reply = store.handle({
      method: request.method.toUpperCase(),
      path: url.pathname,
      query,
      headers: request.headers,
      body: request.payload,
    });
    return {
      status: reply.status,
      headers: reply.headers,
      body: reply.body,
      latencyMs: reply.latencyMs,
      drop: reply.drop,
    };
  };
}

/**
 * Sends requests for Google Chat's origin to another origin (the HTTP
 * emulator) and everything else unchanged.
 */
export function routeChatTo(origin: string, transport: Transport): Transport {
  const chat = 'https://chat.googleapis.com/';
  const route = (request: HttpRequest): HttpRequest =>
    request.url.indexOf(chat) === 0
      ? { ...request, url: origin.replace(/\/$/, '') + '/' + request.url.slice(chat.length) }
      : request;
  const routed: Transport = (request) => transport(route(request));
  // fetchAll's requests stay concurrent: the batch entry is routed too.
  const batch = transport.batch;
  if (batch) routed.batch = (requests) => batch(requests.map(route));
  return routed;
}
