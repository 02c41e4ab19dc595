/** The Preview section's digests and reminders: a digest as it would be posted now, a row's next reminders. */
import { wireOpsPreview } from '../../../../src/app/settings/client/ops-preview-panel';
import { S, setForm } from '../../../../src/app/settings/client/state';
import { FakeElement, installPage, loadResult, settle } from './page';

const CONFIG = {
  sheets: [
    {
      sheet: 'Tickets',
      digests: [
        { name: 'Morning', at: '09:00' },
        { name: 'Evening', at: '18:00' },
      ],
    },
  ],
};

const DIGEST = {
  ok: true as const,
  sheet: 'Tickets',
  name: 'Evening',
  message: { text: 'Open *tickets*' },
  format: 'text' as const,
  matching: '3 rows match',
  webhook: 'default',
  next: 'Tuesday 16 January 2024 at 18:00',
};

const REMINDERS = {
  ok: true as const,
  sheet: 'Tickets',
  row: 4,
  format: 'text' as const,
  reminders: [
    {
      path: 'sheets[0].reminders[0]',
      holds: true,
      at: '2026-12-07 09:30',
      note: 'Next at 2026-12-07 09:30.',
      message: { text: 'Reminder: *Status* is New' },
    },
    { path: 'sheets[0].reminders[1]', holds: false, at: '', note: 'Does not hold.', message: null },
  ],
  note: '',
};

const PROBLEMS = {
  ok: false as const,
  errors: [
    { path: 'x', message: 'a', text: 'a' },
    { path: 'y', message: 'b', text: 'b' },
    { path: 'z', message: 'c', text: 'c' },
  ],
};

describe('ops preview panel', () => {
  const page = installPage({ settingsPreviewDigest: DIGEST, settingsPreviewReminders: REMINDERS });
  const scrolled: unknown[] = [];
  Object.assign(page.el('preview-section'), { scrollIntoView: (o: unknown) => scrolled.push(o) });
  wireOpsPreview();

  /** A "Preview this digest" button of the form, clicked through the document's listener. */
  function clickDigest(attributes: { [name: string]: string }): FakeElement {
    const button = new FakeElement('', 'BUTTON');
    Object.assign(button.attributes, attributes);
    const inner = {
      closest: (selector: string) => (selector === 'button[data-preview-digest]' ? button : null),
    };
    page.document.dispatch('click', inner);
    return button;
  }

  beforeEach(() => {
    S.load = loadResult();
    S.jsonOverride = null;
    setForm(CONFIG);
    page.calls.length = 0;
    scrolled.length = 0;
    page.answers.settingsPreviewDigest = DIGEST;
    page.answers.settingsPreviewReminders = REMINDERS;
    page.el('general-errors').innerHTML = '';
  });

  it('a digest: the one of the button pressed, of its sheet, as it would be posted now', async () => {
    S.previewShown = true;
    page.el('preview-fallback').hidden = false;
    clickDigest({
      'data-preview-digest': 'entries.0.digests',
      'data-index': '1',
      'data-sheet': 'Tickets',
    });
    await settle();
    expect(page.calls).toEqual([
      {
        fn: 'settingsPreviewDigest',
        args: [JSON.stringify({ scheduleMinutes: 5, ...CONFIG }), 'Tickets', 'Evening'],
      },
    ]);
    expect(page.el('preview-note').textContent).toBe(
      'Digest "Evening" of Tickets: 3 rows match; posted now to the default webhook. Next: Tuesday 16 January 2024 at 18:00.',
    );
    expect(page.el('preview').innerHTML).toContain('<strong>tickets</strong>');
    expect(page.el('preview-fallback').hidden).toBe(true);
    expect(S.previewShown).toBe(false);
    expect(scrolled).toEqual([{ block: 'nearest' }]);
  });

  it('a digest that posts nothing now shows no message', async () => {
    page.answers.settingsPreviewDigest = { ...DIGEST, message: null, matching: 'no row matches' };
    page.el('preview').innerHTML = '<div>old</div>';
    clickDigest({
      'data-preview-digest': 'entries.0.digests',
      'data-index': '0',
      'data-sheet': 'Tickets',
    });
    await settle();
    expect(page.calls.map((c) => c.args[2])).toEqual(['Morning']);
    expect(page.el('preview').innerHTML).toBe('');
  });

  it('asks nothing for a click elsewhere, or a button of a digest that is not in the form', async () => {
    page.document.dispatch('click', { closest: () => null });
    page.document.dispatch('click', {});
    clickDigest({
      'data-preview-digest': 'entries.0.digests',
      'data-index': '2',
      'data-sheet': 'Tickets',
    });
    clickDigest({
      'data-preview-digest': 'entries.5.digests',
      'data-index': '0',
      'data-sheet': 'Tickets',
    });
    clickDigest({ 'data-preview-digest': 'digests', 'data-index': '0' });
    await settle();
    expect(page.calls).toEqual([]);
  });

  it('a row’s reminders: the row of the sheet chosen, each rule with its note and message', async () => {
    page.el('preview-sheet').value = 'Tickets';
    page.el('preview-row').value = '4';
    page.el('preview-reminders').click();
    await settle();
    expect(page.calls).toEqual([
      {
        fn: 'settingsPreviewReminders',
        args: [JSON.stringify({ scheduleMinutes: 5, ...CONFIG }), 'Tickets', 4],
      },
    ]);
    expect(page.el('preview-note').textContent).toBe('Row 4 of Tickets: 2 reminder rules');
    const html = page.el('preview').innerHTML;
    expect(html).toContain('<b>sheets[0].reminders[0]</b>: Next at 2026-12-07 09:30.');
    expect(html).toContain('<strong>Status</strong>');
    expect(html).toContain('<b>sheets[0].reminders[1]</b>: Does not hold.');
    expect(scrolled).toEqual([{ block: 'nearest' }]);
  });

  it('the row under the cursor when no sheet is chosen; the server’s note when there is no rule', async () => {
    page.answers.settingsPreviewReminders = {
      ...REMINDERS,
      sheet: '',
      reminders: [],
      note: 'No reminder rule applies to sheet "Notes".',
    };
    page.el('preview-sheet').value = '';
    page.el('preview-row').value = '';
    page.el('preview-reminders').click();
    await settle();
    expect(page.calls[0].args.slice(1)).toEqual([null, 0]);
    expect(page.el('preview-note').textContent).toBe('No reminder rule applies to sheet "Notes".');
    expect(page.el('preview').innerHTML).toBe('');
  });

  it('settings with problems: nothing shown, the problems counted and listed', async () => {
    page.answers.settingsPreviewReminders = PROBLEMS;
    page.el('preview').innerHTML = '<div>old</div>';
    page.el('preview-reminders').click();
    await settle();
    expect(page.el('preview-note').textContent).toBe('Fix the settings first: 3 problems.');
    expect(page.el('preview').innerHTML).toBe('');
    expect(page.el('general-errors').innerHTML).toBe('<div>a</div><div>b</div><div>c</div>');
    page.answers.settingsPreviewDigest = PROBLEMS;
    clickDigest({
      'data-preview-digest': 'entries.0.digests',
      'data-index': '0',
      'data-sheet': 'Tickets',
    });
    await settle();
    expect(page.el('preview-note').textContent).toBe('Fix the settings first: 3 problems.');
  });
});
