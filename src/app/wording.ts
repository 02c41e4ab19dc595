/**
 * Every text Chat Relay shows a person (alerts, toasts, errors of trigger
 * runs, log lines), in one place. Everything leaving here that could hold a
 * URL is redacted by the caller or here.
 */
import { redactSecrets } from '../chat/webhook-url';
import { RunSummary } from '../relay/run';

export const TITLE = 'Chat Relay';

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function bullets(lines: string[]): string {
  return lines.map((p) => '• ' + p).join('\n');
}

/** One sentence per count of a run, e.g. "Sent 3 messages, 1 FAILED (see Chat Error)." */
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

export function refusalText(property: string, refused: string | null): string {
  return `Chat refused the webhook in ${property}: ${refused}. Rows stay PENDING until it works again: check the Script Property, then use Test webhooks.`;
}

export const WORDS = {
  busy: `Another ${TITLE} run is in progress. Try again in a minute; nothing was sent.`,
  busyFormSubmit: `${TITLE}: another run holds the lock; the next scheduled run sends this response.`,
  cannot: (what: string, problems: string[]) =>
    `${TITLE} cannot ${what}: nothing was sent.\n\n${bullets(problems)}`,
  misconfigured: (problems: string[]) => `${TITLE} is misconfigured: ${problems.join('; ')}`,
  sheetReport: (sheet: string, text: string) => `${TITLE}, sheet "${sheet}": ${text}`,
  runLog: (origin: string, sheet: string, summary: RunSummary) =>
    `${TITLE} ${origin} run on "${sheet}": ${describeSummary(summary)}`,
  progress: (done: number, total: number) => `Sent ${done} of ${total}…`,
  selectFirst: `${TITLE}: select the rows to send first (several ranges are fine).`,
  confirmSelected: (rows: number) =>
    `${TITLE}: send up to ${rows} selected rows to Chat now, changed or not? Each non-blank row becomes a message (about one a second).`,
  nothingSent: `${TITLE}: nothing was sent.`,
  noDataSelected: (sheet: string) =>
    `${TITLE}: the selection holds no data rows of sheet "${sheet}". Select rows below its header row.`,
  confirmMarkAll: `${TITLE}: mark every row that has not been sent (or has changed since) as already sent? Nothing is posted for them now; only their later changes, and new rows, will be.`,
  nothingChanged: `${TITLE}: nothing was changed.`,
  fixConfigFirst: (problems: string[]) =>
    `${TITLE}: fix the configuration first; no trigger was changed.\n\n${bullets(problems)}`,
  triggersReport: (report: string[]) => `${TITLE} triggers:\n\n${report.join('\n')}`,
  triggersRemoved: (removed: number) =>
    removed
      ? `${TITLE}: removed ${plural(removed, 'trigger')}. Other triggers were left alone.`
      : `${TITLE}: there were no ${TITLE} triggers to remove.`,
  noWebhook: `${TITLE}: no webhook is configured. Set CHAT_WEBHOOK_URL under Project Settings → Script properties to the URL copied from the Chat space (Apps & integrations → Webhooks).`,
  testMessage: (property: string) =>
    `✅ ${TITLE} test message for ${property}: this webhook works.`,
  webhookTest: (lines: string[]) => `${TITLE} webhook test:\n\n${lines.join('\n')}`,
};

/** Any text shown or logged: redacted once more, whatever it holds. */
export function safe(text: string): string {
  return redactSecrets(text);
}
