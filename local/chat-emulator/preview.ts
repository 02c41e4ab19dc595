/**
 * HTML preview of the emulator's spaces, rendered roughly as Google Chat shows them:
 * threads in creation order, replies in order, each message's sender and time, and its
 * body as Chat shows it, through the one renderer the Settings sidebar's preview uses
 * too (src/chat/render/message.ts: Chat text formatting, mention chips, cardsV2 cards
 * with only Chat's subset of HTML). No scripts, no external assets.
 *
 * Stable hooks for browser tests (class and data-testid are the same word):
 *   .space[data-space]  .thread[data-thread][data-thread-key]  .message(.root|.reply)
 *   .sender .time, and the body's (src/chat/render/message.ts): .text .mention[data-user]
 *   .card .card-header .card-title .card-subtitle .section .section-header .decorated-text
 *   .top-label .decorated-text-text .bottom-label .known-icon .text-paragraph .button-list
 *   .button .divider .card-image
 */
import escapeHtml from 'escape-html';
import { tag } from '../../src/chat/render/html';
import { renderMessageBody } from '../../src/chat/render/message';
import type { EmulatorReader, MessageView, ThreadView } from './model';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return escapeHtml(iso);
  return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 19)} UTC`;
}

function renderMessage(message: MessageView): string {
  const kind = message.threadReply ? 'reply' : 'root';
  const initial = escapeHtml((message.senderDisplayName.trim()[0] ?? '?').toUpperCase());
  return (
    `<div class="message ${kind}" data-testid="message" data-kind="${kind}" data-name="${escapeHtml(message.name)}">` +
    `<div class="avatar" aria-hidden="true">${initial}</div>` +
    '<div class="message-main">' +
    '<div class="message-meta">' +
    tag('span', 'sender', escapeHtml(message.senderDisplayName)) +
    '<span class="app-badge">App</span>' +
    tag(
      'time',
      'time',
      formatTime(message.createTime),
      ` datetime="${escapeHtml(message.createTime)}"`,
    ) +
    '</div>' +
    renderMessageBody(message) +
    '</div></div>'
  );
}

function renderThread(thread: ThreadView): string {
  const [root, ...replies] = thread.messages;
  const key =
    thread.threadKey !== undefined ? ` data-thread-key="${escapeHtml(thread.threadKey)}"` : '';
  const count = replies.length;
  return (
    `<article class="thread" data-testid="thread" data-thread="${escapeHtml(thread.name)}"${key}>` +
    (root ? renderMessage(root) : '') +
    (count > 0
      ? `<div class="replies" data-testid="replies"><div class="reply-count">${count} ${count === 1 ? 'reply' : 'replies'}</div>${replies.map(renderMessage).join('')}</div>`
      : '') +
    '</article>'
  );
}

const STYLE = `
:root { --bg:#f6f8fc; --fg:#1f1f1f; --muted:#5f6368; --line:#e0e3e7; --accent:#0b57d0; --card:#fff; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif; background:var(--bg); color:var(--fg); }
header.top { padding:12px 24px; background:#fff; border-bottom:1px solid var(--line); display:flex; gap:16px; align-items:baseline; }
header.top h1 { font-size:18px; margin:0; }
header.top .summary { color:var(--muted); }
header.top .refresh { margin-left:auto; color:var(--accent); font-size:12px; }
main { max-width:900px; margin:0 auto; padding:16px; }
.space { background:#fff; border:1px solid var(--line); border-radius:12px; margin:16px 0; overflow:hidden; }
.space > h2 { font-size:16px; margin:0; padding:12px 16px; border-bottom:1px solid var(--line); background:#fafbfd; }
.space > h2 small { color:var(--muted); font-weight:normal; margin-left:8px; }
.empty { color:var(--muted); padding:12px 16px; }
.thread { border-bottom:1px solid var(--line); padding:12px 16px; }
.thread:last-child { border-bottom:0; }
.message { display:flex; gap:10px; padding:4px 0; }
.avatar { flex:none; width:32px; height:32px; border-radius:50%; background:#c2e7ff; color:#001d35; display:flex; align-items:center; justify-content:center; font-weight:600; }
.message-main { min-width:0; flex:1; }
.message-meta { display:flex; gap:8px; align-items:baseline; }
.sender { font-weight:600; }
.app-badge { font-size:11px; border:1px solid var(--line); border-radius:4px; padding:0 4px; color:var(--muted); }
.time { color:var(--muted); font-size:12px; }
.text { white-space:pre-wrap; overflow-wrap:anywhere; }
.replies { margin-left:42px; border-left:2px solid var(--line); padding-left:12px; margin-top:4px; }
.reply-count { color:var(--accent); font-size:12px; font-weight:600; }
.inline-code { font-family:ui-monospace,Menlo,Consolas,monospace; background:#eef1f5; border-radius:4px; padding:0 3px; }
.code-block { font-family:ui-monospace,Menlo,Consolas,monospace; background:#eef1f5; border:1px solid var(--line); border-radius:6px; padding:8px; margin:4px 0; white-space:pre-wrap; }
.mention { display:inline-block; color:var(--accent); background:#e8f0fe; border-radius:12px; padding:0 8px; font-weight:500; }
a.link { color:var(--accent); }
.card { background:var(--card); border:1px solid var(--line); border-radius:8px; margin:6px 0; max-width:480px; box-shadow:0 1px 2px rgba(0,0,0,.06); }
.card-header { display:flex; gap:12px; align-items:center; padding:12px 16px; border-bottom:1px solid var(--line); }
.card-header-image { width:40px; height:40px; border-radius:50%; object-fit:cover; background:#eef1f5; }
.card-title { font-weight:600; font-size:15px; }
.card-subtitle { color:var(--muted); }
.section { padding:8px 16px; border-bottom:1px solid var(--line); }
.section:last-child { border-bottom:0; }
.section-header { color:var(--muted); font-weight:600; font-size:12px; margin-bottom:4px; }
.decorated-text { display:flex; gap:10px; align-items:center; padding:4px 0; }
.decorated-body { flex:1; }
.top-label, .bottom-label { color:var(--muted); font-size:12px; }
.top-label { white-space:nowrap; overflow:hidden; text-overflow:ellipsis; }
.decorated-body { min-width:0; }
.decorated-text-text { overflow-wrap:anywhere; }
.decorated-text-text[data-nowrap] { white-space:nowrap; overflow:hidden; text-overflow:ellipsis; }
.known-icon { font-size:10px; letter-spacing:.04em; color:var(--muted); border:1px solid var(--line); border-radius:4px; padding:1px 4px; }
.icon-image { width:20px; height:20px; }
.text-paragraph { padding:4px 0; }
.button-list { display:flex; flex-wrap:wrap; gap:8px; padding:6px 0; }
.button { display:inline-flex; gap:6px; align-items:center; border:1px solid var(--line); border-radius:18px; padding:4px 14px; color:var(--accent); text-decoration:none; font-weight:500; }
.button-disabled { color:var(--muted); }
.divider { border:0; border-top:1px solid var(--line); margin:6px 0; }
.card-image { max-width:100%; border-radius:6px; }
.columns { display:flex; gap:12px; }
.column { flex:1; }
.widget-unsupported { color:var(--muted); font-style:italic; }
details.collapsed summary { color:var(--accent); cursor:pointer; font-size:12px; }
`;

/** The page's own link to auto-refresh uses this interval. */
export const DEFAULT_REFRESH_SECONDS = 5;

/**
 * The whole preview page: every space with its threads, messages and cards.
 * `refreshSeconds` (whole seconds, at least 1) makes the browser reload it
 * that often (`GET /?refresh=N`).
 */
export function renderPreviewPage(
  store: EmulatorReader,
  options: { refreshSeconds?: number } = {},
): string {
  const spaces = store.spaces();
  const body = spaces.length
    ? spaces
        .map((space) => {
          const threads = store.threads(space.space);
          return (
            `<section class="space" data-testid="space" data-space="${escapeHtml(space.space)}">` +
            `<h2>${escapeHtml(space.displayName)}<small>${escapeHtml(space.name)} · ${plural(space.threadCount, 'thread')} · ${plural(space.messageCount, 'message')}</small></h2>` +
            (threads.length
              ? threads.map(renderThread).join('')
              : '<div class="empty">No messages yet.</div>') +
            '</section>'
          );
        })
        .join('')
    : '<div class="empty">No spaces yet. Register a webhook with POST /__emulator/webhooks.</div>';
  const stats = store.stats();
  // Whole seconds only: a fraction would floor to 0, a reload loop.
  const every = Math.floor(options.refreshSeconds ?? 0);
  const refresh = every >= 1 ? `<meta http-equiv="refresh" content="${every}">` : '';
  const refreshLink =
    every >= 1
      ? `<a class="refresh" data-testid="refresh" href="?">Reloading every ${every} s: stop</a>`
      : `<a class="refresh" data-testid="refresh" href="?refresh=${DEFAULT_REFRESH_SECONDS}">Reload every ${DEFAULT_REFRESH_SECONDS} s</a>`;
  return (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    refresh +
    '<title>Chat emulator</title>' +
    `<style>${STYLE}</style></head><body>` +
    '<header class="top"><h1>Chat emulator</h1>' +
    `<span class="summary" data-testid="summary">${spaces.length} spaces · ${stats.creates} messages created since the emulator started · ${stats.rejected429} rejected (429)</span>` +
    refreshLink +
    '</header>' +
    `<main>${body}</main></body></html>`
  );
}
