/**
 * A stand-in for the relay's web app (issue 17's contract between the bundle
 * and the local tools), to test the local runtime's web app, its server and
 * the browser loop without the real bundle's actions:
 *
 * - postCards(): posts one card per row of "Tickets" (ID, Title, Status,
 *   Owner) in the row's thread; a row whose Status is New gets a "Claim"
 *   openLink button to ScriptApp.getService().getUrl() + ?a=0&r=<ID>&t=<now>&sig=<HMAC>.
 * - doGet(e): a page naming the row and the visitor
 *   (Session.getActiveUser().getEmail()), with the parameters as doGet got
 *   them (JSON in the page) and a Confirm button that calls
 *   google.script.run.withSuccessHandler(show).actionConfirm(params). A bad
 *   signature gets a page saying so. It records e in the EVENTS property.
 * - actionConfirm(params): {ok, outcome, message}, never throws: refused
 *   without an active user or with a bad signature; under the script lock,
 *   "no-longer" when Status is not New any more, "already-done" when the row
 *   already is the visitor's; else writes Owner and Status in one call and
 *   posts the reply "Owner: (empty) → <user> · claimed from Chat by <user>"
 *   in the row's thread.
 */
import { inProcessTransport } from '../../local/chat-emulator/in-process';
import { ChatStore } from '../../local/chat-emulator/store';
import { AppsScriptRuntime, FakeClock, PropertyStoreFake, Workbook } from '../../local/runtime';

export const WEB_APP_STAND_IN = String.raw`
function hmac_(text) {
  var props = PropertiesService.getScriptProperties();
  var bytes = Utilities.computeHmacSha256Signature(text, props.getProperty('ACTION_SECRET'));
  return bytes.map(function (b) { return ('0' + (b & 255).toString(16)).slice(-2); }).join('');
}
function esc_(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
function post_(message) {
  var hook = PropertiesService.getScriptProperties().getProperty('CHAT_WEBHOOK_URL');
  Utilities.sleep(1000); // Chat takes one message a second per space
  UrlFetchApp.fetch(hook + '&messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD', {
    method: 'post', contentType: 'application/json; charset=UTF-8', payload: JSON.stringify(message)
  });
}
function rows_() {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Tickets');
  return { sheet: sheet, values: sheet.getDataRange().getValues() };
}
function postCards() {
  var url = ScriptApp.getService().getUrl();
  var values = rows_().values;
  for (var i = 1; i < values.length; i++) {
    var id = String(values[i][0]);
    var buttons = [];
    if (url && values[i][2] === 'New') {
      var t = String(Math.floor(Date.now() / 1000));
      buttons.push({ text: 'Claim', onClick: { openLink: { url: url + '?a=0&r=' + encodeURIComponent(id) + '&t=' + t + '&sig=' + hmac_('0|' + id + '|' + t) } } });
    }
    post_({ thread: { threadKey: id }, cardsV2: [{ cardId: 'row', card: {
      header: { title: id + ' · ' + values[i][1], subtitle: 'New row in Tickets' },
      sections: [{ widgets: [{ buttonList: { buttons: buttons } }] }] } }] });
  }
}
function signed_(p) {
  return !!p && p.sig === hmac_(p.a + '|' + p.r + '|' + p.t);
}
function doGet(e) {
  var props = PropertiesService.getScriptProperties();
  props.setProperty('EVENTS', JSON.stringify(JSON.parse(props.getProperty('EVENTS') || '[]').concat([e])));
  var p = e.parameter;
  var user = Session.getActiveUser().getEmail();
  var body = !signed_(p)
    ? '<h1 id="title">This link is not valid</h1>'
    : '<h1 id="title">Claim ' + esc_(p.r) + '</h1><p id="who">as ' + esc_(user || 'nobody') + '</p>' +
      '<button id="confirm">Confirm</button><p id="result" role="status"></p>' +
      '<script>var params = ' + JSON.stringify(p).replace(/</g, '\\u003c') + ';' +
      'document.getElementById("confirm").onclick = function () {' +
      '  this.disabled = true;' +
      '  google.script.run.withSuccessHandler(function (r) {' +
      '    var out = document.getElementById("result"); out.textContent = r.message; out.setAttribute("data-outcome", r.outcome);' +
      '  }).withFailureHandler(function (error) { document.getElementById("result").textContent = "Failed: " + error.message; })' +
      '  .actionConfirm(params);' +
      '};</script>';
  return HtmlService.createHtmlOutput('<!doctype html><html><head><meta charset="utf-8"></head><body>' + body + '</body></html>')
    .setTitle('Chat Relay · Claim')
    .addMetaTag('viewport', 'width=device-width, initial-scale=1');
}
function actionConfirm(params) {
  var user = Session.getActiveUser().getEmail();
  if (!user) return { ok: false, outcome: 'refused', message: 'Nothing was written: Apps Script does not say who you are.' };
  if (!signed_(params)) return { ok: false, outcome: 'refused', message: 'Nothing was written: this link is not valid.' };
  var lock = LockService.getScriptLock();
  lock.waitLock(10000);
  try {
    var table = rows_();
    for (var i = 1; i < table.values.length; i++) {
      if (String(table.values[i][0]) !== params.r) continue;
      var status = table.values[i][2], owner = table.values[i][3];
      if (status === 'Claimed' && owner === user) return { ok: true, outcome: 'already-done', message: 'Already done.' };
      if (status !== 'New') return { ok: false, outcome: 'no-longer', message: 'Nothing was written: already claimed by ' + owner + '.' };
      table.sheet.getRange(i + 1, 3, 1, 2).setValues([['Claimed', user]]);
      SpreadsheetApp.flush();
      post_({ thread: { threadKey: params.r }, text: 'Owner: (empty) → ' + user + ' · claimed from Chat by ' + user });
      return { ok: true, outcome: 'done', message: 'Done: ' + params.r + ' is claimed by ' + user + '.' };
    }
    return { ok: false, outcome: 'refused', message: 'Nothing was written: no row ' + params.r + '.' };
  } finally {
    lock.releaseLock();
  }
}
`;

