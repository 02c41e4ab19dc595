/**
 * LockService's script lock. The runtime sets `currentExecution` for each
 * call; a lock held by another execution makes tryLock return false (after
 * waiting `timeoutInMillis` on the clock — a FakeClock advances) and waitLock
 * throw. Locks are released automatically when an execution ends.
 */
import type { RuntimeClock } from './clock';
import { exception } from './errors';

export const LOCK_API = ['tryLock', 'waitLock', 'hasLock', 'releaseLock'] as const;

/** Apps Script's maximum lock wait (5 minutes). */
const MAX_WAIT_MS = 300000;

export class LockServiceFake {
  /** The execution currently running (set by the runtime). */
  currentExecution = 'host';
  /** The execution holding the script lock, or null. */
  holder: string | null = null;
  private readonly scriptLock: LockFake;
  private otherCounter = 0;

  constructor(readonly clock?: RuntimeClock) {
    this.scriptLock = new LockFake(this);
  }

  getScriptLock(): LockFake {
    return this.scriptLock;
  }

  /**
   * Makes another (simulated, concurrent) execution hold the script lock.
   * Returns the function that releases it.
   */
  holdForOtherExecution(): () => void {
    if (this.holder !== null) throw new Error(`The script lock is already held by ${this.holder}`);
    const id = `other-execution-${++this.otherCounter}`;
    this.holder = id;
    return () => {
      if (this.holder === id) this.holder = null;
    };
  }

  /** Called by the runtime when an execution finishes: Apps Script releases its locks. */
  endExecution(execution: string): void {
    if (this.holder === execution) this.holder = null;
  }
}

export class LockFake {
  constructor(private readonly service: LockServiceFake) {}

  tryLock(timeoutInMillis: number): boolean {
    const s = this.service;
    if (s.holder === null || s.holder === s.currentExecution) {
      s.holder = s.currentExecution;
      return true;
    }
    const wait = Math.max(0, Math.min(Number(timeoutInMillis) || 0, MAX_WAIT_MS));
    s.clock?.sleep(wait);
    // Nothing runs concurrently in-process; only the simulated holder could
    // have released the lock, which a test can only do from another thread.
    if (s.holder === null) {
      s.holder = s.currentExecution;
      return true;
    }
    return false;
  }

  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) {
      throw exception('Lock timeout: another process was holding the lock for too long.');
    }
  }

  hasLock(): boolean {
    return this.service.holder === this.service.currentExecution;
  }

  releaseLock(): void {
    if (this.hasLock()) this.service.holder = null;
  }
}
