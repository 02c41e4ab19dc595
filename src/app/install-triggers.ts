/** Menu → Install triggers: the time-driven trigger, and the form-submit one when a followed sheet is a form's. */
import { createConfigSource } from '../config/config';
import { followedSheets } from './followed-sheets';
import { Services } from './services';
import { installRelayTriggers } from './triggers';
import { WORDS, safe } from './wording';

/** Installs the triggers, or says what must be fixed first; the report as lines. */
export function installTriggersReport(services: Services): { ok: boolean; lines: string[] } {
  // Refuse to schedule runs that could only fail (and e-mail the owner every few minutes).
  const loaded = createConfigSource(services.properties()).load();
  const spreadsheet = services.spreadsheet();
  const followed = loaded.ok ? followedSheets(spreadsheet, loaded.value.settings) : null;
  if (!loaded.ok || !followed || !followed.ok) {
    const problems = !loaded.ok ? loaded.error : followed && !followed.ok ? followed.error : [];
    return { ok: false, lines: problems.map((p) => p.text) };
  }
  const forms = followed.value
    .filter((f) => f.sheet.getFormUrl() !== null)
    .map((f) => f.sheet.getName());
  const minutes = loaded.value.settings.scheduleMinutes;
  return {
    ok: true,
    lines: installRelayTriggers(services.triggers(), spreadsheet, minutes, forms),
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
