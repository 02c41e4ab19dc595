/**
 * The Schedule section: the current user's triggers as the server reports
 * them, what the period chosen costs of Apps Script's daily trigger budget
 * (the server's sentence for that period, at the time per run it measured),
 * who installed the triggers, Start (install, for the saved settings) and
 * Stop (remove).
 */
import type { BudgetState, PeriodCost, TriggersResult } from '../types';
import { whileBusy } from './buttons';
import { byId } from './dom';
import { errorsText, inert, plural } from './words';
import { savedOpsLines } from './ops-schedule';
import { server } from './server';
import { S } from './state';

/** What `minutes` costs a day, as the server put it (null: not one of the periods it costed). */
export function costOf(budget: BudgetState, minutes: number): PeriodCost | null {
  const cost = budget.periods.filter((p) => p.minutes === Number(minutes))[0];
  return cost || null;
}

/** The page's class for that cost: a warning over half the daily cap, else a hint. */
export function costClass(cost: PeriodCost): string {
  return cost.warn ? 'warning' : 'hint';
}

/** The cost of the period chosen in the form (saved or not), and who installed the triggers. */
export function renderBudget(): void {
  const box = byId('budget');
  const cost = S.budget ? costOf(S.budget, Number(S.scheduleMinutes)) : null;
  box.className = cost ? costClass(cost) : 'hint';
  box.textContent = cost ? inert(cost.projection) : '';
  byId('trigger-owners').textContent = S.owners ? inert(S.owners.triggersNote) : '';
}

export function renderTriggers(): void {
  renderBudget();
  const t = S.triggers;
  if (!t) return;
  const lines: string[] = [];
  if (t.scheduled && t.minutes) {
    lines.push(
      `<b class="ok">Running</b> for you: every ${plural(t.minutes, 'minute')} (as recorded when you installed it).`,
    );
  } else if (t.scheduled) {
    lines.push(
      '<b class="ok">Running</b> for you; its period was not recorded (installed outside the sidebar). Start again to record it.',
    );
  } else lines.push('<b>Not running</b> for you: no time-driven trigger.');
  lines.push(
    t.formSubmit ? 'Form responses are relayed as they arrive.' : 'No form-submit trigger.',
  );
  if (t.scheduled && t.minutes && t.minutes !== S.savedMinutes) {
    lines.push(
      `<span class="warning">The saved settings say every ${plural(S.savedMinutes, 'minute')}: press Start to apply.</span>`,
    );
  }
  byId('trigger-state').innerHTML = lines.concat(savedOpsLines()).join('<br>');
}

function triggersDone(result: TriggersResult): void {
  const box = byId('schedule-result');
  if (result.ok) {
    S.triggers = result.triggers;
    S.budget = result.budget;
    S.owners = result.owners;
    box.className = 'hint';
    box.textContent = inert(result.lines.join(' '));
  } else {
    box.className = 'error';
    box.textContent = errorsText(result.errors);
  }
  renderTriggers();
}

export function wireSchedule(): void {
  const start = byId('start');
  const stop = byId('stop');
  start.addEventListener('click', () => {
    void whileBusy(start, server.installTriggers).then(triggersDone);
  });
  stop.addEventListener('click', () => {
    void whileBusy(stop, server.removeTriggers).then(triggersDone);
  });
}
