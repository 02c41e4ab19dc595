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
    expect(setWebhook(w.services, 'INFRA', INFRA, false)).toMatchObject({
      ok: true,
      space: 'BBBB',
    });
    expect(saveSettings(w.services, '{"webhook": "INFRA"}')).toEqual({ ok: true });
    expect(removeWebhook(w.services, 'INFRA').ok).toBe(false);
    expect(saveSettings(w.services, '')).toEqual({ ok: true });
    expect(removeWebhook(w.services, 'INFRA')).toEqual({
      ok: true,
      name: 'INFRA',
      property: 'CHAT_WEBHOOK_URL_INFRA',
    });
  });

  it('setWebhook replaces a webhook that is set only when told to; otherwise it names it', () => {
    const w = world({ properties: { CHAT_WEBHOOK_URL_INFRA: INFRA } });
    const other = 'https://chat.googleapis.com/v1/spaces/CCCC/messages?key=k-2&token=t-2';
    expect(setWebhook(w.services, 'INFRA', other, false)).toEqual({
      ok: false,
      errors: [
        {
          path: 'replace',
          message:
            'Webhook INFRA (CHAT_WEBHOOK_URL_INFRA: space BBBB…, token set) is already set: replace its URL with this one?',
          text: 'Webhook INFRA (CHAT_WEBHOOK_URL_INFRA: space BBBB…, token set) is already set: nothing was changed.',
        },
      ],
    });
    expect(setWebhook(w.services, 'INFRA', other)).toMatchObject({ ok: false });
    expect(w.script.getProperty('CHAT_WEBHOOK_URL_INFRA')).toBe(INFRA);
    // The default webhook, named as "default" or "DEFAULT", with where the saved settings use it.
    const before = w.script.getProperty('CHAT_WEBHOOK_URL');
    const asked = setWebhook(w.services, 'DEFAULT', other, false);
    expect(asked.ok === false && asked.errors[0].message).toBe(
      'The default webhook (CHAT_WEBHOOK_URL: space AAAA…, token set, used by the saved settings (every followed sheet by default)) is already set: replace its URL with this one?',
    );
    expect(w.script.getProperty('CHAT_WEBHOOK_URL')).toBe(before);
    expect(setWebhook(w.services, 'INFRA', other, true)).toMatchObject({ ok: true, space: 'CCCC' });
    expect(w.script.getProperty('CHAT_WEBHOOK_URL_INFRA')).toBe(other);
    // A NAME that is not set is added without asking.
    expect(setWebhook(w.services, 'OPS', other, false)).toMatchObject({ ok: true, name: 'OPS' });
    expect(JSON.stringify(asked)).not.toMatch(/k-1|t-1|k-2|t-2/);
  });

  it('testWebhook sends one request, to that webhook', () => {
    const w = world();
    expect(testWebhook(w.services, 'default')).toMatchObject({ ok: true, space: 'AAAA' });
    expect(w.http.requests).toHaveLength(1);
    expect(w.chat.messages('AAAA')).toHaveLength(1);
  });
});
