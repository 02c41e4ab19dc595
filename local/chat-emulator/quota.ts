/** Chat's quota: one message create per interval per space, across all its webhooks. */
import type { EmulatorResponse, Space } from './model';
import { rpcError } from './responses';

/** 429 RESOURCE_EXHAUSTED when the space's last create is less than `intervalMs` ago. */
export function quotaExceeded(
  space: Space,
  now: number,
  intervalMs: number,
): EmulatorResponse | undefined {
  if (space.lastCreateAt === undefined || now - space.lastCreateAt >= intervalMs) return undefined;
  return rpcError(429, 'Resource has been exhausted (e.g. check quota).', {
    details: [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'RATE_LIMIT_EXCEEDED',
        domain: 'googleapis.com',
        metadata: {
          service: 'chat.googleapis.com',
          quota_limit: 'WebhookMessagesPerSpacePerSecond',
        },
      },
    ],
  });
}
