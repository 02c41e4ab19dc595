/**
 * Shared by the tests of actions (test/e2e/actions.test.ts, the kill test):
 * the web app's URL, a Claim action, and the links a message carries.
 */
import { harness, type Harness, type HarnessOptions } from '../../local/harness';

export const WEB_APP = 'https://script.google.com/a/macros/example.com/s/AKfyDEPLOYMENT/exec';

export const CLAIM = {
  label: 'Claim',
  when: { column: 'Status', equals: 'New' },
  set: { Owner: '{{_user}}', Status: 'Claimed' },
};
export const RESOLVE = {
  label: 'Resolve',
  when: { column: 'Status', equals: 'Claimed' },
  set: { Status: 'Resolved', 'Resolved at': '{{_now}}' },
};

export const TICKETS = {
  name: 'Tickets',
  rows: [
    ['ID', 'Title', 'Status', 'Owner', 'Resolved at'],
    ['T-1', 'Printer on fire', 'New', '', ''],
    ['T-2', 'VPN down', 'New', '', ''],
    ['T-3', 'Badge reader', 'Claimed', 'bo@example.com', ''],
  ],
};

export type Params = Record<string, string>;

/** A harness whose Tickets sheet has Claim and Resolve, with the web app deployed. */
export function actionsHarness(options: HarnessOptions = {}): Harness {
  const h = harness({
    format: 'card',
    sheets: [TICKETS],
    config: { actions: [CLAIM, RESOLVE] },
    ...options,
  });
  h.runtime.webApp = { url: WEB_APP };
  return h;
}

/** The query of a link, decoded, as Apps Script hands it to doGet in e.parameter. */
export function paramsOf(url: string): Params {
  const query = url.slice(url.indexOf('?') + 1);
  return Object.fromEntries(
    query.split('&').map((kv) => {
      const eq = kv.indexOf('=');
      return [kv.slice(0, eq), decodeURIComponent(kv.slice(eq + 1))];
    }),
  );
}

/** Every action link of a message: [label, url], from its buttons (card) or its links (text). */
export function linksOf(message: Record<string, unknown>): Array<[string, string]> {
  const text = JSON.stringify(message);
  const out: Array<[string, string]> = [];
  const button = /"text":"([^"]+)","onClick":\{"openLink":\{"url":"([^"]+)"/g;
  for (let m = button.exec(text); m; m = button.exec(text)) out.push([m[1], m[2]]);
  const inText = /<([^<>|]+)\|([^<>]+)>/g;
  const body = String(message.text ?? '');
  for (let m = inText.exec(body); m; m = inText.exec(body)) out.push([m[2], m[1]]);
  return out.filter(([, url]) => url.startsWith(WEB_APP));
}

/** The link of `label` in the latest message about `key` that has one. */
export function linkFor(h: Harness, key: string, label: string): string {
  const links = h
    .messages()
    .filter((m) => JSON.stringify(m).includes(key))
    .map((m) => linksOf(m as unknown as Record<string, unknown>).filter(([l]) => l === label))
    .filter((found) => found.length);
  if (!links.length) throw new Error(`no ${label} link in a message about ${key}`);
  return links[links.length - 1][0][1];
}
