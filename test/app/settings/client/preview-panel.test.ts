/** The Preview section: what the relay would post for a row, with the settings as they stand. */
import {
  renderPreviewSheets,
  showPreview,
  wirePreview,
} from '../../../../src/app/settings/client/preview-panel';
import { S, setForm } from '../../../../src/app/settings/client/state';
import { installPage, loadResult, settle } from './page';

const shown = {
  ok: true as const,
  sheet: 'Tickets',
  row: 3,
  message: { text: 'Hello *world*' },
  format: 'text' as const,
  webhook: 'default',
  space: 'AAAA',
  note: 'A new row: the next run posts this message.',
  fallbacks: [],
};

describe('preview panel', () => {
  const page = installPage({ settingsPreview: shown });

  beforeEach(() => {
    S.load = loadResult();
    S.fallbacks = [];
  });

  it('the sheets to preview: the followed ones, each once', () => {
    setForm({ sheets: [{ sheet: 'Notes' }, { sheet: 'Tickets' }, { sheet: 'Notes' }] });
    renderPreviewSheets();
    expect(page.el('preview-sheet').innerHTML).toBe(
      '<option value="Notes" selected>Notes</option><option value="Tickets">Tickets</option>',
    );
    setForm({});
    renderPreviewSheets();
    expect(page.el('preview-sheet').innerHTML).toContain('Form responses');
  });

  it('showPreview: where, what a run would do, the message as Chat shows it, a fallback note', () => {
    S.fallbacks = [{ sheet: 'Tickets', note: 'No key column.' }];
    showPreview(shown);
    expect(page.el('preview-note').textContent).toBe(
      'Row 3 of Tickets: A new row: the next run posts this message.',
    );
    expect(page.el('preview-row').value).toBe('3');
    expect(page.el('preview').innerHTML).toContain('<strong>world</strong>');
    expect(page.el('preview-fallback').hidden).toBe(false);
    expect(page.el('preview-fallback').textContent).toBe('⚠ No key column.');
    showPreview({ ...shown, sheet: '', row: 0, message: null, note: 'Nothing to preview.' });
    expect(page.el('preview-note').textContent).toBe('Nothing to preview.');
    expect(page.el('preview').innerHTML).toBe('');
    expect(page.el('preview-fallback').hidden).toBe(true);
  });

  it("Show: the row of the sheet chosen, with the settings as they stand; the cursor's row", async () => {
    setForm({ sheets: [{ sheet: 'Tickets' }] });
    wirePreview();
    page.el('preview-sheet').value = 'Tickets';
    page.el('preview-row').value = '2';
    page.el('preview-go').click();
    await settle();
    page.el('preview-cursor').click();
    await settle();
    const json = JSON.stringify({ scheduleMinutes: 5, sheets: [{ sheet: 'Tickets' }] });
    expect(page.calls).toEqual([
      { fn: 'settingsPreview', args: [json, 'Tickets', 2] },
      { fn: 'settingsPreview', args: [json, null, null] },
    ]);
    expect(S.preview).toBeNull();
    expect(S.previewShown).toBe(true);
  });

  it('settings with problems: no message, the problems counted', async () => {
    page.answers.settingsPreview = {
      ok: false,
      errors: [
        { path: 'x', message: 'a', text: 'a' },
        { path: 'y', message: 'b', text: 'b' },
      ],
    };
    page.el('preview').innerHTML = '<div>old</div>';
    page.el('preview-cursor').click();
    await settle();
    expect(page.el('preview-note').textContent).toBe('Fix the settings first: 2 problems.');
    expect(page.el('preview').innerHTML).toBe('');
  });
});
