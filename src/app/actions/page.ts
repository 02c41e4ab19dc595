/**
 * The web app's pages (HtmlService output of doGet): the confirmation page
 * of an action (the row's title, what will be written, as whom, a Confirm
 * button) and the page that says why a link acts on nothing. Every text that
 * comes from the sheet, the configuration or the link is escaped with
 * escapeHtml; the link's parameters, handed back to actionConfirm as doGet
 * received them, are embedded as JSON that cannot close the script element.
 * No page carries the secret.
 */
import { escapeHtml } from '../../chat/safety';

/** One cell as the confirmation page shows it. */
export interface ShownChange {
  label: string;
  before: string;
  after: string;
}

export interface ConfirmationView {
  action: string;
  sheet: string;
  /** The row's title (its messages' title). */
  title: string;
  changes: ShownChange[];
  /** The visitor's e-mail address. */
  user: string;
  /** `e.parameter`, exactly as doGet received it. */
  params: unknown;
}

const STYLE = `
body { font-family: Roboto, Arial, sans-serif; margin: 24px; color: #202124; max-width: 560px; }
h1 { font-size: 20px; font-weight: 500; margin: 0 0 4px; }
.row { font-size: 16px; margin: 0 0 16px; }
.where, .who { color: #5f6368; font-size: 14px; }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { text-align: left; padding: 4px 12px 4px 0; font-size: 14px; vertical-align: top; }
th { font-weight: 500; }
button { background: #1a73e8; color: #fff; border: 0; border-radius: 4px; padding: 8px 24px; font-size: 14px; cursor: pointer; }
button:disabled { background: #9aa0a6; cursor: default; }
#result { margin-top: 16px; font-size: 14px; }
.no { color: #c5221f; }
`;

function page(title: string, body: string): string {
  return [
    '<!DOCTYPE html>',
    '<html><head><meta charset="utf-8"><base target="_top">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body>',
    body,
    '</body></html>',
  ].join('\n');
}

/** JSON that is safe inside a script element: no `<`, `>`, `&` or line separators left raw. */
export function scriptJson(value: unknown): string {
  const json = JSON.stringify(value === undefined ? {} : value);
  return json.replace(/[<>&\u2028\u2029]/g, (ch) => {
    const hex = ch.charCodeAt(0).toString(16);
    return `\\u${'0000'.slice(hex.length)}${hex}`;
  });
}

/** Calls actionConfirm(params) once, and shows its message. */
const CONFIRM_SCRIPT = `
(function () {
  var button = document.getElementById('confirm');
  var result = document.getElementById('result');
  function show(text, ok) { result.textContent = text; result.className = ok ? 'ok' : 'no'; }
  button.addEventListener('click', function () {
    button.disabled = true;
    show('Confirming\\u2026', true);
    google.script.run
      .withSuccessHandler(function (r) {
        show(r && r.message ? String(r.message) : 'Done.', !!(r && r.ok));
      })
      .withFailureHandler(function (e) {
        button.disabled = false;
        show('Chat Relay could not be reached: ' + (e && e.message ? e.message : e), false);
      })
      .actionConfirm(PARAMS);
  });
})();
`;

function changesTable(changes: ShownChange[]): string {
  const rows = changes.map(
    (c) =>
      `<tr><th>${escapeHtml(c.label)}</th><td>${escapeHtml(c.before)} \u2192 ${escapeHtml(c.after)}</td></tr>`,
  );
  return `<table>${rows.join('')}</table>`;
}

/** The page of an action on a row, with its Confirm button. */
export function confirmationPage(view: ConfirmationView): string {
  const body = [
    `<h1>${escapeHtml(view.action)}</h1>`,
    `<p class="row">${escapeHtml(view.title)}</p>`,
    `<p class="where">In sheet \u201c${escapeHtml(view.sheet)}\u201d, this writes:</p>`,
    changesTable(view.changes),
    `<p class="who">As ${escapeHtml(view.user)}</p>`,
    '<button id="confirm" type="button">Confirm</button>',
    '<p id="result" role="status"></p>',
    `<script>${CONFIRM_SCRIPT.replace('PARAMS', () => scriptJson(view.params))}</script>`,
  ];
  return page(`Chat Relay: ${view.action}`, body.join('\n'));
}

/** A page that only says something: why a link acts on nothing, or where the row stands. */
export function messagePage(heading: string, message: string, title = ''): string {
  const body = [
    `<h1>${escapeHtml(heading)}</h1>`,
    title ? `<p class="row">${escapeHtml(title)}</p>` : '',
    `<p class="no">${escapeHtml(message)}</p>`,
  ].filter((l) => l !== '');
  return page(`Chat Relay: ${heading}`, body.join('\n'));
}
