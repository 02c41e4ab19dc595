/**
 * What a use case receives: every Apps Script service behind a narrow
 * interface, fetched lazily, so that a trigger run never touches the UI and
 * an idle run touches nothing it does not need. appsScriptServices() wires
 * in the real ones; tests hand in the local runtime's.
 */
import { Clock, HttpFetcher, Logger, RichTextFactory, SpreadsheetTimeZone } from '../ports';
import {
  Lock,
  SigningUtilities,
  SpreadsheetLike,
  TriggerService,
  UiLike,
  WritableProperties,
} from './ports';

export interface Services {
  http(): HttpFetcher;
  /** The Script Properties: read once per run (see readOnce), written at most once at its end. */
  properties(): WritableProperties;
  spreadsheet(): SpreadsheetLike;
  /** SpreadsheetApp.flush(): commits pending sheet writes. */
  flush(): void;
  ui(): UiLike;
  lock(): Lock;
  triggers(): TriggerService;
  /** SpreadsheetApp.newRichTextValue(): links in cells. */
  richText: RichTextFactory;
  clock: Clock;
  /** Utilities.formatDate: an instant as a clock in `timeZone` shows it, in a SimpleDateFormat pattern. */
  formatDate(date: Date, timeZone: string, pattern: string): string;
  random(): number;
  log: Logger;
  /**
   * Session.getEffectiveUser().getEmail(): the user the script runs as (who
   * installs triggers from the menu or the sidebar); '' when Apps Script does
   * not tell.
   */
  effectiveUser(): string;
  /**
   * ScriptApp.getService().getUrl(): the URL of the script's web app, where the buttons of
   * actions lead; null while it is not deployed (see src/app/actions/).
   */
  webAppUrl(): string | null;
  /** Utilities: the signatures of the actions' links, and their secret's randomness. */
  utilities: SigningUtilities;
}

/** Memoises a service getter, so a run fetches each service at most once. */
export function lazy<T>(get: () => T): () => T {
  let value: { v: T } | null = null;
  return () => {
    if (value === null) value = { v: get() };
    return value.v;
  };
}

/**
 * The store as one run sees it: getProperties() is asked of `store` once, on
 * first use, and every later read (getProperties or getProperty) is served
 * from that snapshot. Writes go to the store (the snapshot is not updated).
 */
export function readOnce(store: WritableProperties): WritableProperties {
  const snapshot = lazy(() => store.getProperties() || {});
  return {
    getProperties: () => snapshot(),
    getProperty: (key) =>
      Object.prototype.hasOwnProperty.call(snapshot(), key) ? snapshot()[key] : null,
    setProperty: (key, value) => store.setProperty(key, value),
    deleteProperty: (key) => store.deleteProperty(key),
  };
}

/**
 * The spreadsheet's time zone (the core's port), the one implementation: its name asked
 * of the spreadsheet on first use only, its clocks read with Utilities.formatDate.
 */
export function spreadsheetTimeZone(
  services: Pick<Services, 'formatDate'>,
  spreadsheet: () => { getSpreadsheetTimeZone(): string },
): SpreadsheetTimeZone {
  const name = lazy(() => spreadsheet().getSpreadsheetTimeZone());
  return {
    name,
    format: (ms, pattern, zone) =>
      services.formatDate(new Date(ms), zone === undefined ? name() : zone, pattern),
  };
}

/** The real Apps Script services, each fetched only when first used. */
export function appsScriptServices(): Services {
  return {
    http: () => UrlFetchApp,
    properties: lazy(() => PropertiesService.getScriptProperties()),
    spreadsheet: lazy(() => SpreadsheetApp.getActiveSpreadsheet()),
    flush: () => SpreadsheetApp.flush(),
    ui: lazy(() => SpreadsheetApp.getUi()),
    lock: lazy(() => LockService.getScriptLock()),
    triggers: () => ScriptApp,
    richText: {
      link: (text, url) => SpreadsheetApp.newRichTextValue().setText(text).setLinkUrl(url).build(),
      plain: (text) => SpreadsheetApp.newRichTextValue().setText(text).build(),
    },
    clock: { now: () => Date.now(), sleep: (ms) => Utilities.sleep(ms) },
    formatDate: (date, timeZone, pattern) => Utilities.formatDate(date, timeZone, pattern),
    random: () => Math.random(),
    log: { log: (message) => console.log(message) },
    effectiveUser: () => {
      try {
        return Session.getEffectiveUser().getEmail() || '';
      } catch {
        // Without the userinfo.email scope, or where policies hide it.
        return '';
      }
    },
    webAppUrl: () => {
      try {
        return ScriptApp.getService().getUrl() || null;
      } catch {
        return null;
      }
    },
    utilities: Utilities,
  };
}
