/** Menu → Remove triggers: Chat Relay's own, and only those. */
import { Services } from './services';
import { removeRelayTriggers } from './triggers';
import { WORDS } from './wording';

export function removeTriggers(services: Services): void {
  services.ui().alert(WORDS.triggersRemoved(removeRelayTriggers(services.triggers())));
}
