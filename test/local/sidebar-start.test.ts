/**
 * `npm start` offers the Settings sidebar beside the preview page: served from
 * the parent process, whose runtime holds the sample workbook the story ran on.
 */
import { SECRET, startProcess } from '../support/start-cli';

describe('npm start: the Settings sidebar', () => {
  it('prints its address after the preview page, and serves the bundle’s sidebar on the story’s workbook', async () => {
    const run = startProcess(['--port', '0']);
    try {
      const preview = await run.line(/^Preview: (http:\/\/127\.0\.0\.1:\d+\/)$/);
      const [, url] = await run.line(/^Settings sidebar: (http:\/\/127\.0\.0\.1:\d+\/) /);
      expect(url).not.toBe(preview[1]);
      const page = await (await fetch(`${url}sidebar`)).text();
      expect(page).toContain('<h2>Webhooks</h2>');
      expect(page).toContain('google.script.run');
      const answer = (await (
        await fetch(`${url}run/settingsLoad`, {
          method: 'POST',
          // As the sidebar's own page posts: any other origin is refused.
          headers: { origin: new URL(url).origin },
          body: '{"args":[]}',
        })
      ).json()) as { ok: boolean; value: { sheets: Array<{ name: string }>; triggers: unknown } };
      expect(answer.ok).toBe(true);
      expect(answer.value.sheets.map((s) => s.name)).toEqual(['Tickets', 'Form Responses 1']);
      // The story installed the triggers in this very runtime.
      expect(answer.value.triggers).toMatchObject({ scheduled: true, minutes: 1 });
      expect(JSON.stringify(answer)).not.toMatch(/token=|key=/);
      expect(run.output()).not.toMatch(SECRET);
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  }, 90000);
});
