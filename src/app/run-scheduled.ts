/** The time-driven trigger: quiet when busy or idle, loud (throws) when misconfigured. */
import { relayUnderLock, throwIfMisconfigured } from './relay-under-lock';
import { Services } from './services';

export function runScheduled(services: Services): void {
  throwIfMisconfigured(
    relayUnderLock(services, {
      origin: 'scheduled',
      startedAt: services.clock.now(),
      select: () => ({ kind: 'due' }),
    }),
  );
}
