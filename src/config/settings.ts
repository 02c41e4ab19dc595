/**
 * CHAT_RELAY_CONFIG: the optional JSON object of relay settings.
 * Every problem is reported with the key and the offending value's type, so
 * an admin can fix the property without guessing.
 */
import { Result, err, ok } from '../result';

export const CONFIG_PROPERTY = 'CHAT_RELAY_CONFIG';

export const SCHEDULE_MINUTES = [1, 5, 10, 15, 30] as const;
export type ScheduleMinutes = (typeof SCHEDULE_MINUTES)[number];

export interface RelaySettings {
  /** The sheet to relay; null: the form's sheet, else the first sheet. */
  sheet: string | null;
  /** The header text of the row-key column; null: the first column. */
  keyColumn: string | null;
  /** 1-based row that holds the headers. */
  headerRow: number;
  /** Period of the time-driven trigger. */
  scheduleMinutes: ScheduleMinutes;
}

export const DEFAULT_SETTINGS: RelaySettings = {
  sheet: null,
  keyColumn: null,
  headerRow: 1,
  scheduleMinutes: 5,
};

type Validator = (value: unknown) => string | null;

const nonEmptyString: Validator = (value) =>
  typeof value === 'string' && value.trim() !== '' ? null : 'must be a non-empty string';

const VALIDATORS: { [K in keyof RelaySettings]: Validator } = {
  sheet: nonEmptyString,
  keyColumn: nonEmptyString,
  headerRow: (value) =>
    typeof value === 'number' && Number.isInteger(value) && value >= 1
      ? null
      : 'must be a whole number of 1 or more',
  scheduleMinutes: (value) =>
    (SCHEDULE_MINUTES as readonly unknown[]).indexOf(value) >= 0
      ? null
      : `must be one of ${SCHEDULE_MINUTES.join(', ')}`,
};

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 40 ? value.slice(0, 40) + '…' : value}"`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** Parses the property's raw text; null or blank means all defaults. */
export function parseSettings(raw: string | null): Result<RelaySettings, string[]> {
  if (raw === null || raw.trim() === '') return ok({ ...DEFAULT_SETTINGS });
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (e) {
    return err([`${CONFIG_PROPERTY} is not valid JSON: ${(e as Error).message}`]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return err([`${CONFIG_PROPERTY} must be a JSON object, not ${describe(parsed)}`]);
  }
  const problems: string[] = [];
  const settings: RelaySettings = { ...DEFAULT_SETTINGS };
  const known = Object.keys(VALIDATORS);
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (known.indexOf(key) < 0) {
      problems.push(
        `${CONFIG_PROPERTY} has an unknown key "${key}" (known keys: ${known.join(', ')})`,
      );
      continue;
    }
    const problem = VALIDATORS[key as keyof RelaySettings](value);
    if (problem) {
      problems.push(`${CONFIG_PROPERTY} key "${key}" ${problem}, not ${describe(value)}`);
      continue;
    }
    (settings as unknown as Record<string, unknown>)[key] =
      typeof value === 'string' ? value.trim() : value;
  }
  return problems.length ? err(problems) : ok(settings);
}
