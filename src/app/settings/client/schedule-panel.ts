/**
 * The Schedule section: the current user's triggers as the server reports
 * them, Start (install, for the saved settings) and Stop (remove).
 */
import type { TriggersResult } from '../types';
import { whileBusy } from './buttons';
import { byId } from './dom';
import { errorsText, inert, plural } from './words';
import { savedOpsLines } from './ops-schedule';
import { server } from './server';
import { S } from './state';

export function renderTriggers(): void {
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
