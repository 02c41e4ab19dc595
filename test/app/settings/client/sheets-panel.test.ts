/** The Sheets section, and the schedule's period with what it costs a day. */
import { renderSheets } from '../../../../src/app/settings/client/sheets-panel';
import { S, setForm } from '../../../../src/app/settings/client/state';
import { installPage, loadResult } from './page';

describe('renderSheets', () => {
  const page = installPage();

  beforeEach(() => {
    S.load = loadResult();
    S.budget = S.load.budget;
  });

  it('following by default: the sheets it follows now, one card, no "Add a sheet"', () => {
    setForm({});
    renderSheets();
    expect(page.el('auto').checked).toBe(true);
    expect(page.el('auto-list').innerHTML).toBe(
      '(now: <bdi>Tickets</bdi>, <bdi>Form responses</bdi>)',
    );
    expect(page.el('sheets').innerHTML).toContain('Every followed sheet');
    expect(page.el('add-sheet').hidden).toBe(true);
  });

  it('listed sheets: a card each, "Add a sheet"; the period chosen and its cost', () => {
    setForm({ scheduleMinutes: 15, sheets: [{ sheet: 'Tickets' }, { sheet: 'Notes' }] });
    S.load = loadResult({
      budget: {
        ...loadResult().budget,
        periods: [
          {
            minutes: 15,
            hoursPerDay: 1,
            projection: 'Every 15: ~1 h a day.',
            warn: false,
            over: false,
          },
        ],
      },
    });
    S.budget = S.load.budget;
    renderSheets();
    expect(page.el('auto').checked).toBe(false);
    expect(page.el('auto-list').innerHTML).toBe('');
    expect(page.el('sheets').innerHTML.split('class="card-box field"')).toHaveLength(3);
    expect(page.el('add-sheet').hidden).toBe(false);
    expect(page.el('schedule-minutes').innerHTML).toContain(
      '<option value="15" selected>15 minutes</option>',
    );
    expect(page.el('schedule-minutes').innerHTML).toContain('<option value="1">1 minute</option>');
    expect(page.el('budget').textContent).toBe('Every 15: ~1 h a day.');
    expect(page.el('preview-sheet').innerHTML).toBe(
      '<option value="Tickets" selected>Tickets</option><option value="Notes">Notes</option>',
    );
  });
});
