/**
 * Menu → Settings…: the sidebar, its HTML, CSS and JS embedded in the bundle
 * (rollup imports sidebar.html as a string; clasp pushes only dist/Code.js).
 */
import SIDEBAR_HTML from './sidebar.html';
import { TITLE } from '../wording';
import { SettingsServices } from './services';

/** Sheets sidebars are 300 px wide. */
export const SIDEBAR_WIDTH = 300;

export function openSettings(services: SettingsServices): void {
  services.showSidebar(
    services.createHtmlOutput(SIDEBAR_HTML).setTitle(TITLE).setWidth(SIDEBAR_WIDTH),
  );
}
