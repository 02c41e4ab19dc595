/** Menu → Install triggers: the time-driven trigger, and the form-submit one when a form is linked. */
import { createConfigSource } from '../config/config';
import { Services } from './services';
import { installRelayTriggers } from './triggers';
import { WORDS, safe } from './wording';

export function installTriggers(services: Services): void {
  // Refuse to schedule runs that could only fail (and e-mail the owner every few minutes).
  const settings = createConfigSource(services.properties()).relayTarget();
  if (!settings.ok) {
    services.ui().alert(safe(WORDS.fixConfigFirst(settings.error)));
    return;
  }
  const report = installRelayTriggers(
    services.triggers(),
    services.spreadsheet(),
    settings.value.configuration.settings.scheduleMinutes,
  );
  services.ui().alert(WORDS.triggersReport(report));
}
