/**
 * Sending the digests that are due (config/digests.ts), first in a run, with
 * the run's Chat client (its pace per space) and time budget. When each is due
 * and what is remembered of it: digest-schedule.ts; its message:
 * compose/digest.ts.
 *
 * Exactly once per day, whatever stops a run: the digests due are written
 * ahead in CHAT_RELAY_DIGESTS (that day, their requestId, "sending") before
 * any is sent, then marked done once Chat has them. A run stopped in between
 * leaves them "sending": the next run that day sends them again with the same
 * requestId, and Chat returns the message it already created. The run makes
 * one write ahead and one write after, whatever the number of digests.
 *
 * Cheap when idle: whether a digest is due needs only the clock, the state
 * and the time zone, which the state keeps as last read; the spreadsheet is
 * asked for its time zone only when a digest may be due (or was never asked),
 * and then for its IDs and URL only when one is.
 */
import { ChatClient, SendRequest, SendResult } from '../chat/client';
import { ChatMessage } from '../chat/message-types';
import { threadUrl } from '../chat/thread-link';
import { WebhookUrl } from '../chat/webhook-url';
import { Clock, SpreadsheetTimeZone } from '../ports';
import { MAX_DIGEST_ROWS, composeDigest, matchCount } from './compose/digest';
import { titleOf } from './compose/template';
import {
  DigestEntry,
  DigestState,
  NextDigest,
  DigestDay,
  dayInWords,
  digestKey,
  digestDayAt,
  digestRequestId,
  digestThreadKey,
  dueToday,
  isDue,
  nextDue,
  readDigestState,
  wallOfDay,
  writeDigestState,
} from './digest-schedule';
import { SheetIdentity } from './ids';
import { SheetPlace, rowLink } from './message-context';
import { refusesWebhook } from './outcome';
import { notFoundNote } from './people';
import { RowReader, rowReader } from './rows';
import { BoundDigest, SheetRules } from './rules';
import { RunReport } from './summary';
import { Table } from './table';

export { DIGEST_STATE_PROPERTY } from './digest-schedule';

/** What digests need of the world beyond the run's client, clock and time zone. */
export interface DigestPorts {
  /** CHAT_RELAY_DIGESTS as the run's one read of the Script Properties found it (null: not set). */
  state: string | null;
  /** Writes CHAT_RELAY_DIGESTS. */
  writeState(text: string): void;
  /**
   * The one place quiet hours hold digests: a digest held now is neither written ahead nor
   * sent, and stays due; the first run that day after it is no longer held posts it.
   */
  held?(sheet: string, digest: BoundDigest): boolean;
}

/** A followed table of the run, as digests see it (a TableRun of relay/run.ts is one). */
export interface DigestSheet {
  table: Table;
  rules: SheetRules;
  identity: SheetIdentity;
  /** The spreadsheet around it, for links; a table without one posts no digest. */
  place?: SheetPlace;
  selection: { kind: string };
}

/** What a run hands its digests (RelayDeps of relay/run.ts is one). */
export interface DigestDeps {
  client: ChatClient;
  clock: Clock;
  /** The spreadsheet's time zone: its name asked only when a digest may be due. */
  timeZone: SpreadsheetTimeZone;
  webhook(name: string): { ok: true; url: WebhookUrl } | { ok: false; reason: string };
  digests?: DigestPorts;
}

/** A digest of a sheet, and where it stands in the state. */
interface Candidate {
  index: number;
  sheet: DigestSheet & { place: SheetPlace };
  digest: BoundDigest;
  key: string;
}

/** A digest due in this run: its message, where it goes, its entry for the day. */
interface Job extends Candidate {
  message: ChatMessage;
  webhook: WebhookUrl;
  entry: DigestEntry;
}

/** The wall clock the run goes by, the time zone it was read in, and the digests due. */
interface Timing {
  tz: string;
  wall: DigestDay;
  due: Candidate[];
  /** The state's time zone is not `tz`: it is written even with no digest due. */
  tzChanged: boolean;
}

function candidatesOf(sheets: DigestSheet[]): Candidate[] {
  const out: Candidate[] = [];
  sheets.forEach((sheet, index) => {
    const place = sheet.place;
    if (!place) return;
    sheet.rules.digests.forEach((digest) =>
      out.push({
        index,
        sheet: { ...sheet, place },
        digest,
        key: digestKey(sheet.table.name, digest.name),
      }),
    );
  });
  return out;
}

/**
 * The digests due now. The time zone is the one the state keeps; the spreadsheet is asked for
 * it only when a digest looks due by it (then its answer decides), or when the state has none.
 */
