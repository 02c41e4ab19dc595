/**
 * The daily trigger budget: Apps Script caps the total runtime of one user's
 * triggers per day (6 hours on Google Workspace, 90 minutes on a consumer
 * account); once spent, every trigger of that user fails until the quota
 * resets, form-submit included. From the measured time per run and the
 * schedule's period, what the schedule costs a day, in words.
 */
import { SCHEDULE_MINUTES } from '../../config/settings';

/** The Workspace cap on a user's total trigger runtime per day, in hours (webhooks need Workspace). */
export const DAILY_CAP_HOURS = 6;
/** The same cap on a consumer account, in minutes. */
export const CONSUMER_CAP_MINUTES = 90;

export interface BudgetProjection {
  /** The period the projection is for, in minutes. */
  minutes: number;
  /** Mean measured time per run; null before any run was measured. */
  secondsPerRun: number | null;
  runsMeasured: number;
  /** What the schedule costs a day at that pace; null when not measured. */
  hoursPerDay: number | null;
  /** Over half the cap. */
  warn: boolean;
  /** Over the cap: the triggers would stop before the day is out. */
  over: boolean;
  /** The smallest period that keeps under half the cap, when this one does not (30 when none does). */
  suggestedMinutes: number | null;
  /** One or two sentences, e.g. "About 40 s a run, every minute: ~16 h a day, over …". */
  text: string;
}

const CAP_NOTE = `Apps Script allows a user's triggers ${DAILY_CAP_HOURS} h a day on Google Workspace (${CONSUMER_CAP_MINUTES} min on a consumer account); once spent, every trigger fails until the next day, form submissions included.`;

/** Hours a day that runs of `seconds` every `minutes` take. */
export function hoursPerDay(seconds: number, minutes: number): number {
  return (seconds * ((24 * 60) / minutes)) / 3600;
}

/** 0.25 → "0.3", 2 → "2", 2.46 → "2.5", 16.2 → "16". */
function roughly(value: number): string {
  if (value >= 10) return String(Math.round(value));
  const tenths = Math.round(value * 10) / 10;
  return String(tenths);
}

function perRun(seconds: number): string {
  return seconds < 0.05 ? 'Under 0.1 s a run' : `About ${roughly(seconds)} s a run`;
}

function perDay(hours: number): string {
  if (hours >= 1) return `~${roughly(hours)} h a day`;
  const minutes = Math.round(hours * 60);
  return minutes < 1 ? 'under a minute a day' : `~${minutes} min a day`;
}

function every(minutes: number): string {
  return minutes === 1 ? 'every minute' : `every ${minutes} minutes`;
}

/** The smallest schedule period at which runs of `seconds` keep under half the cap; null if none. */
export function periodUnderHalf(seconds: number): number | null {
  const fits = SCHEDULE_MINUTES.filter((m) => hoursPerDay(seconds, m) <= DAILY_CAP_HOURS / 2);
  return fits.length ? fits[0] : null;
}

function advice(seconds: number, minutes: number): { suggested: number; text: string } {
  const fit = periodUnderHalf(seconds);
  if (fit !== null) return { suggested: fit, text: `Choose ${fit} minutes or more.` };
  const longest = SCHEDULE_MINUTES[SCHEDULE_MINUTES.length - 1];
  if (minutes === longest)
    return {
      suggested: longest,
      text: 'Runs this long usually mean a backlog: they shorten as it is sent.',
    };
  return {
    suggested: longest,
    text: `Choose ${longest} minutes (even then ${perDay(hoursPerDay(seconds, longest))}).`,
  };
}

/**
 * What a schedule of `minutes` costs a day when runs take `secondsPerRun`
 * (null: not measured yet), against the 6 h cap; warns over half of it and
 * suggests the smallest period that keeps under half.
 */
export function projectBudget(
  secondsPerRun: number | null,
  runsMeasured: number,
  minutes: number,
): BudgetProjection {
  const base = { minutes, secondsPerRun, runsMeasured };
  if (secondsPerRun === null || runsMeasured === 0) {
    return {
      ...base,
      secondsPerRun: null,
      hoursPerDay: null,
      warn: false,
      over: false,
      suggestedMinutes: null,
      text: 'Time per run: not measured yet (it is measured from the first runs of the triggers).',
    };
  }
  const hours = hoursPerDay(secondsPerRun, minutes);
  const over = hours > DAILY_CAP_HOURS;
  const warn = hours > DAILY_CAP_HOURS / 2;
  const head = `${perRun(secondsPerRun)}, ${every(minutes)}: ${perDay(hours)}`;
  if (!warn) {
    return {
      ...base,
      hoursPerDay: hours,
      warn,
      over,
      suggestedMinutes: null,
      text: `${head}, within Apps Script's ${DAILY_CAP_HOURS} h daily cap for triggers.`,
    };
  }
  const { suggested, text } = advice(secondsPerRun, minutes);
  const where = over
    ? `over Apps Script's ${DAILY_CAP_HOURS} h cap`
    : `over half of Apps Script's ${DAILY_CAP_HOURS} h cap`;
  return {
    ...base,
    hoursPerDay: hours,
    warn,
    over,
    suggestedMinutes: suggested,
    text: `${head}, ${where}. ${text} ${CAP_NOTE}`,
  };
}
