/** What a run did, per sheet, and why it stopped early if it did. */
import { PeopleReport } from './people';

export interface SheetSummary {
  sheet: string;
  /** Rows that needed (or were asked for) a message, or ended without one. */
  planned: number;
  sent: number;
  /** Left PENDING after a transient failure or a refused webhook. */
  pending: number;
  failed: number;
  /** Changed only in ways no message shows (a moved column, an unwatched column). */
  quiet: number;
  /** Recorded as sent without a message (Mark all rows as sent). */
  marked: number;
  /** SENT rows whose hidden bookkeeping was lost and rebuilt, without a message. */
  rebuilt: number;
  /**
   * Rows in flight whose Chat Outbox held something the relay did not write (damaged, or
   * edited by hand): not sent as it was, but built again from the row.
   */
  outboxRebuilt: number;
  /** Rows whose last delivery a stopped run had not finished recording, recorded now without a message. */
  repaired: number;
  /** Kept PENDING because their webhook cannot be used. */
  held: number;
  /** Kept PENDING because their message pings someone from the people directory, which cannot be read. */
  waitsForPeople: number;
  /** Rows moved to another space by their route (a note left in the old thread). */
  moved: number;
  /** Reminders posted in rows' threads (`reminders`). */
  reminded: number;
  /** Never posted rows that do not match sendWhen yet. */
  waiting: number;
  /** Planned but left for the next run (time limit, Chat unavailable, sheet changed). */
  notReached: number;
  /** Rows whose message waits for the end of quiet hours: not written, not PENDING (relay/quiet-hours.ts). */
  heldForQuietHours: number;
  /** Reminders due but held for the end of quiet hours: they go out with the first run after. */
  remindersHeld: number;
  /** Of those, the rows the run was asked to send first (a submitted form response). */
  heldSubmitted: number;
  /** When the sheet's quiet hours end ("08:00"), if they were on for this run; else ''. */
  quietUntil: string;
  /** Digests posted (relay/digests.ts). */
  digests: number;
  /** Digests due but not posted: Chat failed for now, or the webhook cannot be used; retried by the next run that day. */
  digestsLeft: number;
  /** Digests Chat refused: not tried again that day. */
  digestsFailed: number;
  /** Digests due but held for the end of quiet hours: the first run after posts them, as that day's. */
  digestsHeld: number;
}

export type StopReason =
  /** Apps Script's time limit for a run was reached. */
  | { kind: 'time-limit' }
  /** Chat kept failing for a space (transient failures in a row). */
  | { kind: 'chat-unavailable'; space: string; detail: string }
  /** Rows or columns could not be found again. */
  | { kind: 'sheet-changed'; sheet: string; detail: string };

/** A webhook that stopped some rows: refused by Chat, or unusable as configured. */
export interface WebhookTrouble {
  webhook: string;
  message: string;
}

export interface RunReport {
  sheets: SheetSummary[];
  /** The people directory, when a mention needed it in this run: its rows ignored, or why it cannot be read. */
  people?: PeopleReport;
  /** Why some rows were left for later, if they were. */
  stopped: StopReason[];
  refused: WebhookTrouble[];
  broken: WebhookTrouble[];
}

export function emptySummary(sheet: string): SheetSummary {
  return {
    sheet,
    planned: 0,
    sent: 0,
    pending: 0,
    failed: 0,
    quiet: 0,
    marked: 0,
    rebuilt: 0,
    outboxRebuilt: 0,
    repaired: 0,
    held: 0,
    waitsForPeople: 0,
    moved: 0,
    reminded: 0,
    waiting: 0,
    notReached: 0,
    heldForQuietHours: 0,
    remindersHeld: 0,
    heldSubmitted: 0,
    quietUntil: '',
    digests: 0,
    digestsLeft: 0,
    digestsFailed: 0,
    digestsHeld: 0,
  };
}

/** The counts of every sheet added up (the texts, such as the sheet's name, left empty). */
export function totals(report: RunReport): SheetSummary {
  const total = emptySummary('');
  report.sheets.forEach((s) => {
    (Object.keys(total) as Array<keyof SheetSummary>).forEach((k) => {
      if (typeof total[k] === 'number') (total[k] as number) += s[k] as number;
    });
  });
  return total;
}
