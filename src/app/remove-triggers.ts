/** Menu → Remove triggers: Chat Relay's own, and only those. */
import { forgetInstall } from './health/installers';
import { Services } from './services';
import { removeRelayTriggers } from './triggers';
import { WORDS } from './wording';

/** Removes this user's Chat Relay triggers, and their record as an installer; how many were removed. */
export function removeOwnTriggers(services: Services): number {
  const removed = removeRelayTriggers(services.triggers());
  forgetInstall(services.properties(), services.effectiveUser());
  return removed;
}

export function removeTriggers(services: Services): void {
  services.ui().alert(WORDS.triggersRemoved(removeOwnTriggers(services)));
}
