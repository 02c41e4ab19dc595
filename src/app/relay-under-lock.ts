/**
 * A relay run as every use case starts it: read the configuration once,
 * take the script lock, open every followed sheet, hand over to the relay,
 * flush and release. Only who is told what, and how long to wait for the
 * lock, depends on who started the run.
 */
import { createChatClient } from '../chat/client';
import { Configuration, webhookNamesUsed } from '../config/config';
import { ConfigProblem } from '../config/problems';
import { DIGEST_STATE_PROPERTY, DigestPorts } from '../relay/digests';
import { ActionLinks, tableComposer } from '../relay/message-context';
import {
  DEFAULT_LIMITS,
  ResolvedWebhook,
  RunReport,
  Selection,
  TableRun,
  runRelay,
} from '../relay/run';
import { totals } from '../relay/summary';
import { REMINDER_CACHE_PROPERTY, ReminderCacheStore } from '../relay/reminder-cache';
import { Table } from '../relay/table';
import { runActionLinks } from './actions/web-app';
import { ConfiguredSheets, loadConfigured } from './configured-sheets';
import { FollowedSheet, OpenedSheet } from './followed-sheets';
import { watchRefusal, watchRun } from './health/watch';
import { SpreadsheetTimeZone } from '../ports';
import { AppSheet, SheetRange, WritableProperties } from './ports';
import { Services, lazy, readOnce, spreadsheetTimeZone } from './services';
import { TITLE, WORDS, describeReport, describeWebhook, safe } from './wording';
import { ruleContextOf } from './rule-context';

export { describeWebhook } from './wording';

/** The part of an installable form-submit event that the relay reads. */
export interface FormSubmitEvent {
  range?: SheetRange;
  values?: string[];
  namedValues?: { [question: string]: string[] };
}

/** `action`: a person confirmed an action on the web app's page (src/app/actions/confirm.ts). */
export type Origin = 'menu' | 'scheduled' | 'formSubmit' | 'action';

/** How long each kind of run waits for the script lock. */
export const LOCK_WAIT_MS: { [O in Origin]: number } = {
  /** A scheduled run that finds the lock taken leaves its work for the next run. */
  scheduled: 1000,
  /** A form submission waits a little: its row is otherwise sent by the next scheduled run. */
  formSubmit: 30000,
  /** A menu action tells the user another run is in progress. */
  menu: 5000,
  /** A confirmed action already holds the lock: its relay leaves its row to the schedule otherwise. */
  action: 1000,
};

/**
 * What a run did. `alerts`, present only when the run had alerts to send,
 * says for each whether it was sent to the alertWebhook's space.
 */
export type RunOutcome =
  | { kind: 'done'; report: RunReport; followed: string[]; notes: string[]; alerts?: string[] }
  | { kind: 'busy' }
  | { kind: 'misconfigured'; problems: string[]; alerts?: string[] }
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
  /** No new send starts after startedAt + budgetMs (default: DEFAULT_LIMITS.budgetMs). */
  budgetMs?: number;
}

const misconfigured = (
  problems: ConfigProblem[],
): Extract<RunOutcome, { kind: 'misconfigured' }> => ({
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
    read: () => configuration.property(REMINDER_CACHE_PROPERTY),
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

/** The links of a sheet's actions, for the run (see actions/web-app.ts). */
type LinksOf = (sheetId: () => number) => ActionLinks;

function tableRunsOf(
  services: Services,
  opened: OpenedSheet[],
  request: RunRequest,
  links: LinksOf,
): TableRun[] {
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
      composer: tableComposer(o.table, o.rules, place, links(sheetId)),
      place,
    });
  });
  return runs;
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

/** What digests need of the services: the state read with the configuration, written back here. */
function digestPorts(services: Services, configuration: Configuration): DigestPorts {
  return {
    state: configuration.property(DIGEST_STATE_PROPERTY),
    writeState: (text) => services.properties().setProperty(DIGEST_STATE_PROPERTY, text),
  };
}

/** Runs the relay over the opened sheets and logs what it did; the lock is held since `lockedAt`. */
function relayOver(
  services: Services,
  configured: ConfiguredSheets,
  opened: OpenedSheet[],
  request: RunRequest,
  lockedAt: number,
  links: LinksOf,
  timeZone: SpreadsheetTimeZone,
): Extract<RunOutcome, { kind: 'done' }> {
  const client = createChatClient(services.http(), services.clock, {
    random: () => services.random(),
    log: services.log,
    // The run before this one may have posted just before it released the lock.
    previousPostAt: lockedAt,
  });
  const report = runRelay(
    tableRunsOf(services, opened, request, links),
    {
      client,
      clock: services.clock,
      timeZone,
      random: () => services.random(),
      flush: () => services.flush(),
      richText: services.richText,
      webhook: resolver(configured.configuration),
      describeWebhook,
      onProgress: request.onProgress,
      digests: digestPorts(services, configured.configuration),
      reminderCache: reminderCache(services, configured.configuration),
    },
    {
      ...DEFAULT_LIMITS,
      startedAt: request.startedAt,
      budgetMs: request.budgetMs === undefined ? DEFAULT_LIMITS.budgetMs : request.budgetMs,
    },
  );
  // The people directory, when a mention needed it: the rows it ignored, or why it cannot be read.
  const people = configured.context.people ? configured.context.people.report() : null;
  if (people) report.people = people;
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
  links: LinksOf,
  timeZone: SpreadsheetTimeZone,
): { outcome: RunOutcome; wrote: boolean } {
  const followed = configured.followed();
  if (!followed.ok) return { outcome: misconfigured(followed.error), wrote: false };
  const refused = notFollowed(request, followed.value);
  if (refused) return { outcome: refused, wrote: false };
  const opened = configured.open({ append: true });
  if (!opened.ok) return { outcome: misconfigured(opened.error), wrote: false };
  const outcome = relayOver(services, configured, opened.value, request, lockedAt, links, timeZone);
  const wrote =
    opened.value.some((o) => o.table.appended) ||
    outcome.report.sheets.some((s) => s.planned > s.heldForQuietHours);
  return { outcome, wrote };
}

