/**
 * What the sidebar's use cases need beyond a run's services: writing Script
 * Properties, the current user's properties (where the schedule's period is
 * recorded), the active cell, and showing the sidebar.
 */
import { SheetRange, WritableProperties } from '../ports';
import { Services, appsScriptServices, lazy } from '../services';

export type { WritableProperties } from '../ports';

/** HtmlService.HtmlOutput, narrowed. */
export interface HtmlOutputLike {
  setTitle(title: string): HtmlOutputLike;
  setWidth(width: number): HtmlOutputLike;
}

export interface SettingsServices extends Services {
  /** The Script Properties, writable (the same store as properties()). */
  scriptProperties(): WritableProperties;
  /** PropertiesService.getUserProperties(): this user's, for this script. */
  userProperties(): WritableProperties;
  /** The active range of the active sheet, or null. */
  activeRange(): SheetRange | null;
  createHtmlOutput(html: string): HtmlOutputLike;
  showSidebar(output: HtmlOutputLike): void;
}

/** The real Apps Script services, each fetched only when first used. */
export function settingsServices(): SettingsServices {
  const base = appsScriptServices();
  const script = lazy(() => PropertiesService.getScriptProperties());
  return {
    ...base,
    properties: script,
    scriptProperties: script,
    userProperties: lazy(() => PropertiesService.getUserProperties()),
    activeRange: () => SpreadsheetApp.getActiveSpreadsheet().getActiveRange(),
    createHtmlOutput: (html) => HtmlService.createHtmlOutput(html),
    showSidebar: (output) =>
      SpreadsheetApp.getUi().showSidebar(output as GoogleAppsScript.HTML.HtmlOutput),
  };
}
