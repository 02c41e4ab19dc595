/**
 * Per-space pacing: Chat allows about one message create per second per space, shared by every
 * webhook of that space. Pacing up front keeps a normal run free of 429s.
 */

import { Clock } from '../ports';

/** Tracks the last POST to each space (recorded as it starts and again when it ends). */
export interface SpacePacer {
  /** Milliseconds to wait before the next POST to `space` may start (0 if none). */
  waitBefore(space: string): number;
  /** Records that a POST to `space` starts or ends now. Every attempt counts. */
  recordPost(space: string): void;
}

/**
 * A pacer allowing POSTs to one space at most every `minIntervalMs`, for its lifetime.
 * `previousPostAt`, when given, counts as a POST to every space.
 */
export function createSpacePacer(
  clock: Clock,
  minIntervalMs: number,
  previousPostAt?: number,
): SpacePacer {
  const lastPostAt = new Map<string, number>();
  return {
    waitBefore(space: string): number {
      const last = lastPostAt.has(space) ? lastPostAt.get(space) : previousPostAt;
      if (last === undefined) return 0;
      return Math.max(0, last + minIntervalMs - clock.now());
    },
    recordPost(space: string): void {
      lastPostAt.set(space, clock.now());
    },
  };
}
