/** Menu → Install triggers: the time-driven trigger, and the form-submit one when a followed sheet is a form's. */
import { loadConfigured } from './configured-sheets';
import { Services } from './services';
import { installRelayTriggers } from './triggers';
import { WORDS, safe } from './wording';
import { ruleContextOf } from './rule-context';

/** Installs the triggers, or says what must be fixed first; the report as lines. */
export function installTriggersReport(services: Services): { ok: boolean; lines: string[] } {
  // Refuse to schedule runs that could only fail (and e-mail whoever installed them every few minutes).
  const loaded = loadConfigured(
    services.properties(),
    () => services.spreadsheet(),
    ruleContextOf(services, () => services.spreadsheet()),
  );
  if (!loaded.ok) return { ok: false, lines: loaded.error.map((p) => p.text) };
  const followed = loaded.value.followed();
  if (!followed.ok) return { ok: false, lines: followed.error.map((p) => p.text) };
  const forms = followed.value
    .filter((f) => f.sheet.getFormUrl() !== null)
    .map((f) => f.sheet.getName());
  const minutes = loaded.value.configuration.settings.scheduleMinutes;
  return {
    ok: true,
    lines: installRelayTriggers(services.triggers(), services.spreadsheet(), minutes, forms),
  };
}

export function installTriggers(services: Services): void {
  const result = installTriggersReport(services);
  services
    .ui()
    .alert(
      result.ok ? WORDS.triggersReport(result.lines) : safe(WORDS.fixConfigFirst(result.lines)),
    );
}
