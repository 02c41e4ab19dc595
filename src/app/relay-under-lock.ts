/**
 * A relay run as every use case starts it: read the configuration once,
 * take the script lock, open every followed sheet, hand over to the relay,
 * flush and release. Only who is told what, and how long to wait for the
 * lock, depends on who started the run.
 */
import { createChatClient } from '../chat/client';
import { Configuration, createConfigSource, webhookNamesUsed } from '../config/config';
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
import { Table } from '../relay/table';
import { OpenedSheet, followedSheets, openFollowed } from './followed-sheets';
import { AppSheet, SheetRange } from './ports';
import { Services } from './services';
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
  /** The rows to send of each followed sheet; null leaves the sheet out of the run. */
  select: (table: Table, sheet: AppSheet) => Selection | null;
  /** A sheet the request is about (the selection's): the run refuses if it is not followed. */
  sheet?: AppSheet;
  onProgress?: (done: number, total: number) => void;
}

const texts = (problems: ConfigProblem[]) => problems.map((p) => p.text);

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

/** What a run asks of the spreadsheet only when a row needs a message: read on first use. */
function lazyPlace(services: Services) {
  const spreadsheet = services.spreadsheet();
  return {
    id: once(() => spreadsheet.getId()),
    name: once(() => spreadsheet.getName()),
    url: once(() => spreadsheet.getUrl()),
  };
}

function tableRunsOf(services: Services, opened: OpenedSheet[], request: RunRequest): TableRun[] {
  const spreadsheet = lazyPlace(services);
  const runs: TableRun[] = [];
  opened.forEach((o) => {
    const selection = request.select(o.table, o.sheet);
    if (!selection) return;
    const sheetId = once(() => o.sheet.getSheetId());
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

/** A value read on first use, then kept. */
function once<T>(get: () => T): () => T {
  let value: { v: T } | null = null;
  return () => (value === null ? (value = { v: get() }) : value).v;
}

export function describeWebhook(name: string): string {
  return name === DEFAULT_WEBHOOK_NAME ? 'the default space' : `the ${name} space`;
}

/** Opens the followed sheets and runs the relay over them; the lock is held. */
function runLocked(
  services: Services,
  configuration: Configuration,
  request: RunRequest,
  startedAt: number,
  lockedAt: number,
): { outcome: RunOutcome; wrote: boolean } {
  const followed = followedSheets(services.spreadsheet(), configuration.settings);
  if (!followed.ok)
    return { outcome: { kind: 'misconfigured', problems: texts(followed.error) }, wrote: false };
  if (
    request.sheet &&
    !followed.value.some((f) => f.sheet.getSheetId() === (request.sheet as AppSheet).getSheetId())
  ) {
    return {
      outcome: {
        kind: 'not-followed',
        sheet: request.sheet.getName(),
        followed: followed.value.map((f) => f.sheet.getName()),
      },
      wrote: false,
    };
  }
  const opened = openFollowed(followed.value, { append: true });
  if (!opened.ok)
    return { outcome: { kind: 'misconfigured', problems: texts(opened.error) }, wrote: false };
  const client = createChatClient(services.http(), services.clock, {
    random: () => services.random(),
    log: services.log,
    // The run before this one may have posted just before it released the lock.
    previousPostAt: lockedAt,
  });
  const report = runRelay(
    tableRunsOf(services, opened.value, request),
    {
      client,
      clock: services.clock,
      random: () => services.random(),
      flush: () => services.flush(),
      richText: services.richText,
      webhook: resolver(configuration),
      describeWebhook,
      onProgress: request.onProgress,
    },
    { ...DEFAULT_LIMITS, startedAt },
  );
  const notes = opened.value.map((o) => o.note).filter((n): n is string => n !== null);
  notes.forEach((note) => services.log.log(safe(`${TITLE}: ${note}`)));
  services.log.log(safe(WORDS.runLog(request.origin, describeReport(report))));
  const wrote =
    opened.value.some((o) => o.table.appended) || report.sheets.some((s) => s.planned > 0);
  const names = opened.value.map((o) => o.table.name);
  return { outcome: { kind: 'done', report, followed: names, notes }, wrote };
}

/** Runs the relay once, under the script lock. */
export function relayUnderLock(services: Services, request: RunRequest): RunOutcome {
  const startedAt = services.clock.now();
  const loaded = createConfigSource(services.properties()).load();
  if (!loaded.ok) return { kind: 'misconfigured', problems: texts(loaded.error) };
  const broken = allWebhooksBroken(loaded.value);
  if (broken) return { kind: 'misconfigured', problems: broken };
  const lock = services.lock();
  if (!lock.tryLock(LOCK_WAIT_MS[request.origin])) return { kind: 'busy' };
  let wrote = false;
  try {
    const run = runLocked(services, loaded.value, request, startedAt, services.clock.now());
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
