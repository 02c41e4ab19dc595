/**
 * Shared by the composer's tests: a message context for a row of a Tickets
 * sheet, templates, and the checks every body must pass (the discovery
 * document's `Message` schema, Chat's limits, what a webhook may send).
 */
import { validateMessageBody } from '../../../local/chat-emulator/message-schema';
import { checkMessage, MAX_BODY_BYTES, utf8ByteLength } from '../../../src/chat/limits';
import { ChatMessage, Widget } from '../../../src/chat/message-types';
import { ConfigProblem } from '../../../src/config/problems';
import { parseTemplate, Template } from '../../../src/config/template';
import { Field, MessageContext } from '../../../src/relay/compose/types';

export const ROW_LINK = 'https://docs.google.com/spreadsheets/d/1AbCdEfGh/edit#gid=42&range=A5:D5';
/** A thread key as the relay makes them (src/relay/ids.ts): `chat-relay-` and 32 hex digits. */
export const THREAD_KEY = 'chat-relay-0123456789abcdef0123456789abcdef';

export const FIELDS: Field[] = [
  { label: 'Title', value: 'Badge reader at door B' },
  { label: 'Status', value: 'Open' },
  { label: 'Owner', value: 'ana@example.com' },
];

/**
 * A context for row 5 of Tickets (key T-3), as a card, to the thread {@link THREAD_KEY};
 * `allFields` and placeholders follow `fields`.
 */
export function context(
  overrides: Partial<MessageContext> = {},
  fields: Field[] = FIELDS,
): MessageContext {
  const key = overrides.key ?? { label: 'ID', value: 'T-3' };
  return {
    format: 'card',
    sheet: 'Tickets',
    spreadsheet: 'Helpdesk',
    key,
    allFields: fields.filter((f) => f.value !== ''),
    shown: null,
    rowNumber: 5,
    rowLink: ROW_LINK,
    title: null,
    subtitle: null,
    placeholder: (name) => {
      const found = [key].concat(fields).filter((f) => f.label === name)[0];
      return found ? found.value : '';
    },
    mentions: [],
    threadKey: THREAD_KEY,
    ...overrides,
  };
}

export function template(source: string): Template {
  const problems: ConfigProblem[] = [];
  const parsed = parseTemplate(source, 'title', problems);
  if (!parsed) throw new Error(problems.map((p) => p.text).join('; '));
  return parsed;
}

/** Every widget of every section of every card. */
export function widgetsOf(message: ChatMessage): Widget[] {
  const out: Widget[] = [];
  (message.cardsV2 ?? []).forEach((c) =>
    (c.card.sections ?? []).forEach((s) => out.push(...s.widgets)),
  );
  return out;
}

/** The decoratedText widgets, as [topLabel, text] pairs. */
export function decorated(message: ChatMessage): Array<[string | undefined, string]> {
  return widgetsOf(message)
    .filter((w): w is Extract<Widget, { decoratedText: unknown }> => 'decoratedText' in w)
    .map((w) => [w.decoratedText.topLabel, w.decoratedText.text]);
}

export function paragraphs(message: ChatMessage): string[] {
  return widgetsOf(message)
    .filter((w): w is Extract<Widget, { textParagraph: unknown }> => 'textParagraph' in w)
    .map((w) => w.textParagraph.text);
}

export function buttonUrls(message: ChatMessage): string[] {
  return widgetsOf(message)
    .filter((w): w is Extract<Widget, { buttonList: unknown }> => 'buttonList' in w)
    .flatMap((w) => w.buttonList.buttons.map((b) => b.onClick.openLink.url));
}

/** Every key used anywhere in a JSON value. */
function keysOf(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, out));
  else if (value && typeof value === 'object') {
    Object.entries(value).forEach(([k, v]) => {
      out.add(k);
      keysOf(v, out);
    });
  }
  return out;
}

/**
 * The checks every body the composer makes must pass: valid against the discovery document's
 * `Message` schema, accepted by `checkMessage` (text and body size limits), its JSON as sent
 * (thread included) within 32,000 UTF-8 bytes, the thread it was given (`threadKey`, or none),
 * and for cards only what a webhook can use: one card with an id, non-empty sections, at most
 * 100 widgets, openLink buttons only.
 */
export function expectValidBody(message: ChatMessage, threadKey: string | null = THREAD_KEY): void {
  const body = JSON.parse(JSON.stringify(message));
  expect(validateMessageBody(body)).toEqual([]);
  const checked = checkMessage(message);
  expect(checked.ok ? 'ok' : checked.error).toBe('ok');
  expect(utf8ByteLength(JSON.stringify(message))).toBeLessThanOrEqual(MAX_BODY_BYTES);
  expect(Buffer.byteLength(JSON.stringify(message), 'utf8')).toBeLessThanOrEqual(MAX_BODY_BYTES);
  expect(message.thread).toEqual(threadKey === null ? undefined : { threadKey });
  const keys = keysOf(body);
  ['action', 'fixedFooter', 'cardActions', 'peekCardHeader'].forEach((k) =>
    expect(keys.has(k)).toBe(false),
  );
  if (!message.cardsV2) return;
  expect(message.cardsV2).toHaveLength(1);
  expect(message.cardsV2[0].cardId).toEqual(expect.any(String));
  const sections = message.cardsV2[0].card.sections ?? [];
  expect(sections.length).toBeGreaterThan(0);
  sections.forEach((s) => expect(s.widgets.length).toBeGreaterThan(0));
  expect(widgetsOf(message).length).toBeLessThanOrEqual(100);
  expect(typeof message.fallbackText).toBe('string');
  expect((message.fallbackText ?? '').length).toBeLessThanOrEqual(200);
}
