/**
 * What the web app's entry points (doGet, actionConfirm) need beyond a run's
 * services: who the visitor is, and a page to answer with.
 */
import { Services, appsScriptServices } from '../services';

/** HtmlService.HtmlOutput, narrowed. */
export interface HtmlPage {
  setTitle(title: string): HtmlPage;
}

export interface ActionServices extends Services {
  /**
   * Session.getActiveUser().getEmail(): the person who opened the link or confirms; '' when
   * Apps Script does not tell (outside the script's Google Workspace domain, not signed in).
   */
  activeUser(): string;
  createHtmlOutput(html: string): HtmlPage;
}

/** The real Apps Script services, each fetched only when first used. */
export function actionServices(): ActionServices {
  return {
    ...appsScriptServices(),
    activeUser: () => {
      try {
        return Session.getActiveUser().getEmail() || '';
      } catch {
        return '';
      }
    },
    createHtmlOutput: (html) => HtmlService.createHtmlOutput(html),
  };
}
