/**
 * actionConfirm(params): the Confirm button of an action's page, with the
 * link's parameters as doGet received them. It checks the link again and,
 * under the script lock, reads the row again (found by its permanent row
 * ID): when the row already holds what the action writes, it is already
 * done; when the action's `when` no longer holds, it writes nothing and says
 * what the row holds now; otherwise it writes the row (write.ts) and, when
 * that leaves enough of the time a web request should take, relays the
 * row's sheet at once, so the update reply (which says who acted) reaches
 * Chat now instead of with the next scheduled run.
 *
 * The person is whoever Apps Script says the active user is; without an
 * address, nothing is written. Two people confirming at once are served one
 * after the other by the lock: the second finds the row done or no longer
 * matching. It returns a typed result and never throws.
 */
import { WritableProperties } from '../ports';
import { RunOutcome, relayUnderLock } from '../relay-under-lock';
import { readOnce } from '../services';
import { TITLE, safe } from '../wording';
import { NO_USER } from './open';
import {
  alreadyDoneMessage,
  doneMessage,
  noLongerMessage,
  plannedCells,
  standingOf,
} from './row-action';
import { readSecret, withoutSecret } from './secret';
import { ActionServices } from './services';
import { Target, locate, verifyLink } from './target';
import { writeAction } from './write';

export type ConfirmOutcome = 'done' | 'already-done' | 'no-longer' | 'refused';

/** What actionConfirm returns to the page (google.script.run passes plain objects). */
export interface ConfirmResult {
  ok: boolean;
  outcome: ConfirmOutcome;
  message: string;
}

/** How long a confirm waits for the script lock (a relay run may hold it). */
export const CONFIRM_LOCK_WAIT_MS = 10000;
/** The row's relay starts at once only this soon after the confirm started... */
export const RELAY_AT_ONCE_WITHIN_MS = 5000;
/** ...and starts no send later than this after it: a web request should take 30 s at most. */
export const RELAY_AT_ONCE_BUDGET_MS = 15000;

function result(outcome: ConfirmOutcome, message: string): ConfirmResult {
  return { ok: outcome === 'done' || outcome === 'already-done', outcome, message };
}

/** Whether the relay run sent the row's update (its sheet's summary counts a message sent). */
function sentNow(outcome: RunOutcome): boolean {
  return outcome.kind === 'done' && outcome.report.sheets.some((s) => s.sent > 0);
}

/**
 * The row's sheet relayed at once, under the lock the confirm holds (the row first), if the
 * confirm started recently enough; whether its update went out.
 */
function relayAtOnce(
  services: ActionServices,
  properties: WritableProperties,
  target: Target,
  startedAt: number,
): boolean {
  if (services.clock.now() - startedAt > RELAY_AT_ONCE_WITHIN_MS) return false;
  const sheetId = target.facts.sheetId;
  const position = target.position;
  try {
    const outcome = relayUnderLock(
      // The run reads the confirm's snapshot of the Script Properties: still one getProperties.
      { ...services, properties: () => properties },
      {
        origin: 'action',
        startedAt,
        budgetMs: RELAY_AT_ONCE_BUDGET_MS,
        select: (_table, sheet) =>
          sheet.getSheetId() === sheetId ? { kind: 'due', first: [position] } : null,
      },
    );
    return sentNow(outcome);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    services.log.log(safe(`${TITLE} web app: the relay after an action failed: ${message}`));
    return false;
  }
}

/** The action done on its row, under the lock: what it says. */
function doUnderLock(
  services: ActionServices,
  properties: WritableProperties,
  target: Target,
  user: string,
  startedAt: number,
): ConfirmResult {
  const cells = plannedCells(target, user);
  const standing = standingOf(target, cells);
  if (standing === 'already-done') return result('already-done', alreadyDoneMessage(target));
  if (standing === 'no-longer') return result('no-longer', noLongerMessage(target));
  writeAction(target, cells, user, services.clock.now());
  // Committed before the relay reads the row, and before another execution may take the lock.
  services.flush();
  const posted = relayAtOnce(services, properties, target, startedAt);
  const next = posted
    ? "The row's thread in Chat shows it now."
    : "The next run of Chat Relay posts it in the row's thread in Chat.";
  return result('done', `${doneMessage(cells)} ${next}`);
}

function confirmGuarded(
  services: ActionServices,
  properties: WritableProperties,
  params: unknown,
): ConfirmResult {
  const startedAt = services.clock.now();
  const facts = verifyLink(services, properties, params);
  if (!facts.ok) return result('refused', facts.error.message);
  const user = services.activeUser();
  if (user === '') return result('refused', `${NO_USER} Nothing was written.`);
  const lock = services.lock();
  if (!lock.tryLock(CONFIRM_LOCK_WAIT_MS))
    return result('refused', `${TITLE} is busy: try again in a minute. Nothing was written.`);
  try {
    const target = locate(services, properties, facts.value);
    if (!target.ok) return result('refused', target.error.message);
    return doUnderLock(services, properties, target.value, user, startedAt);
  } finally {
    lock.releaseLock();
  }
}

/** actionConfirm(params): never throws; no text it returns or logs holds the secret. */
export function confirmAction(services: ActionServices, params: unknown): ConfirmResult {
  let secret: string | null = null;
  const clean = (text: string) => withoutSecret(safe(text), secret);
  try {
    // Script Properties are read once: the configuration, the webhooks and the secret.
    const properties = readOnce(services.properties());
    secret = readSecret(properties);
    const done = confirmGuarded(services, properties, params);
    return { ...done, message: clean(done.message) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    services.log.log(clean(`${TITLE} web app: could not confirm an action: ${message}`));
    return result(
      'refused',
      `${TITLE} could not do that. Open the link again to see where the row stands.`,
    );
  }
}
