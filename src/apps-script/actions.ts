/**
 * One function per Apps Script entry point. src/index.ts only builds the
 * Services and calls these; everything here is testable with fakes.
 */
import { redactSecrets } from '../chat/webhook-url';
import { createConfigSource } from '../config/config';
import { TITLE, Services } from './context';
import { addMenu } from './menu';
import { UiLike } from './services';
import {
  FormSubmitEvent,
  menuReport,
  progressToaster,
  relayOnce,
  selectedPositions,
  throwIfMisconfigured,
} from './runs';
import { installRelayTriggers, removeRelayTriggers } from './triggers';
import { testAllWebhooks } from './webhook-test';

/** "Send selected rows" asks for confirmation above this many selected rows. */
export const CONFIRM_ABOVE_ROWS = 25;

/** Asks a Yes/No question; on anything but Yes, says `declined` and returns false. */
function confirmed(ui: UiLike, question: string, declined: string): boolean {
  if (String(ui.alert(question, ui.ButtonSet.YES_NO)) === String(ui.Button.YES)) return true;
  ui.alert(declined);
  return false;
}

export function onOpenAction(services: Services): void {
  addMenu(services.ui());
}

export function testWebhooksAction(services: Services): void {
  services.ui().alert(testAllWebhooks(services));
}

export function sendPendingAction(services: Services): void {
  const outcome = relayOnce(
    services,
    'menu',
    () => null,
    () => ({ kind: 'due' }),
    progressToaster(services),
  );
  services.ui().alert(menuReport(outcome, 'send pending rows'));
}

export function sendSelectedAction(services: Services): void {
  const spreadsheet = services.spreadsheet();
  const selection = spreadsheet.getActiveRangeList();
  const ranges = selection ? selection.getRanges() : [];
  if (!ranges.length) {
    services.ui().alert(`${TITLE}: select the rows to send first (several ranges are fine).`);
    return;
  }
  // A whole-column or whole-sheet selection would re-send everything: ask first.
  const selectedRows = ranges.reduce((sum, range) => sum + range.getNumRows(), 0);
  if (
    selectedRows > CONFIRM_ABOVE_ROWS &&
    !confirmed(
      services.ui(),
      `${TITLE}: send up to ${selectedRows} selected rows to Chat now, changed or not? Each non-blank row becomes a message (about one a second).`,
      `${TITLE}: nothing was sent.`,
    )
  ) {
    return;
  }
  const outcome = relayOnce(
    services,
    'menu',
    () => ranges[0].getSheet(),
    (table) => ({ kind: 'selected', positions: selectedPositions(ranges, table) }),
    progressToaster(services),
  );
  // A selected run plans exactly the selected non-blank data rows: none means the
  // selection held only headers, blank rows or rows below the data.
  if (outcome.kind === 'done' && outcome.summary.planned === 0) {
    services
      .ui()
      .alert(
        `${TITLE}: the selection holds no data rows of sheet "${outcome.sheet}". Select rows below its header row.`,
      );
    return;
  }
  services.ui().alert(menuReport(outcome, 'send the selected rows'));
}

/**
 * Adopting an existing sheet: records every new or changed row as delivered,
 * without posting, so that only later changes reach the space.
 */
export function markAllSentAction(services: Services): void {
  const ui = services.ui();
  const question = `${TITLE}: mark every row that has not been sent (or has changed since) as already sent? Nothing is posted for them now; only their later changes, and new rows, will be.`;
  if (!confirmed(ui, question, `${TITLE}: nothing was changed.`)) return;
  const outcome = relayOnce(
    services,
    'menu',
    () => null,
    () => ({ kind: 'baseline' }),
  );
  ui.alert(menuReport(outcome, 'mark the rows as sent'));
}

/** Time-driven trigger: quiet when busy or idle, loud (throws) when misconfigured. */
export function scheduledAction(services: Services): void {
  throwIfMisconfigured(
    relayOnce(
      services,
      'scheduled',
      () => null,
      () => ({ kind: 'due' }),
    ),
  );
}

/** Installable form-submit trigger: the submitted row first, then anything else due. */
export function formSubmitAction(services: Services, event: FormSubmitEvent | undefined): void {
  const range = event && event.range;
  const outcome = relayOnce(
    services,
    'formSubmit',
    () => (range ? range.getSheet() : null),
    (table) => {
      const first: number[] = [];
      if (range && range.getSheet().getSheetId() === table.sheet.getSheetId()) {
        for (let i = 0; i < range.getNumRows(); i++)
          first.push(range.getRow() + i - table.firstDataRow);
      }
      return { kind: 'due', first };
    },
  );
  if (outcome.kind === 'busy') {
    services.log.log(
      `${TITLE}: another run holds the lock; the next scheduled run sends this response.`,
    );
  }
  throwIfMisconfigured(outcome);
}

export function installTriggersAction(services: Services): void {
  // Refuse to schedule runs that could only fail (and e-mail the owner every few minutes).
  const settings = createConfigSource(services.properties()).relayTarget();
  if (!settings.ok) {
    services
      .ui()
      .alert(
        redactSecrets(
          `${TITLE}: fix the configuration first; no trigger was changed.\n\n${settings.error.map((p) => '• ' + p).join('\n')}`,
        ),
      );
    return;
  }
  const report = installRelayTriggers(
    services.triggers(),
    services.spreadsheet(),
    settings.value.configuration.settings.scheduleMinutes,
  );
  services.ui().alert(`${TITLE} triggers:\n\n${report.join('\n')}`);
}

export function removeTriggersAction(services: Services): void {
  const removed = removeRelayTriggers(services.triggers());
  services
    .ui()
    .alert(
      removed
        ? `${TITLE}: removed ${removed} trigger${removed === 1 ? '' : 's'}. Other triggers were left alone.`
        : `${TITLE}: there were no ${TITLE} triggers to remove.`,
    );
}
