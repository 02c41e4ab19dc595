/**
 * What a simple trigger may do. Apps Script runs a bound script's `onOpen(e)`
 * as a simple trigger, in ScriptApp.AuthMode.LIMITED, without asking the user
 * for authorisation: it may use the spreadsheet it is bound to, its UI menus,
 * properties, locks, Utilities, Logger and console, but no service that needs
 * an OAuth scope, and it runs for at most 30 seconds
 * (developers.google.com/apps-script/guides/triggers, "Restrictions").
 *
 * Calling such a service throws the exception Apps Script gives, e.g.
 * "You do not have permission to call UrlFetchApp.fetch. Required permissions:
 * https://www.googleapis.com/auth/script.external_request". The wording is
 * Apps Script's as seen in execution logs of onOpen triggers for
 * UrlFetchApp.fetch, ScriptApp.getProjectTriggers, SpreadsheetApp.openById
 * and Ui.showSidebar; the other methods listed follow the same pattern.
 * A method of a service object names its class only ("Ui.showSidebar").
 */
import { exception } from './errors';

/** A simple trigger's execution time limit. */
export const SIMPLE_TRIGGER_MAX_MS = 30000;

const SCOPE = {
  externalRequest: 'https://www.googleapis.com/auth/script.external_request',
  scriptApp: 'https://www.googleapis.com/auth/script.scriptapp',
  spreadsheets: 'https://www.googleapis.com/auth/spreadsheets',
  containerUi: 'https://www.googleapis.com/auth/script.container.ui',
};

/** The methods (API.method, as the runtime names them) a LIMITED execution may not call, with the scope each needs. */
const NEEDS_AUTHORIZATION: ReadonlyMap<string, string> = new Map([
  ['UrlFetchApp.fetch', SCOPE.externalRequest],
  ['UrlFetchApp.fetchAll', SCOPE.externalRequest],
  ['UrlFetchApp.getRequest', SCOPE.externalRequest],
  ['ScriptApp.getProjectTriggers', SCOPE.scriptApp],
  ['ScriptApp.getUserTriggers', SCOPE.scriptApp],
  ['ScriptApp.newTrigger', SCOPE.scriptApp],
  ['ScriptApp.deleteTrigger', SCOPE.scriptApp],
  ['SpreadsheetApp.openById', SCOPE.spreadsheets],
  ['SpreadsheetApp.Ui.showSidebar', SCOPE.containerUi],
  ['SpreadsheetApp.Ui.showModalDialog', SCOPE.containerUi],
  ['SpreadsheetApp.Ui.showModelessDialog', SCOPE.containerUi],
]);

/**
 * The exception Apps Script throws when a LIMITED execution calls `method`
 * of `api` (e.g. "UrlFetchApp", "SpreadsheetApp.Ui"), or null when it may.
 */
export function limitedModeError(api: string, method: string): Error | null {
  const scope = NEEDS_AUTHORIZATION.get(`${api}.${method}`);
  if (scope === undefined) return null;
  const shown = api.includes('.') ? api.slice(api.lastIndexOf('.') + 1) : api;
  return exception(
    `You do not have permission to call ${shown}.${method}. Required permissions: ${scope}`,
  );
}

/**
 * `service` as a simple trigger sees it while `limited()` is true: the
 * methods that need authorisation throw limitedModeError. For code that uses
 * the runtime's services directly (the unit tests' rig); the vm runtime
 * checks every call itself.
 */
export function limitedWhen<T extends object>(service: T, api: string, limited: () => boolean): T {
  return new Proxy(service, {
    get(target, prop, receiver) {
      const member = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== 'string' || typeof member !== 'function') return member;
      return (...args: unknown[]) => {
        const denied = limited() ? limitedModeError(api, prop) : null;
        if (denied) throw denied;
        return (member as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
