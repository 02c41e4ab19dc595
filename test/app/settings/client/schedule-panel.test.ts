/**
 * The Schedule section: the triggers as the server reports them, what the period chosen costs
 * of the daily trigger budget (the server's sentence for it), who installed the triggers.
 */
import {
  costClass,
  costOf,
  renderBudget,
  renderTriggers,
  wireSchedule,
} from '../../../../src/app/settings/client/schedule-panel';
import { S } from '../../../../src/app/settings/client/state';
import type { BudgetState } from '../../../../src/app/settings/types';
import { installPage, loadResult, settle } from './page';

const cost = (minutes: number, warn: boolean, over = false) => ({
  minutes,
  hoursPerDay: 16 / minutes,
  projection: `About 40 s a run, every ${minutes}: ${warn ? 'over' : 'within'}.`,
  warn,
  over,
});
const BUDGET: BudgetState = {
  ...cost(5, true),
  secondsPerRun: 40,
  runsMeasured: 5,
  suggestedMinutes: 10,
  periods: [cost(1, true), cost(5, true), cost(10, false)],
};
const OWNERS = { triggersInstalledBy: ['ana@example.com'], triggersNote: 'Installed by ana.' };

describe('schedule panel', () => {
  const page = installPage({
    settingsInstallTriggers: {
      ok: true,
      lines: ['Installed.'],
      triggers: { scheduled: true, minutes: 10, formSubmit: true },
      budget: { ...BUDGET, periods: [{ ...cost(10, false), projection: 'Measured anew.' }] },
      owners: { triggersInstalledBy: ['bo@example.com'], triggersNote: 'Installed by bo.' },
    },
    settingsRemoveTriggers: { ok: false, errors: [{ path: '', message: 'm', text: 'Not now.' }] },
  });

  beforeEach(() => {
    S.load = loadResult();
    S.budget = BUDGET;
    S.owners = OWNERS;
    S.scheduleMinutes = 5;
    S.savedMinutes = 5;
  });

  it('costOf: the cost of that period, as the server put it; none for another', () => {
    expect(costOf(BUDGET, 10)).toBe(BUDGET.periods[2]);
    expect(costOf(BUDGET, 1)?.projection).toBe('About 40 s a run, every 1: over.');
    expect(costOf(BUDGET, 15)).toBeNull();
  });

  it('costClass: a warning over half the cap, else a hint', () => {
    expect(costClass(cost(1, true, true))).toBe('warning');
    expect(costClass(cost(5, true, false))).toBe('warning');
    expect(costClass(cost(10, false))).toBe('hint');
  });

  it('renderBudget: the sentence of the period chosen (saved or not), styled, and who installed', () => {
    renderBudget();
    expect(page.el('budget').textContent).toBe('About 40 s a run, every 5: over.');
    expect(page.el('budget').className).toBe('warning');
    expect(page.el('trigger-owners').textContent).toBe('Installed by ana.');
    S.scheduleMinutes = 10;
    renderBudget();
    expect(page.el('budget').textContent).toBe('About 40 s a run, every 10: within.');
    expect(page.el('budget').className).toBe('hint');
    S.budget = null;
    S.owners = null;
    renderBudget();
    expect(page.el('budget').textContent).toBe('');
    expect(page.el('trigger-owners').textContent).toBe('');
  });

  it('renderTriggers: running or not, the form trigger, a period that differs from the saved one', () => {
    S.triggers = { scheduled: false, minutes: null, formSubmit: false };
    renderTriggers();
    expect(page.el('trigger-state').innerHTML).toBe(
      '<b>Not running</b> for you: no time-driven trigger.<br>No form-submit trigger.',
    );
    S.triggers = { scheduled: true, minutes: 1, formSubmit: true };
    renderTriggers();
    const lines = page.el('trigger-state').innerHTML.split('<br>');
    expect(lines[0]).toBe(
      '<b class="ok">Running</b> for you: every 1 minute (as recorded when you installed it).',
    );
    expect(lines[1]).toBe('Form responses are relayed as they arrive.');
    expect(lines[2]).toContain('The saved settings say every 5 minutes: press Start to apply.');
    S.triggers = { scheduled: true, minutes: null, formSubmit: false };
    renderTriggers();
    expect(page.el('trigger-state').innerHTML).toContain('its period was not recorded');
    // renderTriggers shows the budget too.
    expect(page.el('budget').textContent).toBe('About 40 s a run, every 5: over.');
  });

  it('Start: the triggers, the budget and who installed them, as the server answers', async () => {
    wireSchedule();
    S.scheduleMinutes = 10;
    page.el('start').click();
    await settle();
    expect(page.calls.map((c) => c.fn)).toEqual(['settingsInstallTriggers']);
    expect(S.triggers).toEqual({ scheduled: true, minutes: 10, formSubmit: true });
    expect(page.el('schedule-result').textContent).toBe('Installed.');
    expect(page.el('schedule-result').className).toBe('hint');
    expect(page.el('budget').textContent).toBe('Measured anew.');
    expect(page.el('trigger-owners').textContent).toBe('Installed by bo.');
  });

  it('Stop refused: the errors shown, the state kept', async () => {
    page.el('stop').click();
    await settle();
    expect(page.el('schedule-result').className).toBe('error');
    expect(page.el('schedule-result').textContent).toBe('Not now.');
    expect(S.owners).toBe(OWNERS);
  });
});
