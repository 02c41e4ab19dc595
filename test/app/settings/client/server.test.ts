/** google.script.run, one typed promise per server function; a failure on the way is a Failure too. */
import { server } from '../../../../src/app/settings/client/server';
import { installPage } from './page';

describe('server', () => {
  const page = installPage({
    settingsSave: { ok: true },
    settingsPreview: (json: string, sheet: string | null, row: number | null) => ({
      ok: true,
      echo: [json, sheet, row],
    }),
    settingsSetWebhook: new Error('Exceeded maximum execution time'),
  });

  it('calls each server function by its name, with its arguments, and answers its result', async () => {
    expect(await server.save('{}')).toEqual({ ok: true });
    expect(await server.preview('{"a":1}', 'Tickets', 3)).toEqual({
      ok: true,
      echo: ['{"a":1}', 'Tickets', 3],
    });
    await server.removeWebhook('INFRA');
    await server.installTriggers();
    expect(page.calls).toEqual([
      { fn: 'settingsSave', args: ['{}'] },
      { fn: 'settingsPreview', args: ['{"a":1}', 'Tickets', 3] },
      { fn: 'settingsRemoveWebhook', args: ['INFRA'] },
      { fn: 'settingsInstallTriggers', args: [] },
    ]);
  });

  it('a call that fails on the way answers a Failure naming the error, never rejects', async () => {
    expect(await server.setWebhook('INFRA', 'https://x', false)).toEqual({
      ok: false,
      errors: [
        {
          path: '',
          message: 'Exceeded maximum execution time',
          text: 'Chat Relay: Exceeded maximum execution time',
        },
      ],
    });
    expect(page.calls[page.calls.length - 1]).toEqual({
      fn: 'settingsSetWebhook',
      args: ['INFRA', 'https://x', false],
    });
  });

  it('every wrapper reaches the server function of its name', async () => {
    const names: Array<[() => Promise<unknown>, string]> = [
      [server.load, 'settingsLoad'],
      [() => server.testWebhook('X'), 'settingsTestWebhook'],
      [server.removeTriggers, 'settingsRemoveTriggers'],
      [server.countRowsToMark, 'settingsCountRowsToMark'],
      [server.markAllRowsSent, 'settingsMarkAllRowsSent'],
    ];
    for (const [call, fn] of names) {
      await call();
      expect(page.calls[page.calls.length - 1].fn).toBe(fn);
    }
  });
});