/**
 * The run's health at its end (see health/watch.ts), logged: its alerts, if
 * any, as lines for the outcome. Never in the way of the run: a failure here
 * (a property write refused, say) is logged and the run's outcome stands.
 */
function watched<O extends RunOutcome>(services: Services, outcome: O, watch: () => string[]): O {
  let lines: string[];
  try {
    lines = watch();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    services.log.log(safe(`${TITLE}: could not record the run or send alerts: ${message}`));
    return outcome;
  }
  lines.forEach((line) => services.log.log(safe(`${TITLE}: ${line}`)));
  return lines.length ? { ...outcome, alerts: lines.map(safe) } : outcome;
}

/** A refused run, with its alert if an alertWebhook can be read. */
function refusal(
  services: Services,
  properties: WritableProperties,
  problems: string[],
): RunOutcome {
  const outcome: RunOutcome = { kind: 'misconfigured', problems };
  return watched(services, outcome, () => watchRefusal(services, properties, problems));
}

/** Runs the relay once, under the script lock. */
export function relayUnderLock(services: Services, request: RunRequest): RunOutcome {
  // Script Properties are read once per run: the configuration, the webhooks and the run's state.
  const properties = readOnce(services.properties());
  // One getSpreadsheetTimeZone per run at most, and only if asked: by date conditions, quiet hours or digests.
  const timeZone = spreadsheetTimeZone(services, () => services.spreadsheet());
  const loaded = loadConfigured(
    properties,
    () => services.spreadsheet(),
    ruleContextOf(services, () => services.spreadsheet(), timeZone),
    () => services.webAppUrl(),
  );
  if (!loaded.ok)
    return refusal(
      services,
      properties,
      loaded.error.map((p) => p.text),
    );
  const broken = allWebhooksBroken(loaded.value.configuration);
  if (broken) return refusal(services, properties, broken);
  const lock = services.lock();
  if (!lock.tryLock(LOCK_WAIT_MS[request.origin])) return { kind: 'busy' };
  try {
    const links = runActionLinks(services, properties);
    const run = runLocked(services, loaded.value, request, services.clock.now(), links, timeZone);
    // Apps Script batches sheet writes: commit them before anything else, and before another run may take the lock.
    if (run.wrote) services.flush();
    const outcome = run.outcome;
    if (outcome.kind === 'misconfigured') return refusal(services, properties, outcome.problems);
    if (outcome.kind !== 'done') return outcome;
    const settings = loaded.value.configuration.settings;
    // Only runs of the relay's triggers count toward their daily budget.
    const trigger = request.origin === 'scheduled' || request.origin === 'formSubmit';
    return watched(services, outcome, () =>
      watchRun(
        services,
        properties,
        settings,
        { trigger, startedAt: request.startedAt },
        outcome.report,
      ),
    );
  } finally {
    lock.releaseLock();
  }
}

/**
 * Trigger runs report a bad configuration or a webhook that does not work by
 * failing, so Apps Script e-mails a summary of the failures to the user who
 * installed the trigger (not to the spreadsheet's owner); the alerts of the
 * run are in the error too.
 */
export function throwIfMisconfigured(outcome: RunOutcome): void {
  const alerts = outcome.kind === 'done' || outcome.kind === 'misconfigured' ? outcome.alerts : [];
  const withAlerts = (text: string) => [text].concat(alerts || []).join('\n');
  if (outcome.kind === 'misconfigured')
    throw new Error(safe(withAlerts(WORDS.misconfigured(outcome.problems))));
  if (outcome.kind === 'done') {
    const trouble = [WORDS.webhookTrouble(outcome.report), WORDS.peopleTrouble(outcome.report)]
      .filter((t): t is string => t !== null)
      .join('\n');
    if (trouble) throw new Error(safe(withAlerts(`${TITLE}: ${trouble}`)));
  }
}

/** Menu runs report everything in one alert (redacted, like every text shown). */
export function menuReport(outcome: RunOutcome, what: string): string {
  switch (outcome.kind) {
    case 'busy':
      return WORDS.busy;
    case 'misconfigured':
      return safe([WORDS.cannot(what, outcome.problems)].concat(outcome.alerts || []).join('\n\n'));
    case 'not-followed':
      return safe(WORDS.notFollowed(outcome.sheet, outcome.followed));
    case 'done': {
      const hint = totals(outcome.report).heldForQuietHours ? [WORDS.quietHoursHint] : [];
      return safe(
        [WORDS.report(outcome.report)]
          .concat(
            hint,
            outcome.notes.map((n) => `Note: ${n}`),
          )
          .concat(outcome.alerts || [])
          .join('\n\n'),
      );
    }
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
