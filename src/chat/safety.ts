/**
 * Neutralising untrusted values (sheet cells, form answers) before they reach Chat.
 */

/**
 * Makes an untrusted value inert inside a Chat TEXT message while keeping it readable.
 *
 * Chat text markup is introduced only by angle brackets: `<users/123>` and `<users/all>` notify
 * people, `<https://evil.example|Click here>` disguises a link. Replacing every `<` with `‹`
 * (U+2039) and every `>` with `›` (U+203A) removes all such markup in one rule that needs no
 * parser and cannot be bypassed by nesting or partial sequences: the value still reads the same
 * (`‹users/all›`), but Chat sees no markup. HTML entities (`&lt;`) are not used because text
 * messages are not HTML: their handling is undocumented, and a reader could see the raw entity,
 * whereas the look-alike characters are ordinary text everywhere. Plain URLs stay
 * auto-linked by Chat, which is fine because they show their real target. Inline formatting
 * (`*bold*`, `_italic_`) is left alone: it changes the look, not who is notified or where a link
 * goes.
 */
export function neutralizeText(value: string): string {
  return value.replace(/</g, '\u2039').replace(/>/g, '\u203a');
}

const HTML_ESCAPES: { [ch: string]: string } = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes `& < > " '` for a web page (text and quoted attribute values): the sidebar's and the
 * emulator's preview of a message (src/chat/render/). Not for card text: see escapeCardText.
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

/**
 * Escapes only what HTML needs in text, `&`, `<` and `>`, for the card fields Chat documents
 * as simple HTML (`decoratedText.text`, `textParagraph.text`, section headers). Quotes and
 * apostrophes stay as typed: whether Chat decodes `&#39;` or `&quot;` is not documented, and
 * if it did not, every apostrophe of every card would show as `&#39;`.
 */
export function escapeCardText(value: string): string {
  return value.replace(/[&<>]/g, (ch) => HTML_ESCAPES[ch]);
}
