/**
 * The Webhooks section: each webhook masked (never its key or token), a new
 * URL saved under a webhook's property after the server validated it, a
 * test message, removing one, and adding a webhook by NAME.
 */
import type { MaskedWebhook, SetWebhookResult } from '../types';
import { refreshButtons, whileBusy } from './buttons';
import { byId } from './dom';
import { errorsText, esc, inert } from './words';
import { touched } from './live-check';
import { renderSheets } from './sheets-panel';
import { S, loaded } from './state';
import { setStatus } from './status';
import { server } from './server';

type SetWebhook = Extract<SetWebhookResult, { ok: true }>;

/** A webhook as listed: CHAT_WEBHOOK_URL is listed even when it is not set. */
type Listed = MaskedWebhook & { missing?: boolean };

export const DEFAULT_MISSING: Listed = {
  name: 'default',
  property: 'CHAT_WEBHOOK_URL',
  ok: false,
  space: '',
  label: 'not set',
  usedBy: [],
  missing: true,
};

function webhookHtml(w: Listed): string {
  const n = esc(w.name);
  const actions = w.missing
    ? ''
    : `<button type="button" data-action="test-webhook" data-name="${n}">Test</button>` +
      `<button type="button" class="danger" data-action="remove-webhook" data-name="${n}">Remove</button>`;
  return (
    `<div class="webhook field" data-path="${esc(w.property)}" data-webhook="${n}">` +
    `<div><b>${n}</b> <span class="hint">${esc(w.property)}</span></div>` +
    `<div class="masked ${w.ok ? '' : 'error'}">${esc(inert(w.label))}</div>` +
    (w.usedBy && w.usedBy.length ? '<div class="hint">In use by the saved settings.</div>' : '') +
    `<div class="inline"><input type="text" class="url" data-url="${n}" ` +
    `placeholder="${w.missing ? 'Paste the webhook URL here' : 'Paste a new URL'}" ` +
    `autocomplete="off" spellcheck="false" aria-label="New URL for ${n}">` +
    `<button type="button" data-action="set-webhook" data-name="${n}" style="margin:0">Save URL</button></div>` +
    `<div class="field-error"></div><div style="margin-top:6px">${actions}</div>` +
    '<div class="webhook-status hint" aria-live="polite"></div></div>'
  );
}

export function renderWebhooks(): void {
  const hooks: Listed[] = S.webhooks.slice();
  if (!hooks.some((w) => w.name === 'default')) hooks.unshift(DEFAULT_MISSING);
  byId('webhooks').innerHTML = hooks.map(webhookHtml).join('');
  byId('hints').innerHTML = (loaded().hints || [])
    .map((h) => `<p class="warning">⚠ ${esc(inert(h.text))}</p>`)
    .join('');
  refreshButtons();
}

function webhookBox(name: string): HTMLElement {
  return document.querySelector(`.webhook[data-webhook="${CSS.escape(name)}"]`) as HTMLElement;
}

function errorSlot(box: Element): HTMLElement {
  return box.querySelector(':scope > .field-error') as HTMLElement;
}

