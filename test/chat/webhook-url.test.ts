import {
  looksLikeUrl,
  parseWebhookUrl,
  isSecretName,
  redactSecrets,
  requestUrl,
  WebhookUrl,
} from '../../src/chat/webhook-url';
import { CONDITION_OPS } from '../../src/config/conditions';
import { SHEET_KEYS } from '../../src/config/sheet-settings';
import { expectNoSecrets, KEY, TOKEN, webhookUrl } from '../support/rig';

const WEBHOOK = webhookUrl();
const TOKEN_ENCODED = encodeURIComponent(TOKEN);

const BASE = 'https://chat.googleapis.com/v1/spaces/AAAASpace1/messages';

function parsed(raw: string, allowedOrigins?: string[]): WebhookUrl {
  const r = parseWebhookUrl(raw, allowedOrigins ? { allowedOrigins } : undefined);
  if (!r.ok) throw new Error(`expected ${raw} to parse, got: ${r.error}`);
  return r.value;
}

function rejection(raw: string, allowedOrigins?: string[]): string {
  const r = parseWebhookUrl(raw, allowedOrigins ? { allowedOrigins } : undefined);
  if (r.ok) throw new Error(`expected rejection of ${raw}`);
  return r.error;
}

describe('parseWebhookUrl', () => {
  it('accepts the URL Chat hands out and decodes key and token', () => {
    expect(parsed(WEBHOOK)).toEqual({
      space: 'AAAASpace1',
      key: KEY,
      token: TOKEN,
      endpoint: BASE,
    });
  });

  it('trims surrounding whitespace and accepts params in any order', () => {
    const w = parsed(`  \n${BASE}?token=${TOKEN_ENCODED}&key=${KEY}\t `);
    expect(w.key).toBe(KEY);
    expect(w.token).toBe(TOKEN);
  });

  it('normalises the case of scheme and host', () => {
    expect(
      parsed(`HTTPS://Chat.GoogleAPIs.com/v1/spaces/AAAASpace1/messages?key=${KEY}&token=x`)
        .endpoint,
    ).toBe(BASE);
  });

  it('drops pasted threadKey, messageReplyOption, requestId and unknown params', () => {
    const raw =
      `${BASE}?key=${KEY}&threadKey=T1&token=${TOKEN_ENCODED}` +
      '&messageReplyOption=REPLY_MESSAGE_OR_FAIL&requestId=old&utm_source=mail&&';
    const w = parsed(raw);
    expect(Object.keys(w).sort()).toEqual(['endpoint', 'key', 'space', 'token']);
    const url = requestUrl(w, 'req-1', 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD');
    const names = url
      .split('?')[1]
      .split('&')
      .map((p) => p.split('=')[0]);
    expect(names).toEqual(['key', 'token', 'messageReplyOption', 'requestId']);
    expect(url).not.toContain('threadKey');
    expect(url).not.toContain('REPLY_MESSAGE_OR_FAIL');
    expect(url).not.toContain('utm_source');
  });

  it('accepts space IDs with - and _', () => {
    expect(parsed(`https://chat.googleapis.com/v1/spaces/A-b_9/messages?key=k&token=t`).space).toBe(
      'A-b_9',
    );
  });

  it('accepts a configured emulator origin instead of the default, and uses it in endpoint', () => {
    const emu = ['http://127.0.0.1:8085'];
    const w = parsed(`http://127.0.0.1:8085/v1/spaces/S1/messages?key=k&token=t`, emu);
    expect(w.endpoint).toBe('http://127.0.0.1:8085/v1/spaces/S1/messages');
    expect(rejection(WEBHOOK, emu)).toContain('http://127.0.0.1:8085');
    expect(rejection(`http://127.0.0.1:8085/v1/spaces/S1/messages?key=k&token=t`)).toContain(
      'https://chat.googleapis.com',
    );
  });

  const rejected: Array<[string, string, RegExp]> = [
    [
      'http scheme',
      `http://chat.googleapis.com/v1/spaces/S/messages?key=${KEY}&token=${TOKEN}`,
      /must start with/,
    ],
    [
      'other host',
      `https://chat.example.com/v1/spaces/S/messages?key=${KEY}&token=${TOKEN}`,
      /must start with/,
    ],
    [
      'look-alike host',
      `https://chat.googleapis.com.evil.io/v1/spaces/S/messages?key=${KEY}&token=${TOKEN}`,
      /must start with/,
    ],
    [
      'explicit port',
      `https://chat.googleapis.com:443/v1/spaces/S/messages?key=${KEY}&token=${TOKEN}`,
      /must start with/,
    ],
    [
      'credentials',
      `https://${KEY}:${TOKEN}@chat.googleapis.com/v1/spaces/S/messages?key=${KEY}&token=${TOKEN}`,
      /credentials/,
    ],
    [
      'host smuggled in credentials',
      `https://chat.googleapis.com@evil.io/v1/spaces/S/messages?key=${KEY}&token=${TOKEN}`,
      /credentials/,
    ],
    ['relative URL', `/v1/spaces/S/messages?key=${KEY}&token=${TOKEN}`, /absolute URL/],
    [
      'wrong version',
      `https://chat.googleapis.com/v2/spaces/S/messages?key=${KEY}&token=${TOKEN}`,
      /path/,
    ],
    [
      'extra path',
      `https://chat.googleapis.com/v1/spaces/S/messages/x?key=${KEY}&token=${TOKEN}`,
      /path/,
    ],
    [
      'empty space',
      `https://chat.googleapis.com/v1/spaces//messages?key=${KEY}&token=${TOKEN}`,
      /path/,
    ],
    [
      'encoded space',
      `https://chat.googleapis.com/v1/spaces/S%2F..%2Fx/messages?key=${KEY}&token=${TOKEN}`,
      /path/,
    ],
    [
      'trailing slash',
      `https://chat.googleapis.com/v1/spaces/S/messages/?key=${KEY}&token=${TOKEN}`,
      /path/,
    ],
    ['no query', `https://chat.googleapis.com/v1/spaces/S/messages`, /missing its key and token/],
    ['missing key', `${BASE}?token=${TOKEN}`, /missing the key/],
    ['missing token', `${BASE}?key=${KEY}`, /missing the token/],
    ['empty token', `${BASE}?key=${KEY}&token=`, /empty token/],
    ['bare token', `${BASE}?key=${KEY}&token`, /empty token/],
    ['duplicate key', `${BASE}?key=${KEY}&token=${TOKEN}&key=${KEY}x`, /more than one key/],
    ['duplicate token', `${BASE}?key=${KEY}&token=${TOKEN}&token=${TOKEN}`, /more than one token/],
    ['fragment', `${BASE}?key=${KEY}&token=${TOKEN}#frag`, /fragment/],
    ['inner whitespace', `${BASE}?key=${KEY}&token=${TOKEN} more`, /whitespace/],
    [
      'backslash',
      `https://chat.googleapis.com\\v1/spaces/S/messages?key=${KEY}&token=${TOKEN}`,
      /backslash/,
    ],
    ['bad percent-encoding', `${BASE}?key=${KEY}&token=${TOKEN}%E0%A4%A`, /percent-encoding/],
    ['encoded space in token', `${BASE}?key=${KEY}&token=${TOKEN}%20x`, /not allowed/],
    ['empty', '   ', /empty/],
  ];

  it.each(rejected)('rejects %s without quoting a secret', (_name, raw, expected) => {
    const error = rejection(raw);
    expect(error).toMatch(expected);
    expectNoSecrets([KEY, TOKEN], error);
  });

  it('rejects a non-string value', () => {
    expect(rejection(42 as unknown as string)).toBe('is not a string');
  });
});

describe('requestUrl', () => {
  it('builds endpoint?key&token&messageReplyOption&requestId with encoded values', () => {
    const w = parsed(WEBHOOK);
    expect(requestUrl(w, 'row 7/a&b', 'REPLY_MESSAGE_OR_FAIL')).toBe(
      `${BASE}?key=${KEY}&token=${TOKEN_ENCODED}&messageReplyOption=REPLY_MESSAGE_OR_FAIL` +
        '&requestId=row%207%2Fa%26b',
    );
  });

  it('round-trips through parseWebhookUrl', () => {
    const w = parsed(WEBHOOK);
    expect(parsed(requestUrl(w, 'r', 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD'))).toEqual(w);
  });
});

describe('redactSecrets on a webhook URL', () => {
  it('redacts key and token of a webhook URL', () => {
    expect(redactSecrets(WEBHOOK)).toBe(`${BASE}?key=REDACTED&token=REDACTED`);
  });

  it('keeps messageReplyOption and requestId, redacts every other value', () => {
    const url = `${BASE}?key=${KEY}&token=${TOKEN_ENCODED}&messageReplyOption=REPLY_MESSAGE_OR_FAIL&requestId=r1&x=y`;
    expect(redactSecrets(url)).toBe(
      `${BASE}?key=REDACTED&token=REDACTED&messageReplyOption=REPLY_MESSAGE_OR_FAIL&requestId=r1&x=REDACTED`,
    );
  });

  it('never throws and still redacts malformed input', () => {
    expect(redactSecrets(`not a url key=${KEY} token=${TOKEN}`)).toBe(
      'not a url key=REDACTED token=REDACTED',
    );
    expect(() => redactSecrets(undefined as unknown as string)).not.toThrow();
    expect(() => redactSecrets({} as unknown as string)).not.toThrow();
  });
});

describe('redactSecrets', () => {
  it('redacts a webhook URL quoted by a UrlFetchApp exception', () => {
    const text = `Exception: Request failed for ${WEBHOOK}&messageReplyOption=REPLY_MESSAGE_OR_FAIL returned code 400. Truncated server response: {}`;
    const out = redactSecrets(text);
    expectNoSecrets([KEY, TOKEN], out);
    expect(out).toContain('returned code 400');
    expect(out).toContain('https://chat.googleapis.com/v1/spaces/AAAASpace1/messages?key=REDACTED');
  });

  it('redacts key=/token= anywhere, also percent-encoded or as JSON fields', () => {
    const samples = [
      `Timeout: chat.googleapis.com/v1/spaces/S/messages?token=${TOKEN_ENCODED}&key=${KEY}`,
      `wrapped=https%3A%2F%2Fchat.googleapis.com%2Fv1%3Fkey%3D${KEY}%26token%3D${TOKEN_ENCODED}`,
      `{"key": "${KEY}", "token":"${TOKEN}"}`,
      `(token=${TOKEN}) and key=${KEY}.`,
      `a&amp;token=${TOKEN}`,
    ];
    for (const s of samples) expectNoSecrets([KEY, TOKEN], redactSecrets(s));
  });

  it('redacts a field that could hold a secret, by its name, in straight or smart quotes', () => {
    expect(
      redactSecrets(
        `{“token”: “${TOKEN}”, 'apiKey': '${KEY}', "webhookUrl" : "x${TOKEN}", "title": "token ${KEY}"}`,
      ),
    ).toBe(
      `{“token”: “REDACTED”, 'apiKey': 'REDACTED', "webhookUrl" : "REDACTED", "title": "token ${KEY}"}`,
    );
    expect(redactSecrets('{"keyColumn": "ID", "sheet": "Tickets"}')).toBe(
      '{"keyColumn": "ID", "sheet": "Tickets"}',
    );
  });

  it('leaves text without secrets alone', () => {
    const text =
      'HTTP 503 UNAVAILABLE: The service is currently unavailable. threadKey=row-7 monkey=1';
    expect(redactSecrets(text)).toBe(text);
  });
});

describe('looksLikeUrl', () => {
  it.each([
    WEBHOOK,
    `  ${WEBHOOK}`,
    'http://example.com',
    'chat.googleapis.com/v1/spaces/AAAA/messages',
    '/v1/spaces/AAAA/messages',
    `?key=${KEY}`,
    `token=${TOKEN}`,
    `token%3D${TOKEN_ENCODED}`,
  ])('recognises %s', (value) => {
    expect(looksLikeUrl(value)).toBe(true);
  });

  it.each(['INFRA', 'ops', 'my-hook', 'Team Infra', 'monkey=1', 'default'])(
    'leaves the name %s alone',
    (value) => {
      expect(looksLikeUrl(value)).toBe(false);
    },
  );
});

describe('isSecretName', () => {
  it.each([
    'key',
    'token',
    'apiKey',
    'api_key',
    'webhookToken',
    'url',
    'webhookUrl',
    'CHAT_WEBHOOK_URL',
    'webhooks',
    'secret',
    'password',
  ])('%s may hold a secret', (name) => expect(isSecretName(name)).toBe(true));

  it('is no key of CHAT_RELAY_CONFIG', () => {
    const keys = [
      'version',
      'scheduleMinutes',
      'sheet',
      'sheets',
      ...SHEET_KEYS,
      'when',
      'mention',
      'column',
      ...CONDITION_OPS,
    ];
    expect(keys.filter(isSecretName)).toEqual([]);
  });
});
