/**
 * The `digests` key (per sheet): messages that list the sheet's rows matching
 * a condition, once a day at a time of day, in the spreadsheet's time zone.
 *
 *   "digests": [{"name": "Open this morning", "at": "09:00", "days": ["mon", "tue"],
 *                "when": {"column": "Status", "notEquals": "Done"}, "webhook": "OPS",
 *                "mention": "all", "ifEmpty": "skip"}]
 *
 * Only the shape is checked here; the columns `when` names are checked
 * against the sheet when it is opened (relay/rules.ts), and the webhook NAME
 * against the Script Properties (config.ts).
 */
import { Condition, parseConditions } from './conditions';
import { ConfigProblem, configProblem, describeValue, joinPath } from './problems';
import type { MentionTargets } from './sheet-settings';
import { WEEKDAYS } from './clock';
import { isObject } from './json';

export const IF_EMPTY = ['skip', 'post'] as const;
export type IfEmpty = (typeof IF_EMPTY)[number];

/** At most this many digests per sheet (their state shares one 9 KB Script Property). */
export const MAX_DIGESTS = 5;
/** A digest's name heads its message: one short line. */
export const MAX_DIGEST_NAME_CHARS = 100;

const DIGEST_KEYS = ['name', 'at', 'days', 'when', 'webhook', 'mention', 'ifEmpty'];
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

export interface Digest {
  name: string;
  /** Minutes after midnight, in the spreadsheet's time zone. */
  at: number;
  /** The ISO days of the week it is posted on: 1 (Monday) to 7 (Sunday). */
  days: number[];
  /** The rows it lists; null: every row. */
  when: Condition[] | null;
  /** The webhook NAME it goes to; null: the sheet's webhook (routes do not apply). */
  webhook: string | null;
  /** Whom it pings, as `mentions` takes them: "all", "users/<numeric id>", and `{{Column}}` entries. */
  mention: MentionTargets;
  ifEmpty: IfEmpty;
  /** `digests[0]` or `sheets[1].digests[0]`, for error messages. */
  path: string;
}

type Parse<T> = (value: unknown, path: string, problems: ConfigProblem[]) => T | null;

/** The parsers a digest shares with the other per-sheet keys (sheet-settings.ts owns them). */
export interface DigestParsers {
  webhook: Parse<string>;
  mention: Parse<MentionTargets>;
}

const AT = /^([01]?[0-9]|2[0-3]):([0-5][0-9])$/;

const parseAt: Parse<number> = (value, path, problems) => {
  const match = typeof value === 'string' ? AT.exec(value.trim()) : null;
  if (match) return Number(match[1]) * 60 + Number(match[2]);
  problems.push(
    configProblem(
      path,
      `must be a time of day "HH:MM" from "00:00" to "23:59", not ${describeValue(value)}`,
    ),
  );
  return null;
};

const parseDays: Parse<number[]> = (value, path, problems) => {
  const list = Array.isArray(value) ? value : [value];
  const day = (d: unknown) =>
    typeof d === 'string' ? (WEEKDAYS as readonly string[]).indexOf(d.trim().toLowerCase()) : -1;
  const bad = list.filter((d) => day(d) < 0);
  if (!list.length || bad.length) {
    problems.push(
      configProblem(
        path,
        `must be days of the week among ${WEEKDAYS.map((d) => `"${d}"`).join(', ')}, not ${describeValue(bad.length ? bad[0] : value)}`,
      ),
    );
    return null;
  }
  const days = list.map((d) => day(d) + 1);
  return EVERY_DAY.filter((d) => days.indexOf(d) >= 0);
};

const parseIfEmpty: Parse<IfEmpty> = (value, path, problems) => {
  if ((IF_EMPTY as readonly unknown[]).indexOf(value) >= 0) return value as IfEmpty;
  problems.push(configProblem(path, `must be "skip" or "post", not ${describeValue(value)}`));
  return null;
};

const parseName: Parse<string> = (value, path, problems) => {
  const name = typeof value === 'string' ? value.trim() : '';
  if (name !== '' && name.length <= MAX_DIGEST_NAME_CHARS) return name;
  problems.push(
    configProblem(
      path,
      `must be a name of 1 to ${MAX_DIGEST_NAME_CHARS} characters, not ${describeValue(value)}`,
    ),
  );
  return null;
};

/** Every key a digest may have, and no other; name and at are required. */
function knownKeys(value: { [key: string]: unknown }, path: string, problems: ConfigProblem[]) {
  Object.keys(value)
    .filter((k) => DIGEST_KEYS.indexOf(k) < 0)
    .forEach((k) =>
      problems.push(
        configProblem(path, `has an unknown key "${k}" (known keys: ${DIGEST_KEYS.join(', ')})`),
      ),
    );
  ['name', 'at'].forEach((k) => {
    if (!(k in value))
      problems.push(configProblem(joinPath(path, k), 'is missing: every digest has one'));
  });
}

function parseDigest(
  value: unknown,
  path: string,
  problems: ConfigProblem[],
  parsers: DigestParsers,
): Digest | null {
  if (!isObject(value)) {
    problems.push(
      configProblem(
        path,
        `must be a digest such as {"name": "Open this morning", "at": "09:00"}, not ${describeValue(value)}`,
      ),
    );
    return null;
  }
  const before = problems.length;
  knownKeys(value, path, problems);
  const at = (key: string) => joinPath(path, key);
  const optional = <T>(key: string, parse: Parse<T>, fallback: T): T | null =>
    key in value ? parse(value[key], at(key), problems) : fallback;
  const digest = {
    name: 'name' in value ? parseName(value.name, at('name'), problems) : null,
    at: 'at' in value ? parseAt(value.at, at('at'), problems) : null,
    days: optional('days', parseDays, EVERY_DAY),
    when: optional('when', parseConditions, null),
    webhook: optional('webhook', parsers.webhook, null),
    mention: optional<MentionTargets>('mention', parsers.mention, { mentions: [], columns: [] }),
    ifEmpty: optional<IfEmpty>('ifEmpty', parseIfEmpty, 'skip'),
    path,
  };
  return problems.length > before ? null : (digest as Digest);
}

/** Two digests of a sheet with one name (ignoring case): the later one is a problem. */
function uniqueNames(value: unknown[], path: string, problems: ConfigProblem[]): void {
  const seen: { [name: string]: string } = {};
  value.forEach((d, i) => {
    const name = isObject(d) && typeof d.name === 'string' ? d.name.trim() : '';
    const at = joinPath(path, i);
    if (name === '') return;
    if (seen[name.toLowerCase()])
      problems.push(
        configProblem(
          joinPath(at, 'name'),
          `is "${name}" again (already the name of ${seen[name.toLowerCase()]}): each digest of a sheet has its own name`,
        ),
      );
    else seen[name.toLowerCase()] = at;
  });
}

/** The `digests` key: an array of at most MAX_DIGESTS digests, each checked. */
export function parseDigests(
  value: unknown,
  path: string,
  problems: ConfigProblem[],
  parsers: DigestParsers,
): Digest[] | null {
  if (!Array.isArray(value) || value.length > MAX_DIGESTS) {
    problems.push(
      configProblem(
        path,
        `must be an array of at most ${MAX_DIGESTS} digests such as {"name": "Open this morning", "at": "09:00"}, not ${describeValue(value)}${Array.isArray(value) ? ` of ${value.length}` : ''}`,
      ),
    );
    return null;
  }
  const before = problems.length;
  const digests = value.map((d, i) => parseDigest(d, joinPath(path, i), problems, parsers));
  uniqueNames(value, path, problems);
  return problems.length > before ? null : (digests as Digest[]);
}
