/**
 * Clocks for the local Apps Script runtime.
 *
 * The runtime never reads the host clock directly: `Date.now()`, `new Date()`,
 * `Utilities.sleep`, fetch latency and lock waits all go through a
 * RuntimeClock, so tests can run on a FakeClock and `npm start` on a RealClock.
 */

export interface RuntimeClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Blocks (RealClock) or advances (FakeClock) for `ms` milliseconds. */
  sleep(ms: number): void;
}

/** A manual clock: time only moves through sleep() and advance(). */
export class FakeClock implements RuntimeClock {
  private current: number;

  /** @param start epoch milliseconds; defaults to 2024-01-15T09:00:00Z. */
  constructor(start: number = Date.UTC(2024, 0, 15, 9, 0, 0)) {
    if (!Number.isFinite(start)) throw new Error(`FakeClock: invalid start time ${start}`);
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number): void {
    this.advance(ms);
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`FakeClock: cannot advance by ${ms} ms`);
    this.current += ms;
  }
}

/** The host clock; sleep() blocks the thread without spinning. */
export class RealClock implements RuntimeClock {
  private readonly cell = new Int32Array(new SharedArrayBuffer(4));

  now(): number {
    return Date.now();
  }

  sleep(ms: number): void {
    if (!(ms > 0)) return;
    // Nobody ever notifies this cell, so the wait always runs to its timeout.
    Atomics.wait(this.cell, 0, 0, ms);
  }
}