function timing(
  all: Candidate[],
  state: DigestState,
  zone: SpreadsheetTimeZone,
  now: number,
): Timing | null {
  const dueAt = (wall: DigestDay) => all.filter((c) => isDue(c.digest, wall, state.entries[c.key]));
  const kept = state.tz;
  const tz = kept !== null ? kept : zone.name();
  const wall = digestDayAt(zone, now, tz);
  if (!wall) return null;
  const due = dueAt(wall);
  if (kept === null || !due.length) return { tz, wall, due, tzChanged: kept === null };
  const real = zone.name();
  if (real === tz) return { tz, wall, due, tzChanged: false };
  const moved = digestDayAt(zone, now, real);
  return moved ? { tz: real, wall: moved, due: dueAt(moved), tzChanged: true } : null;
}

/** The rows a digest lists: how many match, and the first MAX_DIGEST_ROWS of them. */
export function matchingRows(table: Table, reader: RowReader, digest: BoundDigest) {
  let total = 0;
  const first: number[] = [];
  table.rows.forEach((cells, position) => {
    if (reader.isBlank(cells) || !digest.lists(reader.conditionRow(position))) return;
    total++;
    if (first.length < MAX_DIGEST_ROWS) first.push(position);
  });
  return { total, first };
}

/** A row's line: its title as its own messages have it, its link, its thread's link. */
function lineOf(sheet: DigestSheet & { place: SheetPlace }, reader: RowReader, position: number) {
  const { table, rules, place } = sheet;
  const values = reader.values(position);
  const title = titleOf({
    key: { label: table.keyColumn.label, value: values.key },
    allFields: values.fields,
    rowNumber: table.firstDataRow + position,
    title: rules.title,
    placeholder: (name) => values.valueOf(rules.placeholderLabel(name)),
    sheet: table.name,
    get spreadsheet() {
      return place.spreadsheetName;
    },
  });
  const thread = threadUrl(reader.shown(table.rows[position], 'thread'));
  return { title, rowLink: rowLink(place, table, position), threadLink: thread };
}

/** The digest's message on the wall clock's day; null when nothing matches and it skips. */
export function digestMessage(
  sheet: DigestSheet & { place: SheetPlace },
  digest: BoundDigest,
  wall: DigestDay,
): { message: ChatMessage | null; total: number } {
  const reader = rowReader(sheet.table);
  const rows = matchingRows(sheet.table, reader, digest);
  if (!rows.total && digest.ifEmpty === 'skip') return { message: null, total: 0 };
  const url = sheet.place.spreadsheetUrl;
  const who = digest.whom(rows.first.map((p) => reader.conditionRow(p)));
  const message = composeDigest({
    format: sheet.rules.format,
    name: digest.name,
    sheet: sheet.table.name,
    date: dayInWords(wall.day, wall.weekday),
    total: rows.total,
    lines: rows.first.map((p) => lineOf(sheet, reader, p)),
    sheetLink: url ? `${url.split('#')[0]}#gid=${sheet.place.sheetId}` : null,
    mentions: who.mentions,
    mentionNote:
      who.unreadable !== null
        ? `Not pinged: the people directory cannot be read (${who.unreadable})`
        : notFoundNote(who.notFound),
    threadKey: digestThreadKey(sheet.identity, digest.name, wall.day),
  });
  return { message, total: rows.total };
}

/**
 * Today's entry of a candidate: its own, or (its sheet renamed since) the one written under the
 * sheet's former name, found by its requestId; null when today's is done already.
 */
function entryToday(c: Candidate, state: DigestState, day: string): DigestEntry | null {
  const own = state.entries[c.key];
  if (own && own.day === day) return { ...own };
  const requestId = digestRequestId(c.sheet.identity, c.digest.name, day);
  const keys = Object.keys(state.entries);
  const renamed = keys.filter((k) => state.entries[k].requestId === requestId)[0];
  if (renamed === undefined) return { day, requestId, status: 'sending' };
  state.entries[c.key] = state.entries[renamed];
  delete state.entries[renamed];
  return state.entries[c.key].status === 'sending' ? { ...state.entries[c.key] } : null;
}

function noteBroken(report: RunReport, webhook: string, reason: string): void {
  if (!report.broken.some((b) => b.webhook === webhook))
    report.broken.push({ webhook, message: reason });
}

/**
 * The day a due digest is posted as: today's, or (today's not due) the day quiet hours held
 * it on, which the first run after them posts as that day's, with that day's requestId.
 */
function dayOf(c: Candidate, state: DigestState, wall: DigestDay): DigestDay {
  const own = state.entries[c.key];
  const late = own && own.status === 'held' && !dueToday(c.digest, wall, own);
  return late ? wallOfDay(own.day) : wall;
}

/**
 * A digest due while its sheet is quiet: written as held for its day (a held day's replaced by
 * today's), so that the first run after quiet hours posts it, then or on a later day.
 */
function hold(c: Candidate, state: DigestState, day: string, report: RunReport): void {
  const requestId = digestRequestId(c.sheet.identity, c.digest.name, day);
  state.entries[c.key] = { day, requestId, status: 'held' };
  report.sheets[c.index].digestsHeld++;
}

