/**
 * doGet: opening an action's link. It checks the link (signature, age), finds
 * its row by the row's permanent ID and shows the confirmation page: the
 * row's title, what will be written, as whom, and a Confirm button. It writes
 * nothing at all: no cell, no property (not even the secret). A link that
 * acts on nothing, a row where the action is done or no longer possible, or
 * a visitor Apps Script does not name get a page that says so, and no button.
 */
import { PropertyStore } from '../../ports';
import { rowTitle } from '../../relay/message-context';
import { readOnce } from '../services';
import { TITLE, safe } from '../wording';
import { confirmationPage, messagePage } from './page';
import {
  alreadyDoneMessage,
  changeText,
  noLongerMessage,
  plannedCells,
  standingOf,
} from './row-action';
import { readSecret, withoutSecret } from './secret';
import { ActionServices, HtmlPage } from './services';
import { Target, locate, verifyLink } from './target';

/** The part of doGet's event that the web app reads. */
export interface WebAppEvent {
  parameter?: unknown;
}

/** Why nothing can be done for a visitor Apps Script does not name. */
export const NO_USER =
  'Chat Relay cannot tell who you are: Apps Script gives no e-mail address for you (you are signed in with an account outside the spreadsheet\u2019s Google Workspace domain, or not signed in). Open the link signed in with your work account.';

/** The page of a link that acts on its row, as `user` sees it; `params` go back to actionConfirm. */
function pageOf(target: Target, user: string, params: unknown): string {
  const title = rowTitle(target.opened.table, target.opened.rules, target.place, target.row);
  const label = target.action.label;
  const cells = plannedCells(target, user);
  const standing = standingOf(target, cells);
  if (standing === 'already-done') return messagePage(label, alreadyDoneMessage(target), title);
  if (standing === 'no-longer') return messagePage(label, noLongerMessage(target), title);
  if (user === '') return messagePage(label, `${NO_USER} Nothing was written.`, title);
  return confirmationPage({
    action: label,
    sheet: target.opened.table.name,
    title,
    changes: cells.map((c) => ({ label: c.label, ...changeText(c) })),
    user,
    params,
  });
}

/** The HTML of the page for `e`: reads only. */
function htmlFor(
  services: ActionServices,
  properties: PropertyStore,
  e: WebAppEvent | undefined,
): string {
  const parameter = e ? e.parameter : undefined;
  const facts = verifyLink(services, properties, parameter);
  if (!facts.ok) return messagePage('Link not valid', facts.error.message);
  const target = locate(services, properties, facts.value);
  if (!target.ok) return messagePage('Nothing to do', target.error.message);
  return pageOf(target.value, services.activeUser(), parameter);
}

/** doGet(e): the page of an action's link. Never throws; writes nothing. */
export function openAction(services: ActionServices, e?: WebAppEvent): HtmlPage {
  let html: string;
  let secret: string | null = null;
  try {
    // Script Properties are read once: the configuration, the webhooks and the secret.
    const properties = readOnce(services.properties());
    secret = readSecret(properties);
    html = htmlFor(services, properties, e);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    services.log.log(
      withoutSecret(safe(`${TITLE} web app: could not open a link: ${message}`), secret),
    );
    html = messagePage(
      'Something went wrong',
      'Chat Relay could not open this link. Nothing was written.',
    );
  }
  return services.createHtmlOutput(withoutSecret(safe(html), secret)).setTitle(TITLE);
}
