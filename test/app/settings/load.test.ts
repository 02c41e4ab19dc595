/**
 * settingsLoad (src/app/settings/load.ts): what the sidebar shows, read in one call.
 * Run directly on the local runtime's service implementations (./world).
 */
import { loadSettings } from '../../../src/app/settings/load';
import { world } from './world';

const INFRA = 'https://chat.googleapis.com/v1/spaces/BBBB/messages?key=k-1&token=t-1';

describe('loadSettings', () => {
  it('masks every webhook: its space, never its key or token', () => {
    const w = world({ properties: { CHAT_WEBHOOK_URL_INFRA: INFRA } });
    const load = loadSettings(w.services);
    expect(load.webhooks.map((h) => h.label)).toEqual([
      'space AAAA…, token set',
      'space BBBB…, token set',
    ]);
    const text = JSON.stringify(load);
    for (const secret of [w.token, 'k-1', 't-1']) expect(text).not.toContain(secret);
  });

  it('says what a run would say of a saved configuration that is wrong', () => {
    const w = world({ properties: { CHAT_RELAY_CONFIG: '{"keyColumn": "Nope"}' } });
    const load = loadSettings(w.services);
    expect(load.source).toBe('property');
    expect(load.problems).toEqual([expect.objectContaining({ path: 'keyColumn' })]);
  });
});
