/**
 * What a use case receives: every Apps Script service behind a narrow
 * interface, fetched lazily, so that a trigger run never touches the UI and
 * an idle run touches nothing it does not need. appsScriptServices() wires
 * in the real ones; tests hand in the local runtime's.
 */
import { Clock, HttpFetcher, Logger, PropertyStore, RichTextFactory } from '../ports';
import { Lock, SpreadsheetLike, TriggerService, UiLike } from './ports';

/** Script Properties: read once per run, and written where a run keeps something (setProperty). */
export interface ScriptProperties extends PropertyStore {
  setProperty(key: string, value: string): unknown;
}

export interface Services {
  http(): HttpFetcher;
  properties(): ScriptProperties;
  spreadsheet(): SpreadsheetLike;
  /** SpreadsheetApp.flush(): commits pending sheet writes. */
  flush(): void;
  ui(): UiLike;
  lock(): Lock;
  triggers(): TriggerService;
  /** SpreadsheetApp.newRichTextValue(): links in cells. */
  richText: RichTextFactory;
  clock: Clock;
  random(): number;
  log: Logger;
}

/** Memoises a service getter, so a run fetches each service at most once. */
export function lazy<T>(get: () => T): () => T {
  let value: { v: T } | null = null;
  return () => {
    if (value === null) value = { v: get() };
    return value.v;
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
    random: () => Math.random(),
    log: { log: (message) => console.log(message) },
  };
}
