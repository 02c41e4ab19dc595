export * from './authorization';
export * from './clock';
export * from './context';
export * from './errors';
export * from './lock';
export * from './properties';
export * from './spreadsheet';
export * from './triggers';
export * from './urlfetch';
export * from './webapp';
export * from './xlsx';
export * from './xlsx-relay';
export { WorkbookFileError } from './xlsx-file';
export { findRelayColumns, RELAY_COLUMN_HEADERS, type RelayColumns } from './relay-columns';
export {
  applyRelayJournal,
  readRelayJournal,
  relayJournalOf,
  relayJournalPath,
  removeRelayJournal,
  writeRelayJournal,
  type RelayJournal,
} from './relay-journal';
export { formatJavaDate } from './java-date';
export { DEFAULT_DATE_TIME_FORMAT, formatCell, generalNumber, isDateFormat } from './number-format';
export { dateToSerial, serialToDate } from './time';
export { HtmlOutputFake, HtmlServiceFake, XFrameOptionsMode } from './html';
export type { DialogRecord, LogEntry, MenuItem, UiRecord } from './services';
