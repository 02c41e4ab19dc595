/**
 * What runs remember of each other, in one Script Property (CHAT_RELAY_STATE,
 * JSON, kept well under the 9 KB a value may hold): how long the last trigger
 * runs took, which alerts went out today, and since when runs have been
 * leaving rows PENDING. Read with every other property in the run's one
 * getProperties(), written with one setProperty() at the end of a run, and
 * only when worth it (see worthWriting), so an idle run usually writes nothing.
 *
 * Runs write it one after the other under the script lock, from what they read
 * when they started; two runs that overlap (one refused before the lock) may
 * lose one's update. Nothing depends on it being complete: a lost duration is
 * one sample fewer, and an alert sent twice carries the same requestId, so
 * Chat returns the first message instead of posting a second.
 */

export const STATE_PROPERTY = 'CHAT_RELAY_STATE';
/** Runs kept in the rolling record. */
export const MAX_RUNS = 24;
/** The most the property's value may hold (Apps Script allows 9 KB). */
export const MAX_STATE_CHARS = 8000;
/** A record with fewer runs takes every run. */
const MIN_RUNS = 5;
/** A run within this share of the mean (or MIN_SPREAD_MS) adds nothing worth a write… */
const SPREAD = 0.25;
const MIN_SPREAD_MS = 500;
/** …unless the newest run recorded is older than this. */
const REFRESH_MS = 15 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface RunSample {
  /** When the run ended, epoch ms (kept to the second). */
  at: number;
  /** How long it took, from the start of its execution. */
  ms: number;
}

export interface RelayState {
  /** The last trigger runs recorded, oldest first, at most MAX_RUNS. */
  runs: RunSample[];
  /** Each problem alerted about (see alerts.ts), with the day (dayOf) it last was. */
  alerts: { [problem: string]: number };
  /** Epoch ms of the first of the trigger runs, in a row, that left rows PENDING; null: none. */
  stuckSince: number | null;
}

/** The stored JSON: short keys. */
interface Stored {
  r?: unknown;
  a?: unknown;
  s?: unknown;
}

export function emptyState(): RelayState {
  return { runs: [], alerts: {}, stuckSince: null };
}

/** The day (UTC) of an instant, as a number of days: alerts are sent once per problem per day. */
export function dayOf(now: number): number {
  return Math.floor(now / DAY_MS);
}

const isCount = (v: unknown): v is number => typeof v === 'number' && isFinite(v) && v >= 0;

function runsOf(value: unknown): RunSample[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((r): r is [number, number] => Array.isArray(r) && isCount(r[0]) && isCount(r[1]))
    .map((r) => ({ at: r[0] * 1000, ms: r[1] }))
    .slice(-MAX_RUNS);
}

function alertsOf(value: unknown): RelayState['alerts'] {
  const alerts: RelayState['alerts'] = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return alerts;
  Object.keys(value).forEach((k) => {
    const day = (value as { [k: string]: unknown })[k];
    if (isCount(day)) alerts[k] = day;
  });
  return alerts;
}

/** The state in the property's value; anything unreadable is forgotten, never an error. */
export function parseState(raw: string | null): RelayState {
  if (!raw) return emptyState();
  let stored: Stored;
  try {
    stored = JSON.parse(raw) as Stored;
  } catch {
    return emptyState();
  }
  if (typeof stored !== 'object' || stored === null) return emptyState();
  return {
    runs: runsOf(stored.r),
    alerts: alertsOf(stored.a),
    stuckSince: isCount(stored.s) ? stored.s : null,
  };
}

function stored(state: RelayState): Stored {
  const out: Stored = { r: state.runs.map((r) => [Math.round(r.at / 1000), Math.round(r.ms)]) };
  if (Object.keys(state.alerts).length) out.a = state.alerts;
  if (state.stuckSince !== null) out.s = state.stuckSince;
  return out;
}

/**
 * The property's value: compact JSON of at most MAX_STATE_CHARS. Should it
 * grow past that (hundreds of problems alerted at once), the alerts of the
 * oldest days go first, then runs.
 */
export function serializeState(state: RelayState): string {
  const out = stored(state);
  let text = JSON.stringify(out);
  const alerts = { ...state.alerts };
  const keys = Object.keys(alerts).sort((a, b) => alerts[a] - alerts[b]);
  while (text.length > MAX_STATE_CHARS && keys.length) {
    delete alerts[keys.shift() as string];
    out.a = alerts;
    text = JSON.stringify(out);
  }
  const runs = (out.r as unknown[]).slice();
  while (text.length > MAX_STATE_CHARS && runs.length) {
    runs.shift();
    out.r = runs;
    text = JSON.stringify(out);
  }
  return text;
}

/** The state with one more run, the oldest dropped past MAX_RUNS. */
export function withRun(state: RelayState, sample: RunSample): RelayState {
  return { ...state, runs: state.runs.concat([sample]).slice(-MAX_RUNS) };
}

/** Mean seconds per run over the record; null when it holds none. */
export function secondsPerRun(state: RelayState): number | null {
  if (!state.runs.length) return null;
  return state.runs.reduce((sum, r) => sum + r.ms, 0) / state.runs.length / 1000;
}

/** Only today's alerts are worth keeping. */
export function forgetOldAlerts(state: RelayState, today: number): RelayState {
  const alerts: RelayState['alerts'] = {};
  Object.keys(state.alerts).forEach((k) => {
    if (state.alerts[k] === today) alerts[k] = state.alerts[k];
  });
  return { ...state, alerts };
}

function sameAlerts(a: RelayState['alerts'], b: RelayState['alerts']): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/**
 * Whether `after` is worth a property write over `before` (what the run
 * read): always when an alert or stuckSince changed; for a new run's sample,
 * while the record is short, when the run's time differs from the mean by
 * more than a quarter (and half a second), or when the newest sample is 15
 * minutes old. A skipped sample is close to the mean, so the mean stays
 * right; an idle schedule every minute writes about four times an hour.
 */
export function worthWriting(
  before: RelayState,
  after: RelayState,
  sample: RunSample | null,
): boolean {
  if (before.stuckSince !== after.stuckSince || !sameAlerts(before.alerts, after.alerts))
    return true;
  if (!sample) return false;
  if (before.runs.length < MIN_RUNS) return true;
  const newest = before.runs[before.runs.length - 1];
  if (sample.at - newest.at >= REFRESH_MS) return true;
  const mean = (secondsPerRun(before) as number) * 1000;
  return Math.abs(sample.ms - mean) > Math.max(mean * SPREAD, MIN_SPREAD_MS);
}
