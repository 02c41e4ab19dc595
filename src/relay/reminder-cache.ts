/**
 * What keeps an idle run cheap with reminders configured: per followed
 * sheet, a fingerprint of which rows' reminder rules held (each such row by
 * its Chat Thread and the ids of the rules that held) and the earliest time
 * any of their reminders is due, kept in one Script Property.
 *
 * A run whose rows give the same fingerprint before that time has nothing
 * to do for reminders and reads no ledger: every clock it would read is as
 * the run that wrote the entry left it. Anything else (a rule that starts or
 * stops holding for a row, a row posted or deleted, the rules changed, a
 * reminder due, no entry) makes the run read the ledgers it needs. The entry
 * is only a shortcut: the clocks live in the rows' ledgers, an entry that is
 * lost or damaged costs one read, and a run that stops early drops its
 * sheets' entries, so that the next run reads again.
 */
import { hashHex } from './hash';

/** The Script Property holding the entries, as JSON: {"<sheet>": {"s": fingerprint, "d": due or null}}. */
export const REMINDER_CACHE_PROPERTY = 'CHAT_RELAY_REMINDER_CACHE';

/** One sheet's entry. */
export interface CacheEntry {
  /** The fingerprint of the rows whose rules held (see signature). */
  sig: string;
  /** The earliest time a reminder of those rows is due (epoch ms); null: none ever is. */
  due: number | null;
}

export type CacheEntries = { [sheet: string]: CacheEntry };

/** Where the entries are kept: the run's snapshot of Script Properties, and one write. */
export interface ReminderCacheStore {
  /** The property's value as the run read it (null: not set). */
  read(): string | null;
  /** Replaces the property's value (one write, at the end of a run). */
  write(value: string): void;
}

/** The entries in the property's value; {} when it holds none (not set, damaged, not ours). */
export function parseCache(raw: string | null): CacheEntries {
  const out: CacheEntries = {};
  if (!raw) return out;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return out;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out;
  const all = value as { [sheet: string]: { s?: unknown; d?: unknown } };
  Object.keys(all).forEach((sheet) => {
    const e = all[sheet];
    if (!e || typeof e.s !== 'string') return;
    if (e.d === null || (typeof e.d === 'number' && isFinite(e.d)))
      out[sheet] = { sig: e.s, due: e.d as number | null };
  });
  return out;
}

export function serializeCache(entries: CacheEntries): string {
  const stored: { [sheet: string]: { s: string; d: number | null } } = {};
  Object.keys(entries)
    .sort()
    .forEach((sheet) => {
      stored[sheet] = { s: entries[sheet].sig, d: entries[sheet].due };
    });
  return JSON.stringify(stored);
}

/**
 * The fingerprint of a sheet's rows whose rules hold: the rules themselves (id and timing), and
 * one line per such row (its Chat Thread and the ids of its rules that hold), in any order.
 */
export function signature(rules: string, rows: string[]): string {
  return hashHex(`${rules}\n${rows.slice().sort().join('\n')}`);
}

/** Whether the entry says a run at `now` with this fingerprint has nothing to do for reminders. */
export function nothingDue(entry: CacheEntry | undefined, sig: string, now: number): boolean {
  return !!entry && entry.sig === sig && (entry.due === null || now < entry.due);
}
