/**
 * What a run receives from src/index.ts: every Apps Script service behind a
 * narrow interface, fetched lazily, so that a trigger run never touches the
 * UI and an idle run touches nothing it does not need.
 */
import {
  Clock,
  HttpFetcher,
  Lock,
  Logger,
  PropertyStore,
  SpreadsheetLike,
  TriggerService,
  UiLike,
} from './services';

export interface Services {
  http(): HttpFetcher;
  properties(): PropertyStore;
  spreadsheet(): SpreadsheetLike;
  /** SpreadsheetApp.flush(): commits pending sheet writes. */
  flush(): void;
  ui(): UiLike;
  lock(): Lock;
  triggers(): TriggerService;
  clock: Clock;
  random(): number;
  log: Logger;
}

/** How long each kind of run waits for the script lock. */
export const LOCK_WAIT_MS = {
  /** A scheduled run that finds the lock taken leaves its work for the next run. */
  scheduled: 1000,
  /** A form submission waits a little: its row is otherwise sent by the next scheduled run. */
  formSubmit: 30000,
  /** A menu action tells the user another run is in progress. */
  menu: 5000,
};

export const TITLE = 'Chat Relay';

/** Memoises a service getter, so a run fetches each service at most once. */
export function lazy<T>(get: () => T): () => T {
  let value: { v: T } | null = null;
  return () => {
    if (value === null) value = { v: get() };
    return value.v;
  };
}
