/**
 * A relay run as every use case starts it: read the configuration once,
 * take the script lock, open the sheet, hand over to the relay, flush and
 * release. Only who is told what, and how long to wait for the lock, depends
 * on who started the run.
 */
import { createChatClient } from '../chat/client';
import { Configuration, createConfigSource } from '../config/config';
import { SheetLike } from '../ports';
import { DEFAULT_LIMITS, RunSummary, Selection, runRelay } from '../relay/run';
import { Table, openTable } from '../relay/table';
import { Result, err, ok } from '../result';
import { SheetRange } from './ports';
import { Services } from './services';
import { TITLE, WORDS, describeSummary, refusalText, safe } from './wording';

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
  | { kind: 'done'; summary: RunSummary; sheet: string }
  | { kind: 'busy' }
  | { kind: 'misconfigured'; problems: string[] }
  /** Chat refused the webhook itself mid-run: rows stay PENDING until it is fixed. */
  | { kind: 'refused'; summary: RunSummary; sheet: string; property: string };

/** What the use case wants of a run. */
export interface RunRequest {
  origin: Origin;
  /** The sheet used when CHAT_RELAY_CONFIG names none (null: the first sheet). */
  pickSheet: () => SheetLike | null;
  /** The rows to send, from the opened table. */
  select: (table: Table) => Selection;
  onProgress?: (done: number, total: number) => void;
}

function resolveSheet(
  services: Services,
  configuration: Configuration,
  fallback: SheetLike | null,
): Result<SheetLike, string> {
  const spreadsheet = services.spreadsheet();
  const wanted = configuration.settings.sheet;
  if (wanted === null) return ok(fallback || spreadsheet.getSheets()[0]);
  const sheet = spreadsheet.getSheetByName(wanted);
  if (sheet) return ok(sheet);
  const names = spreadsheet
    .getSheets()
    .map((s) => s.getName())
    .join(', ');
  return err(`CHAT_RELAY_CONFIG sheet "${wanted}" does not exist (sheets: ${names})`);
}

/** Runs the relay once, under the script lock. */
export function relayUnderLock(services: Services, request: RunRequest): RunOutcome {
  const startedAt = services.clock.now();
  const target = createConfigSource(services.properties()).relayTarget();
  if (!target.ok) return { kind: 'misconfigured', problems: target.error };
  const { configuration, target: webhook } = target.value;

  const lock = services.lock();
  if (!lock.tryLock(LOCK_WAIT_MS[request.origin])) return { kind: 'busy' };
  const lockedAt = services.clock.now();
  let wrote = false;
  try {
    const sheet = resolveSheet(services, configuration, request.pickSheet());
    if (!sheet.ok) return { kind: 'misconfigured', problems: [sheet.error] };
    const table = openTable(sheet.value, {
      headerRow: configuration.settings.headerRow,
      keyColumn: configuration.settings.keyColumn,
    });
    if (!table.ok) return { kind: 'misconfigured', problems: [table.error] };
    wrote = table.value.appended;
    const client = createChatClient(services.http(), services.clock, {
      random: () => services.random(),
      log: services.log,
      // The run before this one may have posted just before it released the lock.
      previousPostAt: lockedAt,
    });
    const deps = {
      client,
      clock: services.clock,
      random: () => services.random(),
      identity: {
        spreadsheetId: services.spreadsheet().getId(),
        sheetId: sheet.value.getSheetId(),
      },
      flush: () => services.flush(),
      onProgress: request.onProgress,
    };
    const summary = runRelay(table.value, webhook.webhook, request.select(table.value), deps, {
      ...DEFAULT_LIMITS,
      startedAt,
    });
    wrote = wrote || summary.planned > 0;
    services.log.log(safe(WORDS.runLog(request.origin, table.value.name, summary)));
    const name = table.value.name;
    if (summary.refused !== null) {
      return { kind: 'refused', summary, sheet: name, property: webhook.property };
    }
    return { kind: 'done', summary, sheet: name };
  } finally {
    // Apps Script batches sheet writes: commit them before another run may take the lock.
    if (wrote) services.flush();
    lock.releaseLock();
  }
}

/** Trigger runs report a bad configuration by failing, so Apps Script e-mails the owner. */
export function throwIfMisconfigured(outcome: RunOutcome): void {
  if (outcome.kind === 'misconfigured')
    throw new Error(safe(WORDS.misconfigured(outcome.problems)));
  if (outcome.kind === 'refused') {
    throw new Error(safe(`${TITLE}: ${refusalText(outcome.property, outcome.summary.refused)}`));
  }
}

/** Menu runs report everything in one alert (redacted, like every text shown). */
export function menuReport(outcome: RunOutcome, what: string): string {
  switch (outcome.kind) {
    case 'busy':
      return WORDS.busy;
    case 'misconfigured':
      return safe(WORDS.cannot(what, outcome.problems));
    case 'done':
      return safe(WORDS.sheetReport(outcome.sheet, describeSummary(outcome.summary)));
    case 'refused':
      return safe(
        WORDS.sheetReport(
          outcome.sheet,
          `${refusalText(outcome.property, outcome.summary.refused)}\n\n${describeSummary(outcome.summary)}`,
        ),
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
