/**
 * The web app as the relay's runs see it: its URL (ScriptApp's, through the
 * services), the configuration problem of `actions` while there is none, and
 * the links of a table's actions as its messages carry them (link.ts),
 * signed with the run's secret (secret.ts).
 */
import { ConfigProblem, configProblem } from '../../config/problems';
import { RelaySettings, layoutOf, scopeOf } from '../../config/settings';
import { SheetSettings } from '../../config/sheet-settings';
import { safeActionLink } from '../../relay/compose/common';
import { ActionLinks } from '../../relay/message-context';
import { SigningUtilities, WritableProperties } from '../ports';
import { Services, lazy } from '../services';
import { actionLink, isActionLinkOf } from './link';
import { readSecret, secretOnFirstNeed } from './secret';

/** The web app's URL if a link can be built on it (HTTPS, or this machine's), else null. */
export function usableWebAppUrl(url: string | null): string | null {
  if (url === null || /[?#]/.test(url)) return null;
  return safeActionLink(url) === url ? url : null;
}

const HOW_TO_DEPLOY =
  'run "npm run deploy" once, which creates the web app (see docs/actions.md), or remove "actions"';

/**
 * A problem for each `actions` key of the settings while the web app its buttons lead to has no
 * usable URL (`webAppUrl` is asked only when some sheet has actions).
 */
export function webAppProblems(
  settings: RelaySettings,
  webAppUrl: () => string | null,
): ConfigProblem[] {
  const all: SheetSettings[] = settings.sheets
    ? settings.sheets.map((e) => e.settings)
    : [settings.defaults];
  const paths: string[] = [];
  all.forEach((s) => {
    const path = s.paths.actions || 'actions';
    if (s.actions.length && paths.indexOf(path) < 0) paths.push(path);
  });
  if (!paths.length) return [];
  const url = webAppUrl();
  if (usableWebAppUrl(url) !== null) return [];
  const why =
    url === null
      ? 'needs the web app its buttons open, but Chat Relay is not deployed as one (ScriptApp.getService().getUrl() gives no URL)'
      : 'needs the web app its buttons open, but the URL Apps Script gives for it cannot be used in a link';
  const layout = layoutOf(settings);
  return paths.map((path) =>
    configProblem(path, `${why}: ${HOW_TO_DEPLOY}`, scopeOf(path, layout) || undefined),
  );
}

/** The secret as a run signs with it: made on first need; checked against only if it exists. */
interface RunSecret {
  sign(): string;
  known(): string | null;
}

function runSecret(properties: WritableProperties, utilities: SigningUtilities): RunSecret {
  const made = secretOnFirstNeed(properties, utilities);
  let used: string | null = null;
  return {
    sign: () => (used = made()),
    known: () => used || readSecret(properties),
  };
}

/** The links of one sheet's actions, on the web app `url`, signed with `secret`. */
function sheetLinks(
  services: Pick<Services, 'clock' | 'utilities'>,
  url: () => string | null,
  secret: RunSecret,
  sheetId: () => number,
): ActionLinks {
  return {
    link: (label, rowId) => {
      const web = url();
      if (web === null) return null;
      const issued = Math.floor(services.clock.now() / 1000);
      const facts = { action: label, sheetId: sheetId(), rowId, issued };
      return actionLink(web, facts, secret.sign(), services.utilities);
    },
    isLink: (link, label, rowId) => {
      const web = url();
      const known = secret.known();
      if (web === null || known === null) return false;
      const expected = { webAppUrl: web, label, sheetId: sheetId(), rowId };
      return isActionLinkOf(link, expected, known, services.utilities);
    },
  };
}

/**
 * How a run links the actions of its sheets: one web app URL (asked on first use) and one
 * secret (read with the run's properties, made on first need) for every sheet.
 */
export function runActionLinks(
  services: Services,
  properties: WritableProperties,
): (sheetId: () => number) => ActionLinks {
  const url = lazy(() => usableWebAppUrl(services.webAppUrl()));
  const secret = runSecret(properties, services.utilities);
  return (sheetId) => sheetLinks(services, url, secret, sheetId);
}

/** A stand-in the preview signs with before any secret exists: its links are shown, never valid. */
const NO_SECRET_YET = 'no-secret-yet:the-first-message-with-a-button-makes-it';

/**
 * The links a preview shows: as a run would make them, but signed with the secret only if it
 * exists already (a preview writes nothing; before the first run, its buttons do not work).
 */
export function previewActionLinks(
  services: Services,
  properties: WritableProperties,
): (sheetId: () => number) => ActionLinks {
  const url = lazy(() => usableWebAppUrl(services.webAppUrl()));
  const existing = lazy(() => readSecret(properties));
  const secret: RunSecret = {
    sign: () => existing() || NO_SECRET_YET,
    known: () => existing(),
  };
  return (sheetId) => sheetLinks(services, url, secret, sheetId);
}
