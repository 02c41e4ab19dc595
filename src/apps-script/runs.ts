/**
 * Relay runs as Apps Script starts them: from the menu, the schedule or a
 * form submission. Each one reads the configuration once, takes the script
 * lock, opens the sheet and hands over to the relay; here is only the part
 * that depends on who started the run (who is told what, how long to wait).
 */
import { createChatClient } from '../chat/client';
import { createConfigSource, Configuration } from '../config/config';
import { ConfiguredWebhook } from '../config/webhooks';
import { redactSecrets } from '../chat/webhook-url';
import { Result, err, ok } from '../result';
import { DEFAULT_LIMITS, RunSummary, Selection, runRelay } from '../relay/run';
import { Table, openTable } from '../relay/table';
import { LOCK_WAIT_MS, Services, TITLE } from './context';
import { RangeLike, SheetLike } from './services';

/** The part of an installable form-submit event that the relay reads. */
export interface FormSubmitEvent {
  range?: RangeLike & { getSheet(): SheetLike };
  values?: string[];
  namedValues?: { [question: string]: string[] };
}

export type Origin = 'menu' | 'scheduled' | 'formSubmit';

export type RunOutcome =
  | { kind: 'done'; summary: RunSummary; sheet: string }
  | { kind: 'busy' }
  | { kind: 'misconfigured'; problems: string[] }
  /** Chat refused the webhook itself mid-run: rows stay PENDING until it is fixed. */
  | { kind: 'refused'; summary: RunSummary; sheet: string; property: string };

interface Prepared {
  configuration: Configuration;
  target: ConfiguredWebhook;
}

function resolveSheet(
  services: Services,
  configuration: Configuration,
  fallback: SheetLike | null,
): Result<SheetLike, string> {
  const spreadsheet = services.spreadsheet();
  const wanted = configuration.settings.sheet;
  if (wanted !== null) {
    const sheet = spreadsheet.getSheetByName(wanted);
    if (sheet) return ok(sheet);
    return err(
      `CHAT_RELAY_CONFIG sheet "${wanted}" does not exist (sheets: ${spreadsheet
        .getSheets()
        .map((s) => s.getName())
        .join(', ')})`,
    );
  }
  return ok(fallback || spreadsheet.getSheets()[0]);
}

/**
 * Runs the relay once. `pickSheet` gives the sheet used when
 * CHAT_RELAY_CONFIG names none; `select` turns the opened table into the
 * rows to send.
 */
