/**
 * Menu → Mark all rows as sent: adopting an existing sheet. Records every new
 * or changed row as delivered, without posting, so that only later changes
 * reach the space.
 */
import { confirmed, menuReport, relayUnderLock } from './relay-under-lock';
import { Services } from './services';
import { WORDS } from './wording';

export function markAllRowsSent(services: Services): void {
  if (!confirmed(services, WORDS.confirmMarkAll, WORDS.nothingChanged)) return;
  const outcome = relayUnderLock(services, {
    origin: 'menu',
    pickSheet: () => null,
    select: () => ({ kind: 'baseline' }),
  });
  services.ui().alert(menuReport(outcome, 'mark the rows as sent'));
}
