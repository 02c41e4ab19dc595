/**
 * settingsLoad (src/app/settings/load.ts): what the sidebar shows, read in one call.
 * Run directly on the local runtime's service implementations (./world).
 */
import { loadSettings } from '../../../src/app/settings/load';
import { TICKETS } from '../../../local/harness';
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

describe('loadSettings: the people directory', () => {
  it('names the directory rows a run ignores, by row number, as the run summary does', () => {
    const people = {
      name: 'People',
      rows: [
        ['Email', 'Chat user ID'],
        ['ana@example.com', 'users/111'],
        ['bob@example.com', 'Bob'],
        ['carl@example.com', '333'],
      ],
    };
    const config = {
      people: { sheet: 'People' },
      mentions: [{ when: { column: 'Title', empty: false }, mention: '{{Title}}' }],
    };
    const w = world({
      sheets: [TICKETS, people],
      properties: { CHAT_RELAY_CONFIG: JSON.stringify(config) },
    });
    expect(loadSettings(w.services).people).toEqual({
      sheet: 'People',
      size: 2,
      ignored: [{ row: 3, value: 'Bob' }],
      problem: null,
    });
  });

  it('is null without a people directory', () => {
    expect(loadSettings(world().services).people).toBeNull();
  });
});
