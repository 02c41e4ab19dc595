import { validateMessageBody } from '../../local/chat-emulator/message-schema';
import { testWebhooks } from '../../src/app/test-webhooks';
import {
  FakeHttp,
  FakeOutcome,
  KEY,
  TOKEN_ENCODED,
  created,
  expectNoSecrets,
  rpcError,
} from '../chat/fakes';
import { fakeWorld } from './fakes';

const hook = (space: string) =>
  `https://chat.googleapis.com/v1/spaces/${space}/messages?key=${KEY}&token=${TOKEN_ENCODED}`;

/** A Google 404 page quotes the requested path, secrets included: it must never be shown. */
const HTML_404 =
  '<!DOCTYPE html><html lang=en><title>Error 404 (Not Found)!!1</title>' +
  `<p>The requested URL <code>/v1/spaces/AAAAold/messages?key=${KEY}&amp;token=${TOKEN_ENCODED}</code> was not found on this server.`;

/** One behaviour per space, as Chat would answer each webhook. */
function chatBySpace(answers: { [space: string]: FakeOutcome }) {
  return (clock: ConstructorParameters<typeof FakeHttp>[0]) =>
    new FakeHttp(clock, (call) => {
      const space = /\/spaces\/([^/]+)\/messages/.exec(call.url)![1];
      return answers[space] ?? { code: 500, body: 'no such test space' };
    });
}

function callsTo(http: FakeHttp, space: string): number {
  return http.calls.filter((c) => c.url.indexOf(`/spaces/${space}/messages?`) > 0).length;
}

