/**
 * Menu → Install triggers: the time-driven trigger, and the form-submit one
 * when a followed sheet is a form's. The report says what was installed, who
 * Apps Script will e-mail the triggers' failures to (whoever installs them),
 * and what the schedule costs of the daily trigger budget.
 */
import { loadConfigured } from './configured-sheets';
import { projectBudget } from './health/budget';
import { recordInstall } from './health/installers';
import { STATE_PROPERTY, parseState, secondsPerRun } from './health/state';
import { Services, readOnce } from './services';
import { installRelayTriggers } from './triggers';
import { WORDS, safe } from './wording';
import { ruleContextOf } from './rule-context';

/** Installs the triggers, or says what must be fixed first; the report as lines. */
export function installTriggersReport(services: Services): { ok: boolean; lines: string[] } {
  const properties = readOnce(services.properties());
  // Refuse to schedule runs that could only fail (and e-mail whoever installed them every few minutes).
  const loaded = loadConfigured(
    properties,
    () => services.spreadsheet(),
    ruleContextOf(services, () => services.spreadsheet()),
    () => services.webAppUrl(),
  );
  if (!loaded.ok) return { ok: false, lines: loaded.error.map((p) => p.text) };
  const followed = loaded.value.followed();
  if (!followed.ok) return { ok: false, lines: followed.error.map((p) => p.text) };
  const forms = followed.value
    .filter((f) => f.sheet.getFormUrl() !== null)
    .map((f) => f.sheet.getName());
  const minutes = loaded.value.configuration.settings.scheduleMinutes;
  const lines = installRelayTriggers(services.triggers(), services.spreadsheet(), minutes, forms);
  const email = services.effectiveUser();
  recordInstall(properties, { email, minutes, at: services.clock.now() });
  const state = parseState(properties.getProperty(STATE_PROPERTY));
  const budget = projectBudget(secondsPerRun(state), state.runs.length, minutes);
  return { ok: true, lines: lines.concat([WORDS.failureEmails(email), budget.text]) };
}

export function installTriggers(services: Services): void {
  const result = installTriggersReport(services);
  services
    .ui()
    .alert(
      result.ok ? WORDS.triggersReport(result.lines) : safe(WORDS.fixConfigFirst(result.lines)),
    );
}