/** The jobs of the digests due (their entries set "sending"); those that skip are set done. */
function prepare(
  timing: Timing,
  state: DigestState,
  deps: DigestDeps & { digests: DigestPorts },
  report: RunReport,
): Job[] {
  const jobs: Job[] = [];
  timing.due.forEach((c) => {
    const wall = dayOf(c, state, timing.wall);
    if (deps.digests.held && deps.digests.held(c.sheet.table.name, c.digest))
      return hold(c, state, wall.day, report);
    const entry = entryToday(c, state, wall.day);
    if (!entry) return;
    const hook = deps.webhook(c.digest.webhook);
    if (!hook.ok) {
      noteBroken(report, c.digest.webhook, hook.reason);
      report.sheets[c.index].digestsLeft++;
      return;
    }
    const { message } = digestMessage(c.sheet, c.digest, wall);
    // A held digest stays held (owed, whatever the day) until Chat has it.
    const owed = entry.status === 'held' ? 'held' : 'sending';
    state.entries[c.key] = { ...entry, status: message ? owed : 'done' };
    if (message) jobs.push({ ...c, message, webhook: hook.url, entry: state.entries[c.key] });
  });
  return jobs;
}

/**
 * Records what Chat answered for a job; false stops what is left for its space. A digest that
 * Chat failed for now, or whose webhook it refuses, stays "sending", for the next run that day.
 */
function record(job: Job, result: SendResult, report: RunReport): boolean {
  const summary = report.sheets[job.index];
  if (result.ok) {
    job.entry.status = 'done';
    summary.digests++;
    return true;
  }
  if (refusesWebhook(result)) {
    if (!report.refused.some((r) => r.webhook === job.digest.webhook))
      report.refused.push({ webhook: job.digest.webhook, message: result.message });
    return false;
  }
  if (result.kind === 'transient') return false;
  job.entry.status = 'refused';
  summary.digestsFailed++;
  return true;
}

/**
 * Sends the digests due now, before the rows of the run: written ahead, sent (several spaces
 * at once, each at its pace), then recorded. Only a run over every followed sheet's due rows
 * sends digests (not "Send selected rows" nor "Mark all rows as sent").
 */
export function sendDigests(
  sheets: DigestSheet[],
  deps: DigestDeps,
  deadline: number,
  report: RunReport,
): void {
  const ports = deps.digests;
  if (!ports || !sheets.every((s) => s.selection.kind === 'due')) return;
  const all = candidatesOf(sheets);
  if (!all.length) return;
  const state = readDigestState(ports.state);
  const when = timing(all, state, deps.timeZone, deps.clock.now());
  if (!when) return;
  const before = writeDigestState(state, when.wall.day);
  state.tz = when.tz;
  const jobs = prepare(when, state, { ...deps, digests: ports }, report);
  const ahead = writeDigestState(state, when.wall.day);
  if (ahead !== before || when.tzChanged) ports.writeState(ahead);
  if (!jobs.length) return;
  const requests: SendRequest[] = jobs.map((j) => ({
    webhook: j.webhook,
    message: j.message,
    options: { requestId: j.entry.requestId, deadline },
  }));
  deps.client.sendAll(requests, (i, result) => record(jobs[i], result, report));
  jobs
    .filter((j) => j.entry.status === 'sending' || j.entry.status === 'held')
    .forEach((j) => report.sheets[j.index].digestsLeft++);
  const after = writeDigestState(state, when.wall.day);
  if (after !== ahead) ports.writeState(after);
}

/** A digest as the sidebar previews it: its message now, how many rows match, when it is next posted. */
export interface DigestPreview {
  /** The message as it would be posted now; null when nothing matches and it skips. */
  message: ChatMessage | null;
  /** `3 rows match`. */
  matching: string;
  webhook: string;
  next: NextDigest;
}

/**
 * The digest named `name` of a sheet as it would be posted now, and when it is next due
 * (read only: nothing is written or sent). Null when the sheet has no such digest, or the
 * wall clock cannot be read.
 */
export function previewDigest(
  sheet: DigestSheet & { place: SheetPlace },
  name: string,
  ports: Pick<DigestPorts, 'state'> & { timeZone: SpreadsheetTimeZone },
  now: number,
): DigestPreview | null {
  const digest = sheet.rules.digests.filter((d) => d.name.toLowerCase() === name.toLowerCase())[0];
  const wall = digestDayAt(ports.timeZone, now, ports.timeZone.name());
  if (!digest || !wall) return null;
  const state = readDigestState(ports.state);
  const entry = state.entries[digestKey(sheet.table.name, digest.name)];
  const built = digestMessage(sheet, digest, wall);
  return {
    message: built.message,
    matching: matchCount(built.total),
    webhook: digest.webhook,
    next: nextDue(digest, wall, entry),
  };
}
