/**
 * The sidebar's webhooks (src/app/settings/webhooks.ts): masked, set, removed, tested.
 * Run directly on the local runtime's service implementations (./world).
 */
import { saveSettings } from '../../../src/app/settings/save';
import {
  maskedLabel,
  removeWebhook,
  setWebhook,
  testWebhook,
} from '../../../src/app/settings/webhooks';
import { world } from './world';

const INFRA = 'https://chat.googleapis.com/v1/spaces/BBBB/messages?key=k-1&token=t-1';

describe('maskedLabel', () => {
  it('shows the start of the space ID', () => {
    expect(maskedLabel('AAAAGCYeSRY')).toBe('space AAAAGCYe…, token set');
  });
});

describe('webhooks', () => {
  it('setWebhook refuses a quoted URL with the hint to drop the quotes', () => {
    const w = world();
    expect(setWebhook(w.services, 'INFRA', `'${INFRA}'`)).toEqual({
      ok: false,
      errors: [
        {
          path: 'url',
          message: "has '…' around the URL: paste the URL alone, without quotes",
          text: "CHAT_WEBHOOK_URL_INFRA has '…' around the URL: paste the URL alone, without quotes",
        },
      ],
    });
    expect(w.script.getProperty('CHAT_WEBHOOK_URL_INFRA')).toBeNull();
  });

  it('setWebhook stores a valid URL; removeWebhook removes it once no sheet posts to it', () => {
    const w = world();
    expect(setWebhook(w.services, 'INFRA', INFRA)).toMatchObject({ ok: true, space: 'BBBB' });
    expect(saveSettings(w.services, '{"webhook": "INFRA"}')).toEqual({ ok: true });
    expect(removeWebhook(w.services, 'INFRA').ok).toBe(false);
    expect(saveSettings(w.services, '')).toEqual({ ok: true });
    expect(removeWebhook(w.services, 'INFRA')).toEqual({
      ok: true,
      name: 'INFRA',
      property: 'CHAT_WEBHOOK_URL_INFRA',
    });
  });

  it('testWebhook sends one request, to that webhook', () => {
    const w = world();
    expect(testWebhook(w.services, 'default')).toMatchObject({ ok: true, space: 'AAAA' });
    expect(w.http.requests).toHaveLength(1);
    expect(w.chat.messages('AAAA')).toHaveLength(1);
  });
});
