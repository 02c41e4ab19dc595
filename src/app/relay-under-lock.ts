/**
 * A relay run as every use case starts it: read the configuration once,
 * take the script lock, open every followed sheet, hand over to the relay,
 * flush and release. Only who is told what, and how long to wait for the
 * lock, depends on who started the run.
 */
import { createChatClient } from '../chat/client';
import { Configuration, webhookNamesUsed } from '../config/config';
import { ConfigProblem } from '../config/problems';
import { DEFAULT_WEBHOOK_NAME } from '../config/sheet-settings';
import { tableComposer } from '../relay/message-context';
import {
  DEFAULT_LIMITS,
  ResolvedWebhook,
  RunReport,
  Selection,
  TableRun,
  runRelay,
} from '../relay/run';
import { REMINDER_CACHE_PROPERTY, ReminderCacheStore } from '../relay/reminder-cache';
import { Table } from '../relay/table';
import { ConfiguredSheets, loadConfigured } from './configured-sheets';
import { FollowedSheet, OpenedSheet } from './followed-sheets';
import { AppSheet, SheetRange } from './ports';
import { Services, lazy } from './services';
import { TITLE, WORDS, describeReport, safe } from './wording';

/** The part of an installable form-submit event that the relay reads. */
export interface FormSubmitEvent {
  range?: SheetRange;
  values?: string[];
  namedValues?: { [question: string]: string[] };
}

export type Origin = 'menu' | 'scheduled' | 'formSubmit';

/** How long each kind of run waits for the script lock. */
export const LOCK_WAIT_MS: { [O in Origin]: number } = {
  /** A scheduled run that finds the lock taken leaves its work for the next run. */
  scheduled: 1000,
  /** A form submission waits a little: its row is otherwise sent by the next scheduled run. */
  formSubmit: 30000,
  /** A menu action tells the user another run is in progress. */
  menu: 5000,
};

export type RunOutcome =
  | { kind: 'done'; report: RunReport; followed: string[]; notes: string[] }
  | { kind: 'busy' }
  | { kind: 'misconfigured'; problems: string[] }
  /** The run was asked about a sheet it does not follow; nothing was sent. */
  | { kind: 'not-followed'; sheet: string; followed: string[] };

/** What the use case wants of a run. */
export interface RunRequest {
  origin: Origin;
  /**
   * services.clock.now() at the start of the execution, taken before any
   * dialog: the time a user spends answering one counts toward Apps Script's
   * limit too (it does not say otherwise), so the run's time budget starts here.
   */
  startedAt: number;
  /** The rows to send of each followed sheet; null leaves the sheet out of the run. */
  select: (table: Table, sheet: AppSheet) => Selection | null;
  /** A sheet the request is about (the selection's): the run refuses if it is not followed. */
  sheet?: AppSheet;
  onProgress?: (done: number, total: number) => void;
}

const misconfigured = (problems: ConfigProblem[]): RunOutcome => ({
  kind: 'misconfigured',
  problems: problems.map((p) => p.text),
});

/** How a run uses each webhook NAME: its URL, or why it cannot. */
export function resolver(configuration: Configuration): (name: string) => ResolvedWebhook {
  return (name) => {
    const found = configuration.webhook(name);
    if (found.ok) return { ok: true, url: found.hook.webhook };
    return { ok: false, reason: found.broken ? found.broken.problem.text : `no webhook "${name}"` };
  };
}

/** Every webhook the settings use is unusable: nothing can be sent, as with a bad configuration. */
function allWebhooksBroken(configuration: Configuration): string[] | null {
  const used = webhookNamesUsed(configuration.settings).map((u) => u.name);
  const broken = used.map((name) => configuration.webhook(name)).filter((w) => !w.ok);
  if (broken.length < used.length) return null;
  const problems: string[] = [];
  broken.forEach(
    (w) =>
      !w.ok &&
      w.broken &&
      problems.indexOf(w.broken.problem.text) < 0 &&
      problems.push(w.broken.problem.text),
  );
  return problems;
}

/** The reminders' shortcut for idle runs: read from the run's Script Properties, written once. */
function reminderCache(services: Services, configuration: Configuration): ReminderCacheStore {
  return {
    read: () => configuration.scriptProperty(REMINDER_CACHE_PROPERTY),
    write: (value) => services.properties().setProperty(REMINDER_CACHE_PROPERTY, value),
  };
}

/** What a run asks of the spreadsheet only when a row needs a message: read on first use. */
function lazyPlace(services: Services) {
  const spreadsheet = services.spreadsheet();
  return {
    id: lazy(() => spreadsheet.getId()),
    name: lazy(() => spreadsheet.getName()),
    url: lazy(() => spreadsheet.getUrl()),
  };
}

function tableRunsOf(services: Services, opened: OpenedSheet[], request: RunRequest): TableRun[] {
  const spreadsheet = lazyPlace(services);
  const runs: TableRun[] = [];
  opened.forEach((o) => {
    const selection = request.select(o.table, o.sheet);
    if (!selection) return;
    const sheetId = lazy(() => o.sheet.getSheetId());
    const place = {
      get spreadsheetName() {
        return spreadsheet.name();
      },
      get spreadsheetUrl() {
        return spreadsheet.url();
      },
      get sheetId() {
        return sheetId();
      },
    };
    const identity = {
      get spreadsheetId() {
        return spreadsheet.id();
      },
      get sheetId() {
        return sheetId();
      },
    };
    runs.push({
      table: o.table,
      rules: o.rules,
      identity,
      selection,
      composer: tableComposer(o.table, o.rules, place),
    });
  });
  return runs;
}

