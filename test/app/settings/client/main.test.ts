/**
 * The client's start: every section wired, settingsLoad called once, its answer shown. The
 * page as a whole, in Chromium, is test/local/sidebar-browser.test.ts's.
 */
import type { LoadResult } from '../../../../src/app/settings/types';
import type { SidebarState } from '../../../../src/app/settings/client/state';
import { FakePage, installPage, loadResult, settle } from './page';

/** Starts the client afresh on a fake page whose settingsLoad answers `load`. */
async function start(load: unknown): Promise<{ page: FakePage; S: SidebarState }> {
  const page = installPage({ settingsLoad: load });
  let S: SidebarState | undefined;
  await jest.isolateModulesAsync(async () => {
    await import('../../../../src/app/settings/client/main');
    S = (await import('../../../../src/app/settings/client/state')).S;
  });
  await settle();
  return { page, S: S as SidebarState };
}

describe('the sidebar client starting', () => {
  it('loads once and shows the settings, the schedule and what it costs', async () => {
    const load: LoadResult = loadResult({
      config: { scheduleMinutes: 10, sheets: [{ sheet: 'Tickets' }] },
      source: 'property',
    });
    const { page, S } = await start(load);
    expect(page.calls).toEqual([{ fn: 'settingsLoad', args: [] }]);
    expect(page.el('status').textContent).toBe('Settings of "Helpdesk". Changes apply once saved.');
    expect(S.scheduleMinutes).toBe(10);
    expect(S.savedMinutes).toBe(10);
    expect(S.savedJson).toBe(
      JSON.stringify({ scheduleMinutes: 10, sheets: [{ sheet: 'Tickets' }] }),
    );
    expect(page.el('sheets').innerHTML).toContain('<bdi>Tickets</bdi>');
    expect(page.el('webhooks').innerHTML).toContain('data-webhook="default"');
    expect(page.el('trigger-state').innerHTML).toContain('Not running');
    expect(page.el('budget').textContent).toBe('Time per run: not measured yet.');
    expect(page.el('trigger-owners').textContent).toBe(
      'No installation of the triggers is recorded.',
    );
    expect(page.el('dirty').textContent).toBe('All changes saved');
  });

  it('a saved text that is not JSON: kept as typed, in the open Advanced section', async () => {
    const { page, S } = await start(
      loadResult({ source: 'invalid', config: null, raw: '{"sheets": [' }),
    );
    expect(S.jsonOverride).toBe('{"sheets": [');
    expect(page.el('json').value).toBe('{"sheets": [');
    expect(page.el('advanced').open).toBe(true);
  });

  it('problems of the saved settings, and a first open without a webhook, are said', async () => {
    const problem = { path: 'sheets[0].keyColumn', message: 'm', text: 'No column "X".' };
    const { page } = await start(loadResult({ problems: [problem] }));
    expect(page.el('status').textContent).toBe(
      'The saved settings have 1 problem a run would report: fix them below.',
    );
    const unset = { path: 'CHAT_WEBHOOK_URL', message: 'm', text: 'CHAT_WEBHOOK_URL is not set.' };
    const first = await start(loadResult({ problems: [unset], webhooks: [] }));
    expect(first.page.el('status').textContent).toMatch(
      /^The default webhook is not set yet: paste/,
    );
  });

  it('a load that fails: its errors in the status line', async () => {
    const { page } = await start({
      ok: false,
      errors: [{ path: '', message: 'm', text: 'Chat Relay: no access.' }],
    });
    expect(page.el('status').textContent).toBe('Chat Relay: no access.');
    expect(page.el('status').className).toBe('status error');
  });
});
