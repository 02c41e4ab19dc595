/**
 * Every text Chat Relay shows a person (alerts, toasts, errors of trigger
 * runs, log lines), in one place. Everything leaving here that could hold a
 * URL is redacted by the caller or here.
 */
import { redactSecrets } from '../chat/webhook-url';
import { UnfitSetting } from '../relay/rules';
import { RunReport, SheetSummary, StopReason, totals } from '../relay/summary';
import { DEFAULT_WEBHOOK_NAME } from '../config/sheet-settings';
import { webhookProperty } from '../config/webhooks';

export const TITLE = 'Chat Relay';
/** The most rows of the people directory a summary names. */
const PEOPLE_ROWS_NAMED = 10;

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** How messages and summaries name a webhook's space. */
export function describeWebhook(name: string): string {
  return name === DEFAULT_WEBHOOK_NAME ? 'the default space' : `the ${name} space`;
}

export function bullets(lines: string[]): string {
  return lines.map((p) => '• ' + p).join('\n');
}

/** A sheet's counts in words: its rows, then its digests. */
export function describeSummary(summary: SheetSummary): string {
  const digests = describeDigests(summary);
  return describeRows(summary) + (digests ? ` ${digests}` : '');
}

/** What the run did with a sheet's digests, e.g. "Posted 1 digest."; '' when none was due. */
export function describeDigests(summary: SheetSummary): string {
  const parts: string[] = [];
  if (summary.digests) parts.push(`posted ${plural(summary.digests, 'digest')}`);
  if (summary.digestsLeft)
    parts.push(
      `${plural(summary.digestsLeft, 'digest')} not posted yet (Chat failed for now, or its webhook cannot be used; the next run today tries again)`,
    );
  if (summary.digestsHeld) parts.push(WORDS.digestsHeld(summary.digestsHeld, summary.quietUntil));
  if (summary.digestsFailed)
    parts.push(
      `${plural(summary.digestsFailed, 'digest')} refused by Chat (not tried again today; see the log)`,
    );
  if (!parts.length) return '';
  const text = parts.join(', ') + '.';
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What waits for the end of quiet hours: rows' messages, reminders. */
function heldForQuietHours(summary: SheetSummary): string[] {
  const parts: string[] = [];
  if (summary.heldForQuietHours)
    parts.push(WORDS.heldForQuietHours(summary.heldForQuietHours, summary.quietUntil));
  if (summary.remindersHeld)
    parts.push(WORDS.remindersHeld(summary.remindersHeld, summary.quietUntil));
  return parts;
}

/** Nothing was sent, and the rows acted on ended without a message (or wait for quiet hours). */
function endedWithoutMessage(s: SheetSummary): boolean {
  const ended = s.marked + s.rebuilt + s.repaired + s.quiet;
  return s.sent + s.reminded === 0 && ended + s.heldForQuietHours + s.remindersHeld > 0;
}

/** One sentence per count of a sheet's rows, e.g. "Sent 3 messages, 1 FAILED (see Chat Error)." */
function describeRows(summary: SheetSummary): string {
  const acted = summary.planned > 0 || summary.waiting > 0 || summary.remindersHeld > 0;
  if (!acted) return 'Nothing to send: every row is up to date.';
  const parts: string[] = [];
  if ((summary.planned || !summary.waiting) && !endedWithoutMessage(summary)) {
    const reminders = summary.reminded
      ? `${plural(summary.reminded, 'reminder')} in ${summary.reminded === 1 ? 'its row’s' : 'their rows’'} thread${summary.reminded === 1 ? '' : 's'}`
      : '';
    const messages = summary.sent || !reminders ? plural(summary.sent, 'message') : '';
    parts.push(`sent ${[messages, reminders].filter((p) => p !== '').join(' and ')}`);
  }
  if (summary.moved)
    parts.push(
      `${plural(summary.moved, 'row')} moved to another space (a note was left in the old thread)`,
    );
  if (summary.pending)
    parts.push(`${summary.pending} PENDING (Chat failed for now; retried by the next run)`);
  if (summary.failed) parts.push(`${summary.failed} FAILED (see Chat Error)`);
  if (summary.marked)
    parts.push(`${plural(summary.marked, 'row')} marked as sent without a message`);
  if (summary.quiet)
    parts.push(
      `${plural(summary.quiet, 'row')} updated without a message (no watched column changed)`,
    );
  if (summary.rebuilt)
    parts.push(
      `${plural(summary.rebuilt, 'row')} whose hidden Chat Version or Chat Ledger cells were lost had them rebuilt from what remained, without a message`,
    );
  if (summary.outboxRebuilt)
    parts.push(
      `${plural(summary.outboxRebuilt, 'row')} whose hidden Chat Outbox cell did not hold messages as Chat Relay wrote them (damaged or edited) had ${summary.outboxRebuilt === 1 ? 'its message' : 'their messages'} built again from the row`,
    );
  if (summary.repaired)
    parts.push(
      `${plural(summary.repaired, 'row')} whose delivery an interrupted run had not finished recording recorded as SENT, without a message`,
    );
  if (summary.held)
    parts.push(
      `${plural(summary.held, 'row')} kept PENDING until its webhook is fixed (see Chat Error)`,
    );
  if (summary.waitsForPeople)
    parts.push(
      `${plural(summary.waitsForPeople, 'row')} kept PENDING until the people directory can be read (see Chat Error)`,
    );
  parts.push(...heldForQuietHours(summary));
  if (summary.notReached) parts.push(`${plural(summary.notReached, 'row')} left for the next run`);
  if (summary.waiting)
    parts.push(
      `${plural(summary.waiting, 'row')} waiting for ${summary.waiting === 1 ? 'its' : 'their'} sendWhen condition`,
    );
  const text = parts.join(', ') + '.';
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Why a run stopped early, in words. */
export function describeStop(stop: StopReason, left: number): string {
  switch (stop.kind) {
    case 'time-limit':
      return `Apps Script's time limit for one run was reached; ${plural(left, 'row')} go${left === 1 ? 'es' : ''} out with the next run.`;
    case 'chat-unavailable':
      return `Chat is not accepting messages in space ${stop.space} for now (${stop.detail}); its rows are retried by the next run.`;
    case 'sheet-changed':
      return `sheet "${stop.sheet}" changed during the run (${stop.detail}); the next run picks up what is left.`;
  }
}

/** A whole run: one paragraph per sheet, then why it stopped early and which webhooks failed. */
export function describeReport(report: RunReport, options: { sheetNames?: boolean } = {}): string {
  const named = options.sheetNames !== false;
  const lines = report.sheets.map(
    (s) => (named ? `Sheet "${s.sheet}": ` : '') + describeSummary(s),
  );
  const left = totals(report).notReached;
  report.stopped.forEach((stop) => lines.push(`Stopped early: ${describeStop(stop, left)}`));
  const trouble = WORDS.webhookTrouble(report);
  if (trouble) lines.push(trouble);
  const people = WORDS.peopleTrouble(report) || WORDS.peopleIgnored(report);
  if (people) lines.push(people);
  return lines.join('\n');
}

export const WORDS = {
  busy: `Another ${TITLE} run is in progress. Try again in a minute; nothing was sent.`,
  busyFormSubmit: `${TITLE}: another run holds the lock; the next scheduled run sends this response.`,
  responseNotFollowed: (sheet: string, followed: string[]) =>
    `${TITLE}: a form response arrived in sheet "${sheet}", which is not followed (followed: ${followed.map((f) => `"${f}"`).join(', ')}); it was left alone. Add the sheet to CHAT_RELAY_CONFIG to relay its responses.`,
  cannot: (what: string, problems: string[]) =>
    `${TITLE} cannot ${what}: nothing was sent.\n\n${bullets(problems)}`,
  misconfigured: (problems: string[]) => `${TITLE} is misconfigured: ${problems.join('; ')}`,
  report: (report: RunReport) =>
    report.sheets.length === 1
      ? `${TITLE}, sheet "${report.sheets[0].sheet}": ${describeReport(report, { sheetNames: false })}`
      : `${TITLE}:\n\n${describeReport(report)}`,
  runLog: (origin: string, text: string) => `${TITLE} ${origin} run: ${text}`,
  /** Rows whose messages wait for the end of quiet hours: "3 messages held until 08:00 (quiet hours)". */
  heldForQuietHours: (messages: number, until: string) =>
    `${plural(messages, 'message')} held until ${until} (quiet hours)`,
  /** Reminders due that wait for the end of quiet hours: "1 reminder held until 08:00 (quiet hours)". */
  remindersHeld: (reminders: number, until: string) =>
    `${plural(reminders, 'reminder')} held until ${until} (quiet hours)`,
  /** Digests due that wait for the end of quiet hours, posted then as that day's. */
  digestsHeld: (digests: number, until: string) =>
    `${plural(digests, 'digest')} held until ${until} (quiet hours; the first run after posts ${digests === 1 ? 'it' : 'them'} as that day's)`,
  /** A form-submit run whose response waits for the end of quiet hours. */
  responseHeld: (until: string) =>
    `${TITLE}: the form response arrived in quiet hours: its message is held until ${until} and goes out with the first run after then.`,
  /** Said after a menu run that held messages: a person can still send a row now. */
  quietHoursHint: `Quiet hours: to send a row now anyway, select it and use ${TITLE} → Send selected rows.`,
  /** A form's sheet followed by default that does not take every top-level setting: what fell back. */
  formFallback: (sheet: string, unfit: UnfitSetting[]) =>
    `Sheet "${sheet}" is followed because a form writes to it, and not every top-level setting fits it: ${unfit
      .map((u) => `${u.path} (${u.why}): ${u.instead}`)
      .join(
        '; ',
      )}. Every other setting applies to it. List it in "sheets" to give it its own settings.`,
  /** Webhooks that stopped some rows, or null. */
  webhookTrouble: (report: RunReport): string | null => {
    const lines: string[] = [];
    report.refused.forEach((r) =>
      lines.push(
        `Chat refused the webhook in ${webhookProperty(r.webhook)}: ${r.message}. Its rows stay PENDING until it works again: check the Script Property, then use Test webhooks.`,
      ),
    );
    report.broken.forEach((b) =>
      lines.push(`${b.message}. Rows routed to it stay PENDING until it is fixed.`),
    );
    return lines.length ? lines.join('\n') : null;
  },
  /** The people directory could not be read when a mention needed it, or null. */
  peopleTrouble: (report: RunReport): string | null =>
    report.people && report.people.problem
      ? `The people directory cannot be read: ${report.people.problem}. Rows whose message pings someone from it stay PENDING until it is fixed.`
      : null,
  /** The directory's rows whose Chat user ID is not a numeric ID, by row number, or null. */
  peopleIgnored: (report: RunReport): string | null => {
    const people = report.people;
    if (!people || !people.ignored.length) return null;
    const shown = people.ignored
      .slice(0, PEOPLE_ROWS_NAMED)
      .map((i) => `row ${i.row} ("${i.value}")`);
    const more = people.ignored.length - shown.length;
    return `People directory, sheet "${people.sheet}": ${plural(people.ignored.length, 'row')} ignored, ${people.ignored.length === 1 ? 'its' : 'their'} Chat user ID not a numeric ID (users/123456789 or 123456789): ${shown.join(', ')}${more ? ` and ${more} more` : ''}.`;
  },
  notFollowed: (sheet: string, followed: string[]) =>
    `${TITLE} does not follow sheet "${sheet}" (it follows: ${followed.map((f) => `"${f}"`).join(', ')}). Select rows of a followed sheet, or add the sheet to CHAT_RELAY_CONFIG. Nothing was sent.`,
  progress: (done: number, total: number) => `Sent ${done} of ${total}…`,
  selectFirst: `${TITLE}: select the rows to send first (several ranges are fine).`,
  confirmSelected: (rows: number) =>
    `${TITLE}: send up to ${rows} selected rows to Chat now, changed or not? Each non-blank row becomes a message (about one a second).`,
  nothingSent: `${TITLE}: nothing was sent.`,
  noDataSelected: (sheet: string) =>
    `${TITLE}: the selection holds no data rows of sheet "${sheet}". Select rows below its header row.`,
  confirmMarkAll: (counts: Array<{ sheet: string; rows: number }>) =>
    `${TITLE}: mark ${counts.map((c) => `${plural(c.rows, 'row')} of sheet "${c.sheet}"`).join(', ')} as already sent? Nothing is posted for them now; only their later changes, and new rows, will be.`,
  nothingToMark: (sheets: string[]) =>
    `${TITLE}: every row of ${sheets.map((s) => `"${s}"`).join(', ')} is already sent or up to date; nothing to mark.`,
  nothingChanged: `${TITLE}: nothing was changed.`,
  fixConfigFirst: (problems: string[]) =>
    `${TITLE}: fix the configuration first; no trigger was changed.\n\n${bullets(problems)}`,
  triggersReport: (report: string[]) => `${TITLE} triggers:\n\n${report.join('\n')}`,
  /** Who hears of the failures of the triggers `email` just installed. */
  failureEmails: (email: string) =>
    `They run as you${email ? ` (${email})` : ''}: Apps Script e-mails a summary of their failures to the user who installed them, not to the spreadsheet's owner.`,
  /** Who installed the relay's triggers, as recorded by Install triggers and the sidebar's Start. */
  installedBy: (emails: string[]) => {
    if (!emails.length)
      return 'No installation of the triggers is recorded (Install triggers and Start record who installs them).';
    const who = emails.map((e) => e || 'a user whose address Apps Script did not tell');
    const list =
      who.length === 1 ? who[0] : `${who.slice(0, -1).join(', ')} and ${who[who.length - 1]}`;
    return who.length === 1
      ? `The triggers were installed by ${list}: they run as that user, and Apps Script e-mails their failures to that user.`
      : `The triggers were installed by ${list}: the relay runs under each of these accounts, and Apps Script e-mails each of them the failures of their own triggers.`;
  },
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
