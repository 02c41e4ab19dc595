/** The types of the web app's entry points (src/index.ts): doGet's event, actionConfirm's result. */
export type { ConfirmOutcome, ConfirmResult } from './confirm';
export type { WebAppEvent } from './open';
