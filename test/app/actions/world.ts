/**
 * The web app's unit tests' world: the rig's services (test/support/rig.ts)
 * plus what the web app adds (the visitor, HtmlService), a Tickets sheet with
 * Claim and Resolve, the web app deployed at WEB_APP, and its rows sent once
 * by a scheduled run, so that each row has its permanent ID and its message
 * its action links.
 */
import { HtmlOutputFake, HtmlServiceFake } from '../../../local/runtime';
import { ActionServices } from '../../../src/app/actions/services';
import { runScheduled } from '../../../src/app/run-scheduled';
import { CLAIM, RESOLVE, TICKETS, WEB_APP, linksOf, paramsOf } from '../../support/actions';
import { appRig } from '../../support/rig';

export interface ActionWorld extends ReturnType<typeof appRig> {
  actions: ActionServices;
  /** The visitor Apps Script names ('' for none). */
  visitor: { email: string };
  pages: HtmlOutputFake[];
  /** The e.parameter of `label`'s link in the latest message about `key`. */
  params(key: string, label: string): Record<string, string>;
}

export function actionWorld(config: Record<string, unknown> = {}): ActionWorld {
  const rig = appRig({
    context: 'trigger',
    properties: (hook) => ({
      CHAT_WEBHOOK_URL: hook('AAAA'),
      CHAT_RELAY_CONFIG: JSON.stringify({ format: 'card', actions: [CLAIM, RESOLVE], ...config }),
    }),
  });
  rig.workbook.addSheet(TICKETS.name, TICKETS.rows);
  const visitor = { email: 'ana@example.com' };
  const html = new HtmlServiceFake();
  const pages: HtmlOutputFake[] = [];
  const actions: ActionServices = {
    ...rig.services,
    webAppUrl: () => WEB_APP,
    activeUser: () => visitor.email,
    createHtmlOutput: (text) => {
      const page = html.createHtmlOutput(text);
      pages.push(page);
      return page;
    },
  };
  runScheduled(actions);
  const params = (key: string, label: string) => {
    const links = rig.chat
      .messages('AAAA')
      .filter((m) => JSON.stringify(m).includes(key))
      .flatMap((m) => linksOf(m as unknown as Record<string, unknown>))
      .filter(([l]) => l === label);
    if (!links.length) throw new Error(`no ${label} link about ${key}`);
    return paramsOf(links[links.length - 1][1]);
  };
  return { ...rig, actions, visitor, pages, params };
}

/** The Tickets sheet's cells as shown, by header. */
export function cellsOf(w: ActionWorld, key: string): Record<string, string> {
  const rows = w.workbook.getSheetByName('Tickets')!.displayRows() as string[][];
  const header = rows[0];
  const row = rows.find((r) => r[0] === key)!;
  return Object.fromEntries(header.map((h, i) => [h, row[i]]));
}
