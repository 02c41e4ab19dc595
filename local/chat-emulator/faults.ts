/** Injected faults: validated when queued, taken by the next matching request(s). */
import { spaceId, type Fault } from './model';

interface ActiveFault extends Fault {
  remaining: number;
}

function validate(fault: Fault): void {
  if (fault.status !== undefined && !(Number.isInteger(fault.status) && fault.status >= 400)) {
    throw new Error(`Fault status must be an HTTP error status (>= 400), got ${fault.status}`);
  }
  if (fault.drop !== undefined && fault.drop !== 'before-commit' && fault.drop !== 'after-commit') {
    throw new Error(`Fault drop must be 'before-commit' or 'after-commit', got ${fault.drop}`);
  }
  if (fault.latencyMs !== undefined && !(fault.latencyMs >= 0)) {
    throw new Error(`Fault latencyMs must be >= 0, got ${fault.latencyMs}`);
  }
  if (fault.status !== undefined && fault.drop !== undefined) {
    throw new Error('A fault has either a status or a drop, not both');
  }
  const times = fault.times ?? 1;
  if (!(times >= 1)) throw new Error(`Fault times must be >= 1, got ${fault.times}`);
}

export class FaultQueue {
  private faults: ActiveFault[] = [];

  /** Queues a fault for the next matching request(s); throws on an invalid one. */
  inject(fault: Fault): void {
    validate(fault);
    this.faults.push({
      ...fault,
      ...(fault.space !== undefined ? { space: spaceId(fault.space) } : {}),
      remaining: fault.times ?? 1,
    });
  }

  /** The first fault matching a request to `space`, counted as used. */
  take(space: string): Fault | undefined {
    const index = this.faults.findIndex((f) => f.space === undefined || f.space === space);
    if (index === -1) return undefined;
    const fault = this.faults[index];
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault;
  }

  clear(): void {
    this.faults = [];
  }

  /** Pending faults, each with the number of requests it still applies to. */
  pending(): Fault[] {
    return this.faults.map(({ remaining, ...fault }) => ({ ...fault, times: remaining }));
  }
}
