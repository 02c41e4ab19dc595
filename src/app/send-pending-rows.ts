/** Menu → Send pending rows: every new, changed or pending row of every followed sheet, now. */
import { menuReport, progressToaster, relayUnderLock } from './relay-under-lock';
import { Services } from './services';

export function sendPendingRows(services: Services): void {
  const outcome = relayUnderLock(services, {
    origin: 'menu',
    startedAt: services.clock.now(),
    select: () => ({ kind: 'due' }),
    onProgress: progressToaster(services),
  });
  services.ui().alert(menuReport(outcome, 'send pending rows'));
}