describe('testWebhooks', () => {
  const properties = {
    CHAT_WEBHOOK_URL: hook('AAAAok'),
    CHAT_WEBHOOK_URL_OPS: hook('AAAAops'),
    CHAT_WEBHOOK_URL_OLD: hook('AAAAold'),
    CHAT_WEBHOOK_URL_ops_lower: hook('AAAAlower'),
    CHAT_WEBHOOK_URL_TYPO: `https://chat.example.com/v1/spaces/AAAAtypo/messages?key=${KEY}&token=${TOKEN_ENCODED}`,
    CHAT_WEBHOOK_URL_EMPTY: '  ',
    UNRELATED_PROPERTY: 'x',
  };
  const answers: { [space: string]: FakeOutcome } = {
    AAAAok: created('AAAAok', 1),
    AAAAops: rpcError(403, 'PERMISSION_DENIED', 'The caller does not have permission'),
    AAAAold: { code: 404, body: HTML_404, headers: { 'Content-Type': 'text/html' } },
  };

  function run(extra: Record<string, string> = {}) {
    const world = fakeWorld({
      properties: { ...properties, ...extra },
      http: chatBySpace(answers),
    });
    testWebhooks(world.services);
    return world;
  }

  it('shows one alert with the outcome of every configured webhook', () => {
    const world = run();
    expect(world.ui.alerts).toHaveLength(1);
    const alert = world.ui.alerts[0];
    const lines = alert.split('\n');
    expect(lines[0]).toBe('Chat Relay webhook test:');
    expect(lines).toContain('✔ CHAT_WEBHOOK_URL (space AAAAok): message delivered.');
    expect(lines).toContain(
      '✘ CHAT_WEBHOOK_URL_OPS (space AAAAops): Chat refused it: HTTP 403 PERMISSION_DENIED: The caller does not have permission',
    );
    expect(lines).toContain(
      '✘ CHAT_WEBHOOK_URL_OLD (space AAAAold): Chat refused it: HTTP 404 (non-JSON response)',
    );
    // The default webhook comes first.
    expect(lines.filter((l) => /^[✔✘⚠]/.test(l))[0]).toMatch(/^✔ CHAT_WEBHOOK_URL \(/);
  });

  it('lists invalid webhook properties by name, with the reason', () => {
    const alert = run().ui.alerts[0];
    expect(alert).toMatch(
      /^✘ CHAT_WEBHOOK_URL_ops_lower: the name after CHAT_WEBHOOK_URL_ may use only A-Z, 0-9 and _$/m,
    );
    expect(alert).toMatch(
      /^✘ CHAT_WEBHOOK_URL_TYPO is not a Chat webhook URL: must start with https:\/\/chat\.googleapis\.com/m,
    );
    expect(alert).toMatch(/^✘ CHAT_WEBHOOK_URL_EMPTY is empty/m);
    expect(alert).not.toContain('UNRELATED_PROPERTY');
  });

  it('posts exactly once to each valid webhook and to nothing else', () => {
    const world = run();
    expect(callsTo(world.http, 'AAAAok')).toBe(1);
    expect(callsTo(world.http, 'AAAAops')).toBe(1);
    expect(callsTo(world.http, 'AAAAold')).toBe(1);
    expect(world.http.calls).toHaveLength(3);
    for (const call of world.http.calls) {
      expect(call.url.startsWith('https://chat.googleapis.com/v1/spaces/')).toBe(true);
      expect(call.params.muteHttpExceptions).toBe(true);
    }
  });

  it('sends bodies that the Chat API accepts, each with its own requestId', () => {
    const world = run();
    for (const call of world.http.calls) {
      const body = JSON.parse(call.params.payload);
      expect(validateMessageBody(body)).toEqual([]);
      expect(body.text).toMatch(/Chat Relay test message for CHAT_WEBHOOK_URL/);
    }
    const ids = world.http.calls.map((_c, i) => new Map(world.http.query(i)).get('requestId'));
    expect(new Set(ids).size).toBe(3);
  });

  it('never shows or logs the key or the token', () => {
    const world = run();
    expectNoSecrets(world.ui.alerts, world.logger.lines);
  });

  it('reports Chat being unavailable, retrying a bounded number of times, without leaking', () => {
    const network: FakeOutcome = { throw: 'Exception: Address unavailable: {url}' };
    const world = fakeWorld({
      properties: { CHAT_WEBHOOK_URL: hook('AAAAdown') },
      http: chatBySpace({ AAAAdown: network }),
    });
    testWebhooks(world.services);
    const alert = world.ui.alerts[0];
    expect(alert).toMatch(/✘ CHAT_WEBHOOK_URL \(space AAAAdown\): Chat is unavailable for now: /);
    expect(alert).toContain('Address unavailable');
    expect(world.http.calls.length).toBeGreaterThan(1);
    expect(world.http.calls.length).toBeLessThanOrEqual(3);
    expect(world.logger.lines.length).toBeGreaterThan(0);
    expectNoSecrets(world.ui.alerts, world.logger.lines);
  });

  it('still tests the webhooks when CHAT_RELAY_CONFIG is invalid, and warns about it', () => {
    const world = run({ CHAT_RELAY_CONFIG: '{"sheet": 3}' });
    const alert = world.ui.alerts[0];
    expect(alert).toContain('✔ CHAT_WEBHOOK_URL (space AAAAok): message delivered.');
    expect(alert).toMatch(/^⚠ CHAT_RELAY_CONFIG key "sheet" must be a non-empty string, not 3$/m);
    // Webhook problems are listed once, not again as warnings.
    expect(alert.match(/CHAT_WEBHOOK_URL_EMPTY/g)).toHaveLength(1);
  });

  it('explains how to set CHAT_WEBHOOK_URL when no webhook is configured, posting nothing', () => {
    const world = fakeWorld({ properties: { CHAT_RELAY_CONFIG: '{}' } });
    testWebhooks(world.services);
    expect(world.ui.alerts).toHaveLength(1);
    expect(world.ui.alerts[0]).toMatch(/no webhook is configured/);
    expect(world.ui.alerts[0]).toMatch(
      /Set CHAT_WEBHOOK_URL under Project Settings → Script properties/,
    );
    expect(world.http.calls).toHaveLength(0);
  });

  it('reads the Script Properties once', () => {
    const world = run();
    expect(world.properties.calls).toEqual({ getProperties: 1, getProperty: 0 });
  });
});