/** Instant hints while a URL is pasted; the server validates it before it is stored. */
function urlHint(input: HTMLInputElement): void {
  const box = input.closest('.field');
  if (!box) return;
  const v = input.value.trim();
  let hint = '';
  if (/^["'“‘<`]/.test(v) && /["'”’>`]$/.test(v))
    hint = 'The URL has quotes around it: paste the URL alone, without quotes.';
  else if (v && !/^https:\/\/chat\.googleapis\.com\/v1\/spaces\/[^/?#]+\/messages\?/.test(v))
    hint = 'A Chat webhook URL starts with https://chat.googleapis.com/v1/spaces/…/messages?key=…';
  errorSlot(box).textContent = hint;
}

/** The webhook just saved, in the list (it keeps where the saved settings use it). */
function upsertWebhook(result: SetWebhook): void {
  const hook: MaskedWebhook = {
    name: result.name,
    property: result.property,
    ok: true,
    space: result.space,
    label: result.label,
    usedBy: [],
  };
  const at = S.webhooks.map((w) => w.name).indexOf(result.name);
  if (at >= 0) {
    hook.usedBy = S.webhooks[at].usedBy;
    S.webhooks[at] = hook;
  } else S.webhooks.push(hook);
}

/** A new URL pasted in a webhook's own box: that webhook's, so it replaces its URL. */
function setWebhook(name: string, button: HTMLElement): void {
  const url = (webhookBox(name).querySelector('input.url') as HTMLInputElement).value;
  void whileBusy(button, () => server.setWebhook(name, url, true)).then((result) => {
    if (!result.ok) {
      errorSlot(webhookBox(name)).textContent = errorsText(result.errors);
      return;
    }
    upsertWebhook(result);
    renderWebhooks();
    renderSheets();
    (webhookBox(name).querySelector('.webhook-status') as HTMLElement).textContent =
      `Saved: ${result.property} (${result.label}).`;
    touched();
  });
}

function testWebhook(name: string, button: HTMLElement): void {
  void whileBusy(button, () => server.testWebhook(name)).then((result) => {
    const status = webhookBox(name).querySelector('.webhook-status') as HTMLElement;
    status.className = `webhook-status ${result.ok ? 'ok' : 'error'}`;
    status.textContent = result.ok ? inert(result.message) : errorsText(result.errors);
  });
}

/** Remove asks once more on the same button, then removes (unless the saved settings use it). */
function removeWebhook(name: string, button: HTMLElement): void {
  if (button.getAttribute('data-confirm') !== '1') {
    button.setAttribute('data-confirm', '1');
    button.textContent = 'Click again to remove';
    return;
  }
  void whileBusy(button, () => server.removeWebhook(name)).then((result) => {
    if (!result.ok) {
      button.removeAttribute('data-confirm');
      button.textContent = 'Remove';
      errorSlot(webhookBox(name)).textContent = errorsText(result.errors);
      return;
    }
    S.webhooks = S.webhooks.filter((w) => w.name !== name);
    renderWebhooks();
    renderSheets();
    setStatus(`Removed ${result.property}.`, 'ok');
    touched();
  });
}

/** The NAME and URL of "Add a webhook" that would replace a webhook, while the person is asked. */
let replacing: { name: string; url: string } | null = null;

function askToReplace(name: string, url: string, question: string): void {
  replacing = { name, url };
  byId('replace-question').textContent = question;
  byId('replace-webhook').hidden = false;
  byId('replace-cancel').focus();
}

function stopAsking(): void {
  replacing = null;
  byId('replace-webhook').hidden = true;
}

/**
 * "Add a webhook": a NAME not set yet is added; one that is set (the default too) is
 * replaced only once the person, asked with the webhook it replaces named, says so.
 */
function addWebhook(replace: boolean): void {
  const name = replace && replacing ? replacing.name : newName();
  const url = replace && replacing ? replacing.url : byId<HTMLInputElement>('new-url').value;
  stopAsking();
  const button = byId(replace ? 'replace-go' : 'add-webhook-button');
  void whileBusy(button, () => server.setWebhook(name, url, replace)).then((result) => {
    if (!result.ok) {
      const ask = result.errors.filter((e) => e.path === 'replace')[0];
      if (ask) askToReplace(name, url, inert(ask.message));
      else byId('new-webhook-error').textContent = errorsText(result.errors);
      return;
    }
    byId<HTMLInputElement>('new-name').value = '';
    byId<HTMLInputElement>('new-url').value = '';
    byId('new-webhook-error').textContent = '';
    upsertWebhook(result);
    renderWebhooks();
    renderSheets();
    setStatus(`${replace ? 'Replaced' : 'Added'} ${result.property} (${result.label}).`, 'ok');
    touched();
  });
}

/** The NAME typed under "Add a webhook", as a NAME: A-Z, 0-9 and _. */
function newName(): string {
  return byId<HTMLInputElement>('new-name')
    .value.trim()
    .toUpperCase()
    .replace(/[^A-Z0-9_]/g, '_');
}

function onWebhookClick(event: Event): void {
  const target = event.target as Element;
  const el = target.closest ? (target.closest('button[data-action]') as HTMLElement | null) : null;
  if (!el) return;
  const name = el.getAttribute('data-name') || '';
  const action = el.getAttribute('data-action');
  if (action === 'set-webhook') setWebhook(name, el);
  else if (action === 'test-webhook') testWebhook(name, el);
  else if (action === 'remove-webhook') removeWebhook(name, el);
}

export function wireWebhooks(): void {
  byId('webhooks').addEventListener('click', onWebhookClick);
  document.addEventListener('input', (event) => {
    const el = event.target as HTMLInputElement;
    if (el.classList && el.classList.contains('url')) urlHint(el);
  });
  byId('add-webhook-button').addEventListener('click', () => addWebhook(false));
  byId('replace-go').addEventListener('click', () => addWebhook(true));
  byId('replace-cancel').addEventListener('click', () => {
    const name = replacing ? replacing.name : '';
    stopAsking();
    setStatus(
      `Nothing was changed: ${name.toLowerCase() === 'default' ? 'the default webhook' : name} keeps its URL.`,
    );
  });
  byId('new-url').addEventListener('input', stopAsking);
  byId('new-name').addEventListener('input', () => {
    stopAsking();
    const el = byId<HTMLInputElement>('new-name');
    const fixed = el.value.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
    if (fixed !== el.value) el.value = fixed;
  });
}
