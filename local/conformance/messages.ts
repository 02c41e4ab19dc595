/**
 * The conformance check's test messages: cards composed by the relay's own
 * composer (src/relay/compose) from a made-up row, with the relay's thread
 * keys and requestIds (src/relay/ids.ts), so Chat sees what a relay run
 * sends. Each one says what it is and that it may be deleted.
 *
 * A run's thread keys and requestIds come from a fresh run ID: a second run
 * never finds the first one's threads or messages.
 */
import type { ChatMessage } from '../../src/chat/message-types';
import { neutralizeText } from '../../src/chat/safety';
import { composeMessage, type Field, type MessageContext } from '../../src/relay/compose';
import { requestIdFor, threadKeyFor, type SheetIdentity } from '../../src/relay/ids';

export const MARK = 'Chat Relay conformance check';
/** Messages a run posts when Chat behaves as the relay expects (one more if point 3 fails). */
export const TOTAL = 7;
/** A row link of the relay's shape (`#gid=…&range=…`); it opens the user's own Sheets home. */
export const ROW_LINK = 'https://docs.google.com/spreadsheets/u/0/#gid=0&range=A2:D2';

/** Point 5's cell value and column label: characters that HTML, JSON and Chat treat apart. */
export const TRICKY_VALUE = `O'Brien & Co <R&D> "quoted"`;
export const TRICKY_LABEL = 'Customer & partner';

/** The threads a run uses: its main thread, a second key, and point 5's own thread. */
export type ThreadName = 'main' | 'other' | 'escaping';

export interface TestRun {
  sheet: SheetIdentity;
}

/** A run with a fresh ID (time and randomness, so two runs never share keys or requestIds). */
export function newTestRun(now: number, random: () => number): TestRun {
  const nonce = Math.floor(random() * 0x100000000).toString(36);
  return { sheet: { spreadsheetId: `conformance-${now.toString(36)}-${nonce}`, sheetId: 0 } };
}

export function threadKey(run: TestRun, thread: ThreadName): string {
  return threadKeyFor(run.sheet, thread);
}

/** The requestId of test message `n`: the relay's form, one per logical message. */
export function requestId(run: TestRun, n: number): string {
  return requestIdFor(run.sheet, `message ${n}`, `row-${n}`, 'v1', 1);
}

export function markLine(n: number): string {
  return `${MARK} — test message ${n} of ${TOTAL}, you may delete it`;
}

/** Test message `n`, about `point`, as the relay's composer makes a new row's card. */
export function testMessage(
  run: TestRun,
  n: number,
  point: string,
  thread: ThreadName,
  extra: { fields?: Field[]; subtitle?: string } = {},
): ChatMessage {
  const fields: Field[] = [{ label: 'Checks', value: point }, ...(extra.fields ?? [])];
  const ctx: MessageContext = {
    format: 'card',
    sheet: MARK,
    spreadsheet: 'Chat Relay',
    key: { label: 'Test message', value: `${n} of ${TOTAL}` },
    allFields: fields,
    shown: null,
    rowNumber: n + 1,
    rowLink: ROW_LINK,
    title: { source: markLine(n), parts: [{ text: markLine(n) }] },
    subtitle:
      extra.subtitle === undefined
        ? null
        : { source: extra.subtitle, parts: [{ text: extra.subtitle }] },
    placeholder: () => '',
    mentions: [],
    threadKey: threadKey(run, thread),
  };
  return composeMessage({ kind: 'new', fields }, ctx);
}

/** Point 5's message: the tricky value in the header's subtitle (plain text) and in a field. */
export function escapingMessage(run: TestRun, n: number, point: string): ChatMessage {
  return testMessage(run, n, point, 'escaping', {
    fields: [{ label: TRICKY_LABEL, value: TRICKY_VALUE }],
    subtitle: TRICKY_VALUE,
  });
}

/** How point 5's message should read in Chat, by the relay's rules: `<` and `>` as `‹` and `›`. */
export function escapingExpected(): { subtitle: string; label: string; value: string } {
  return {
    subtitle: neutralizeText(TRICKY_VALUE),
    label: neutralizeText(TRICKY_LABEL),
    value: neutralizeText(TRICKY_VALUE),
  };
}

/** Which of point 1's features a message has: a header, decorated text, an openLink button, fallbackText. */
export function cardFeatures(message: ChatMessage): {
  header: boolean;
  decoratedTexts: number;
  openLinks: number;
  fallbackText: boolean;
} {
  const card = message.cardsV2?.[0]?.card;
  const widgets = (card?.sections ?? []).flatMap((s) => s.widgets);
  return {
    header: typeof card?.header?.title === 'string' && card.header.title !== '',
    decoratedTexts: widgets.filter((w) => 'decoratedText' in w).length,
    openLinks: widgets
      .flatMap((w) => ('buttonList' in w ? w.buttonList.buttons : []))
      .filter((b) => typeof b.onClick?.openLink?.url === 'string').length,
    fallbackText: typeof message.fallbackText === 'string' && message.fallbackText !== '',
  };
}
