/** The Adopt section: count the rows to mark (reading only), then mark them once confirmed. */
import { wireAdopt } from '../../../../src/app/settings/client/adopt-panel';
import { installPage, settle } from './page';

describe('adopt panel', () => {
  const page = installPage({
    settingsCountRowsToMark: {
      ok: true,
      counts: [
        { sheet: 'Tickets', rows: 2 },
        { sheet: 'Form responses', rows: 1 },
      ],
      total: 3,
    },
    settingsMarkAllRowsSent: { ok: true, message: 'Marked 3 rows.', marked: 3 },
  });
  wireAdopt();

  it('Count: the rows of each sheet, and a button that says how many it marks', async () => {
    page.el('adopt-confirm').hidden = true;
    page.el('adopt-count').click();
    await settle();
    expect(page.el('adopt-result').textContent).toBe(
      '2 rows of "Tickets", 1 row of "Form responses" would be marked as sent, without a message.',
    );
    expect(page.el('adopt-go').textContent).toBe('Mark 3 rows as sent');
    expect(page.el('adopt-confirm').hidden).toBe(false);
    expect(page.calls.map((c) => c.fn)).toEqual(['settingsCountRowsToMark']);
  });

  it('Mark: marks, says so, and asks no more', async () => {
    page.el('adopt-go').click();
    await settle();
    expect(page.calls.map((c) => c.fn)).toEqual([
      'settingsCountRowsToMark',
      'settingsMarkAllRowsSent',
    ]);
    expect(page.el('adopt-result').className).toBe('ok');
    expect(page.el('adopt-result').textContent).toBe('Marked 3 rows.');
    expect(page.el('adopt-confirm').hidden).toBe(true);
  });

  it('nothing to mark: said, and nothing to confirm', async () => {
    page.answers.settingsCountRowsToMark = { ok: true, counts: [], total: 0 };
    page.el('adopt-count').click();
    await settle();
    expect(page.el('adopt-result').textContent).toBe(
      'Every row is already sent or up to date: nothing to mark.',
    );
    expect(page.el('adopt-confirm').hidden).toBe(true);
  });

  it('Cancel changes nothing; a refused count shows its errors', async () => {
    page.el('adopt-cancel').click();
    expect(page.el('adopt-result').textContent).toBe('Nothing was changed.');
    page.answers.settingsCountRowsToMark = {
      ok: false,
      errors: [{ path: '', message: 'm', text: 'Fix the settings first.' }],
    };
    page.el('adopt-count').click();
    await settle();
    expect(page.el('adopt-result').className).toBe('error');
    expect(page.el('adopt-result').textContent).toBe('Fix the settings first.');
  });
});