/** The stand-in's workbook: four tickets, two of them New. */
export const STAND_IN_TICKETS: unknown[][] = [
  ['ID', 'Title', 'Status', 'Owner'],
  ['T-1', 'Printer on fire', 'New', ''],
  ['T-2', 'Coffee machine', 'Claimed', 'bob@example.com'],
  ['T-3', 'Badge reader <door B>', 'New', ''],
];

export const STAND_IN_SPACE = 'AAAAactions';

/** The stand-in bundle in a runtime on a fake clock, posting to an in-process Chat emulator. */
export function standIn(options: { userEmail?: string } = {}) {
  const clock = new FakeClock(Date.UTC(2026, 2, 2, 9, 0, 0));
  const chat = new ChatStore({ now: () => clock.now() });
  const hook = chat.registerWebhook(STAND_IN_SPACE, 'Chat Relay');
  const workbook = new Workbook();
  workbook.addSheet('Tickets', STAND_IN_TICKETS);
  const properties = new PropertyStoreFake({
    CHAT_WEBHOOK_URL: hook.url('https://chat.googleapis.com'),
    ACTION_SECRET: 'stand-in secret',
  });
  const runtime = new AppsScriptRuntime({
    workbook,
    properties,
    clock,
    transport: inProcessTransport(chat),
    allowedOrigins: ['https://chat.googleapis.com'],
    userEmail: options.userEmail ?? 'owner@example.com',
  });
  runtime.load(WEB_APP_STAND_IN);
  const table = () => {
    const [header, ...rows] = workbook.sheet('Tickets').displayRows();
    return rows.map((r) => Object.fromEntries(header.map((k, i) => [String(k), r[i] ?? ''])));
  };
  /** The Claim link of a row's card (the last card posted for it). */
  const claimLink = (id: string): string => {
    const cards = chat
      .messages(STAND_IN_SPACE)
      .filter((m) => JSON.stringify(m.cardsV2 ?? []).includes(`"title":"${id} `));
    const card = JSON.stringify(cards[cards.length - 1]?.cardsV2 ?? []);
    const claim = /"text":"Claim","onClick":\{"openLink":\{"url":"([^"]+)"/.exec(card);
    if (!claim) throw new Error(`no Claim button on ${id}'s card`);
    return claim[1];
  };
  return { clock, chat, workbook, properties, runtime, table, claimLink };
}
