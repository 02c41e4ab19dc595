import { HttpResponseFake, type HttpReply } from '../../local/runtime';
import {
  classifyResponse,
  networkError,
  prepareRequest,
  secretScrubber,
} from '../../src/chat/attempt';
import { ChatMessage } from '../../src/chat/message-types';
import {
  chatError,
  created,
  expectNoSecrets,
  htmlNotFound,
  KEY,
  queryOf,
  TOKEN,
  webhook,
  webhookUrl,
} from '../support/rig';

const NOW = Date.UTC(2025, 0, 6, 9, 0, 0);
const MESSAGE: ChatMessage = { text: 'Row 7 changed', thread: { threadKey: 'k-7' } };

function response(reply: HttpReply): HttpResponseFake {
  return new HttpResponseFake(reply);
}

describe('prepareRequest', () => {
  it('puts key, token, messageReplyOption and requestId in the URL, the thread key only in the body', () => {
    const prepared = prepareRequest(webhook(), MESSAGE, 'req-1', undefined);
    if ('invalid' in prepared) throw new Error(prepared.invalid);
    expect(prepared.url.split('?')[0]).toBe(
      'https://chat.googleapis.com/v1/spaces/AAAASpace1/messages',
    );
    expect(queryOf(prepared.url)).toEqual([
      ['key', KEY],
      ['token', TOKEN],
      ['messageReplyOption', 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD'],
      ['requestId', 'req-1'],
    ]);
    expect(prepared.params).toEqual({
      method: 'post',
      contentType: 'application/json; charset=UTF-8',
      payload: JSON.stringify(MESSAGE),
      muteHttpExceptions: true,
    });
    expect(prepared.url).not.toContain('threadKey');
  });

  it('passes REPLY_MESSAGE_OR_FAIL through and drops a threadKey pasted into the webhook URL', () => {
    const pasted = webhook(`${webhookUrl()}&threadKey=pasted`);
    const prepared = prepareRequest(pasted, MESSAGE, 'r', 'REPLY_MESSAGE_OR_FAIL');
    if ('invalid' in prepared) throw new Error(prepared.invalid);
    expect(queryOf(prepared.url).map(([n]) => n)).toEqual([
      'key',
      'token',
      'messageReplyOption',
      'requestId',
    ]);
    expect(new Map(queryOf(prepared.url)).get('messageReplyOption')).toBe('REPLY_MESSAGE_OR_FAIL');
  });

  it('percent-encodes the requestId', () => {
    const prepared = prepareRequest(webhook(), MESSAGE, 'a b&c', undefined);
    if ('invalid' in prepared) throw new Error(prepared.invalid);
    expect(prepared.url).toContain('requestId=a%20b%26c');
  });

  it.each<[string, ChatMessage, string, string | undefined, RegExp]>([
    ['an empty message', {}, 'r', undefined, /empty/],
    ['a text too long', { text: 'x'.repeat(4097) }, 'r', undefined, /4097 characters/],
    ['an empty requestId', MESSAGE, ' ', undefined, /requestId is empty/],
    ['an unknown reply option', MESSAGE, 'r', 'REPLY_SOMEHOW', /messageReplyOption/],
  ])('refuses %s', (_name, message, requestId, option, expected) => {
    const prepared = prepareRequest(webhook(), message, requestId, option as never);
    expect('invalid' in prepared && prepared.invalid).toMatch(expected);
  });
});

describe('classifyResponse', () => {
  it('a 2xx naming the message is done, with the attempts so far', () => {
    expect(classifyResponse(response(created('S', 1)), NOW, 2)).toEqual({
      done: {
        ok: true,
        messageName: 'spaces/S/messages/m1',
        threadName: 'spaces/S/threads/t1',
        attempts: 2,
      },
    });
  });

  it('a 2xx that does not name the message is retried (the same requestId makes it safe)', () => {
    const outcome = classifyResponse(response({ status: 200, headers: {}, body: '{}' }), NOW, 1);
    expect(outcome).toEqual({
      retry: {
        httpStatus: 200,
        chatStatus: null,
        message: 'HTTP 200 (response does not name the created message)',
        retryAfterMs: null,
      },
    });
  });

  it('a 429 is retried after its Retry-After', () => {
    const outcome = classifyResponse(
      response(chatError(429, 'Quota', { 'Retry-After': '7' })),
      NOW,
      1,
    );
    expect(outcome).toEqual({
      retry: {
        httpStatus: 429,
        chatStatus: 'RESOURCE_EXHAUSTED',
        message: 'HTTP 429 RESOURCE_EXHAUSTED: Quota',
        retryAfterMs: 7000,
      },
    });
  });

  it.each([500, 502, 503, 504])('HTTP %d is retried', (code) => {
    expect(classifyResponse(response(chatError(code)), NOW, 1)).toMatchObject({
      retry: { httpStatus: code, retryAfterMs: null },
    });
  });

  it.each([400, 401, 403, 404, 409, 413])('HTTP %d is permanent', (code) => {
    const outcome = classifyResponse(response(chatError(code, 'No')), NOW, 1);
    expect(outcome).toEqual({
      permanent: {
        httpStatus: code,
        chatStatus: expect.any(String),
        message: expect.stringMatching(new RegExp(`^HTTP ${code} [A-Z_]+: No$`)),
      },
    });
  });

  it('an HTML 404 is permanent and summarised without its page', () => {
    expect(classifyResponse(response(htmlNotFound('/v1/x')), NOW, 1)).toEqual({
      permanent: { httpStatus: 404, chatStatus: null, message: 'HTTP 404 (non-JSON response)' },
    });
  });
});

describe('networkError', () => {
  it('is retryable and scrubbed', () => {
    const scrub = secretScrubber(webhook());
    const error = networkError(new Error(`Timeout: ${webhookUrl()}`), scrub);
    expect(error).toEqual({
      httpStatus: null,
      chatStatus: null,
      message: expect.stringMatching(/^request failed: Timeout: https:\/\/chat.googleapis.com/),
      retryAfterMs: null,
    });
    expectNoSecrets([KEY, TOKEN], error);
  });

  it('reads a thrown non-Error too', () => {
    expect(networkError('boom', (t) => t).message).toBe('request failed: boom');
  });
});

describe('secretScrubber', () => {
  it('removes the key and token verbatim and percent-encoded, anywhere in the text', () => {
    const scrub = secretScrubber(webhook());
    const text = `a ${KEY} b ${TOKEN} c ${encodeURIComponent(TOKEN)} d key=other-secret`;
    const out = scrub(text);
    expectNoSecrets([KEY, TOKEN, 'other-secret'], out);
    expect(out).toBe('a REDACTED b REDACTED c REDACTED d key=REDACTED');
  });
});
