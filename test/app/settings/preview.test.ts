/**
 * settingsPreview (src/app/settings/preview.ts): the message a run would post for one row.
 * Run directly on the local runtime's service implementations (./world).
 */
import { sendPendingRows } from '../../../src/app/send-pending-rows';
import { previewSettings } from '../../../src/app/settings/preview';
import { saveSettings } from '../../../src/app/settings/save';
import { world } from './world';

describe('previewSettings', () => {
  it('is the body the next run posts, and sends nothing', () => {
    const w = world();
    const preview = previewSettings(w.services, '{"format": "text"}', 'Tickets', 2);
    expect(w.http.requests).toHaveLength(0);
    if (!preview.ok || !preview.message) throw new Error('expected a preview');
    expect(saveSettings(w.services, '{"format": "text"}')).toEqual({ ok: true });
    w.services.ui = () => ({ alert: () => undefined }) as never;
    sendPendingRows(w.services);
    expect(JSON.parse(w.http.requests[0].payload)).toEqual(preview.message);
  });

  it('refuses settings too long for Script Properties, as Save would, naming their size', () => {
    const w = world();
    const json = JSON.stringify({ title: `{{ID}} ${'x'.repeat(9300)}` });
    expect(previewSettings(w.services, json, 'Tickets', 2)).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({
          path: '',
          message: expect.stringMatching(new RegExp(`^is ${json.length} bytes long`)),
        }),
      ],
    });
  });

  it('a row whose key is empty: no message, and the Chat Error a run would write', () => {
    const w = world({
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['ID', 'Title'],
            ['', 'No key'],
          ],
        },
      ],
    });
    expect(previewSettings(w.services, '', 'Tickets', 2)).toMatchObject({
      ok: true,
      message: null,
      note: 'A run would mark this row FAILED without posting it: The key column "ID" is empty: fill it in to send this row',
    });
  });

  it('no active cell: says to select one', () => {
    const w = world();
    expect(previewSettings(w.services, '', null, null)).toMatchObject({
      ok: true,
      message: null,
      note: 'Select a cell in a followed sheet to preview its row.',
    });
  });
});