export function describeWebhook(name: string): string {
  return name === DEFAULT_WEBHOOK_NAME ? 'the default space' : `the ${name} space`;
}

/** A request about a sheet that is not followed is refused before any sheet is read. */
function notFollowed(request: RunRequest, followed: FollowedSheet[]): RunOutcome | null {
  const sheet = request.sheet;
  if (!sheet || followed.some((f) => f.sheet.getSheetId() === sheet.getSheetId())) return null;
  return {
    kind: 'not-followed',
    sheet: sheet.getName(),
    followed: followed.map((f) => f.sheet.getName()),
  };
}

/** Runs the relay over the opened sheets and logs what it did; the lock is held since `lockedAt`. */
function relayOver(
  services: Services,
  configuration: Configuration,
  opened: OpenedSheet[],
  request: RunRequest,
  lockedAt: number,
): Extract<RunOutcome, { kind: 'done' }> {
  const client = createChatClient(services.http(), services.clock, {
    random: () => services.random(),
    log: services.log,
    // The run before this one may have posted just before it released the lock.
    previousPostAt: lockedAt,
  });
  const report = runRelay(
    tableRunsOf(services, opened, request),
    {
      client,
      clock: services.clock,
      random: () => services.random(),
      flush: () => services.flush(),
      richText: services.richText,
      webhook: resolver(configuration),
      describeWebhook,
      onProgress: request.onProgress,
      reminderCache: reminderCache(services, configuration),
    },
    { ...DEFAULT_LIMITS, startedAt: request.startedAt },
  );
  const notes = opened.map((o) => o.note).filter((n): n is string => n !== null);
  notes.forEach((note) => services.log.log(safe(`${TITLE}: ${note}`)));
  services.log.log(safe(WORDS.runLog(request.origin, describeReport(report))));
  return { kind: 'done', report, followed: opened.map((o) => o.table.name), notes };
}

/** Opens the followed sheets and runs the relay over them; the lock is held. */
function runLocked(
  services: Services,
  configured: ConfiguredSheets,
  request: RunRequest,
  lockedAt: number,
): { outcome: RunOutcome; wrote: boolean } {
  const followed = configured.followed();
  if (!followed.ok) return { outcome: misconfigured(followed.error), wrote: false };
  const refused = notFollowed(request, followed.value);
  if (refused) return { outcome: refused, wrote: false };
  const opened = configured.open({ append: true });
  if (!opened.ok) return { outcome: misconfigured(opened.error), wrote: false };
  const outcome = relayOver(services, configured.configuration, opened.value, request, lockedAt);
  const wrote =
    opened.value.some((o) => o.table.appended) || outcome.report.sheets.some((s) => s.planned > 0);
  return { outcome, wrote };
}

/** Runs the relay once, under the script lock. */
export function relayUnderLock(services: Services, request: RunRequest): RunOutcome {
  const loaded = loadConfigured(services.properties(), () => services.spreadsheet());
  if (!loaded.ok) return misconfigured(loaded.error);
  const broken = allWebhooksBroken(loaded.value.configuration);
  if (broken) return { kind: 'misconfigured', problems: broken };
  const lock = services.lock();
  if (!lock.tryLock(LOCK_WAIT_MS[request.origin])) return { kind: 'busy' };
  let wrote = false;
  try {
    const run = runLocked(services, loaded.value, request, services.clock.now());
    wrote = run.wrote;
    return run.outcome;
  } finally {
    // Apps Script batches sheet writes: commit them before another run may take the lock.
    if (wrote) services.flush();
    lock.releaseLock();
  }
}

/** Trigger runs report a bad configuration or a webhook that does not work by failing, so Apps Script e-mails the owner. */
export function throwIfMisconfigured(outcome: RunOutcome): void {
  if (outcome.kind === 'misconfigured')
    throw new Error(safe(WORDS.misconfigured(outcome.problems)));
  if (outcome.kind === 'done') {
    const trouble = WORDS.webhookTrouble(outcome.report);
    if (trouble) throw new Error(safe(`${TITLE}: ${trouble}`));
  }
}

/** Menu runs report everything in one alert (redacted, like every text shown). */
export function menuReport(outcome: RunOutcome, what: string): string {
  switch (outcome.kind) {
    case 'busy':
      return WORDS.busy;
    case 'misconfigured':
      return safe(WORDS.cannot(what, outcome.problems));
    case 'not-followed':
      return safe(WORDS.notFollowed(outcome.sheet, outcome.followed));
    case 'done':
      return safe(
        [WORDS.report(outcome.report)].concat(outcome.notes.map((n) => `Note: ${n}`)).join('\n\n'),
      );
  }
}

/** Creates a progress reporter that toasts at most every few seconds. */
export function progressToaster(
  services: Services,
  everyMs = 3000,
): (done: number, total: number) => void {
  let last = -Infinity;
  return (done, total) => {
    const now = services.clock.now();
    if (done < total && now - last < everyMs) return;
    last = now;
    services.spreadsheet().toast(WORDS.progress(done, total), TITLE, 5);
  };
}

/** Asks a Yes/No question; on anything but Yes, says `declined` and returns false. */
export function confirmed(services: Services, question: string, declined: string): boolean {
  const ui = services.ui();
  if (String(ui.alert(question, ui.ButtonSet.YES_NO)) === String(ui.Button.YES)) return true;
  ui.alert(declined);
  return false;
}
