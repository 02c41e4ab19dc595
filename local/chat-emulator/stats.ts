/** The emulator's counters (what a test or `npm start` reports about a run). */
import { clone, type EmulatorResponse, type EmulatorStats } from './model';

function emptyStats(): EmulatorStats {
  return {
    requests: 0,
    creates: 0,
    deduplicated: 0,
    rejected429: 0,
    byStatus: {},
    faultsApplied: 0,
    dropped: 0,
    deprecatedThreadKeyParam: false,
    deprecatedThreadKeyParamCount: 0,
    byReplyOption: {},
    createsBySpace: {},
  };
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

export class StatsCounter {
  private counts = emptyStats();

  /** A request was answered with `response`. */
  answered(response: EmulatorResponse): void {
    this.counts.requests += 1;
    increment(this.counts.byStatus, String(response.status));
    if (response.drop) this.counts.dropped += 1;
  }

  created(space: string, replyOptionParam: string | undefined): void {
    this.counts.creates += 1;
    increment(this.counts.createsBySpace, space);
    increment(this.counts.byReplyOption, replyOptionParam ?? 'NONE');
  }

  deduplicated(): void {
    this.counts.deduplicated += 1;
  }

  rejectedByQuota(): void {
    this.counts.rejected429 += 1;
  }

  faultApplied(): void {
    this.counts.faultsApplied += 1;
  }

  deprecatedThreadKeyParam(): void {
    this.counts.deprecatedThreadKeyParam = true;
    this.counts.deprecatedThreadKeyParamCount += 1;
  }

  snapshot(): EmulatorStats {
    return clone(this.counts);
  }

  reset(): void {
    this.counts = emptyStats();
  }
}