export function relayOnce(
  services: Services,
  origin: Origin,
  pickSheet: () => SheetLike | null,
  select: (table: Table) => Selection,
  onProgress?: (done: number, total: number) => void,
): RunOutcome {
  const startedAt = services.clock.now();
  const config = createConfigSource(services.properties());
  const target = config.relayTarget();
  if (!target.ok) return { kind: 'misconfigured', problems: target.error };
  const prepared: Prepared = target.value;

  const lock = services.lock();
  if (!lock.tryLock(LOCK_WAIT_MS[origin])) return { kind: 'busy' };
  const lockedAt = services.clock.now();
  let wrote = false;
  try {
    const sheet = resolveSheet(services, prepared.configuration, pickSheet());
    if (!sheet.ok) return { kind: 'misconfigured', problems: [sheet.error] };
    const table = openTable(sheet.value, {
      headerRow: prepared.configuration.settings.headerRow,
      keyColumn: prepared.configuration.settings.keyColumn,
    });
    if (!table.ok) return { kind: 'misconfigured', problems: [table.error] };
    wrote = table.value.appended;
    const client = createChatClient(services.http(), services.clock, {
      random: () => services.random(),
      log: services.log,
      // The run before this one may have posted just before it released the lock.
      previousPostAt: lockedAt,
    });
    const summary = runRelay(
      table.value,
      prepared.target.webhook,
      select(table.value),
      {
        client,
        clock: services.clock,
        random: () => services.random(),
        identity: {
          spreadsheetId: services.spreadsheet().getId(),
          sheetId: sheet.value.getSheetId(),
        },
        flush: () => services.flush(),
        log: services.log,
        onProgress,
      },
      { ...DEFAULT_LIMITS, startedAt },
    );
    wrote = wrote || summary.planned > 0;
    services.log.log(
      redactSecrets(`${TITLE} ${origin} run on "${table.value.name}": ${describeSummary(summary)}`),
    );
    if (summary.refused !== null) {
      return {
        kind: 'refused',
        summary,
        sheet: table.value.name,
        property: prepared.target.property,
      };
    }
    return { kind: 'done', summary, sheet: table.value.name };
  } finally {
    // Apps Script batches sheet writes: commit them before another run may take the lock.
    if (wrote) services.flush();
    lock.releaseLock();
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function describeSummary(summary: RunSummary): string {
  if (!summary.planned) return 'nothing to send: every row is up to date.';
  const parts = [`sent ${plural(summary.sent, 'message')}`];
  if (summary.pending)
    parts.push(`${summary.pending} PENDING (Chat failed for now; retried by the next run)`);
  if (summary.failed) parts.push(`${summary.failed} FAILED (see Chat Error)`);
  if (summary.marked) {
    parts.push(`${plural(summary.marked, 'row')} marked as sent without a message`);
  }
  if (summary.quiet)
    parts.push(
      `${plural(summary.quiet, 'row')} updated without a message (nothing visible changed)`,
    );
  if (summary.notReached) parts.push(`${plural(summary.notReached, 'row')} left for the next run`);
  let text = parts.join(', ') + '.';
  if (summary.stopped) text += ` Stopped early: ${summary.stopped}.`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function refusal(outcome: Extract<RunOutcome, { kind: 'refused' }>): string {
  return `Chat refused the webhook in ${outcome.property}: ${outcome.summary.refused}. Rows stay PENDING until it works again: check the Script Property, then use Test webhooks.`;
}

/** Trigger runs report a bad configuration by failing, so Apps Script e-mails the owner. */
export function throwIfMisconfigured(outcome: RunOutcome): void {
  if (outcome.kind === 'misconfigured') {
    throw new Error(redactSecrets(`${TITLE} is misconfigured: ${outcome.problems.join('; ')}`));
  }
  if (outcome.kind === 'refused') {
    throw new Error(redactSecrets(`${TITLE}: ${refusal(outcome)}`));
  }
}

/** Menu runs report everything in one alert (redacted, like every text shown). */
export function menuReport(outcome: RunOutcome, what: string): string {
  return redactSecrets(menuText(outcome, what));
}

function menuText(outcome: RunOutcome, what: string): string {
  switch (outcome.kind) {
    case 'busy':
      return `Another ${TITLE} run is in progress. Try again in a minute; nothing was sent.`;
    case 'misconfigured':
      return `${TITLE} cannot ${what}: nothing was sent.\n\n${outcome.problems.map((p) => '• ' + p).join('\n')}`;
    case 'done':
      return `${TITLE}, sheet "${outcome.sheet}": ${describeSummary(outcome.summary)}`;
    case 'refused':
      return `${TITLE}, sheet "${outcome.sheet}": ${refusal(outcome)}\n\n${describeSummary(outcome.summary)}`;
  }
}

/** Turns a multi-range selection into data positions of the table's sheet. */
export function selectedPositions(
  ranges: Array<RangeLike & { getSheet(): SheetLike }>,
  table: Table,
): number[] {
  const positions: number[] = [];
  const sheetId = table.sheet.getSheetId();
  ranges.forEach((range) => {
    if (range.getSheet().getSheetId() !== sheetId) return;
    const top = Math.max(range.getRow(), table.firstDataRow);
    const bottom = Math.min(
      range.getRow() + range.getNumRows() - 1,
      table.firstDataRow + table.rows.length - 1,
    );
    for (let row = top; row <= bottom; row++) positions.push(row - table.firstDataRow);
  });
  return positions;
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
    services.spreadsheet().toast(`Sent ${done} of ${total}…`, TITLE, 5);
  };
}
