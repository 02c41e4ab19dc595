import { ChatMessage } from '../../../src/chat/message-types';
import { composeMessage } from '../../../src/relay/compose';
import { AllowedMarkup, composedShape, markupAllowed } from '../../../src/relay/compose/check';
import { RowMessage } from '../../../src/relay/compose/types';
import { FIELDS, ROW_LINK, context, template } from './context';

const HOSTILE = [
  { label: 'Title', value: '<users/all> <https://evil.example|Click> </b><a href="x">' },
  { label: 'Notes', value: 'line one\nline two & <users/123>' },
];
const team = { label: 'Team', before: '<users/all>', after: 'NETWORK' };
const ALL_KINDS: RowMessage[] = [
  { kind: 'new', fields: FIELDS.concat(HOSTILE) },
  { kind: 'resend', fields: HOSTILE },
  { kind: 'changed', fields: HOSTILE },
  { kind: 'update', changes: [{ label: '<users/all>', before: 'Open', after: '<b>x</b>' }] },
  { kind: 'moved-in', fields: HOSTILE, changes: [team] },
  { kind: 'moved-out', destination: '<users/all> space', changes: [team] },
];

/** The markup a row of the test context may carry: its mentions, and links to its sheet's rows. */
function allowed(mentions: string[] = []): AllowedMarkup {
  const start = ROW_LINK.slice(0, ROW_LINK.indexOf('range=') + 'range='.length);
  return { mentions, isRowLink: (url) => url.indexOf(start) === 0, isActionLink: () => false };
}

/** A message as the composer makes it, then through JSON, as an outbox cell keeps it. */
function composed(format: 'card' | 'text', message: RowMessage, mentions: string[] = []) {
  const ctx = context({
    format,
    mentions,
    title: template('{{Title}} {{_key}}'),
    subtitle: template('{{Notes}}'),
  });
  return JSON.parse(JSON.stringify(composeMessage(message, ctx))) as ChatMessage;
}

describe('composedShape', () => {
  it.each(['card', 'text'] as const)(
    'takes every message the composer makes, as %s, hostile cells and mentions included',
    (format) => {
      for (const message of ALL_KINDS) {
        for (const mentions of [[], ['all', 'users/42']]) {
          const body = composed(format, message, mentions);
          expect(composedShape(body)).toEqual(body);
        }
      }
    },
  );

  it.each<[string, unknown]>([
    ['no message at all', null],
    ['a list', [{ text: 'x' }]],
    ['neither text nor card', { thread: { threadKey: 'k' } }],
    ['text that is not text', { text: 5 }],
    ['a field the composer never sets', { text: 'x', privateMessageViewer: { name: 'u' } }],
    ['a thread by name', { text: 'x', thread: { name: 'spaces/S/threads/T' } }],
    ['an inherited key', JSON.parse('{"text":"x","__proto__":{"y":1}}')],
    ['a card without sections', { cardsV2: [{ cardId: 'row', card: { header: { title: 't' } } }] }],
    [
      'a widget the composer never makes',
      { cardsV2: [{ card: { sections: [{ widgets: [{ image: { imageUrl: 'https://x' } }] }] } }] },
    ],
    [
      'two widget kinds in one',
      {
        cardsV2: [
          {
            card: {
              sections: [{ widgets: [{ textParagraph: { text: 'a' }, divider: {} }] }],
            },
          },
        ],
      },
    ],
    [
      'a button with an action',
      {
        cardsV2: [
          {
            card: {
              sections: [
                {
                  widgets: [
                    {
                      buttonList: {
                        buttons: [{ text: 'Go', onClick: { action: { function: 'f' } } }],
                      },
                    },
                  ],
                },
              ],
            },
          },
        ],
      },
    ],
  ])('refuses %s', (_name, value) => {
    expect(composedShape(value)).toBeNull();
  });
});

describe('markupAllowed', () => {
  it.each(['card', 'text'] as const)(
    'passes every message the composer makes, as %s, with the mentions the rules give',
    (format) => {
      for (const message of ALL_KINDS) {
        expect(markupAllowed(composed(format, message), allowed())).toBe(true);
        const mentioned = composed(format, message, ['all', 'users/42']);
        expect(markupAllowed(mentioned, allowed(['all', 'users/42']))).toBe(true);
      }
    },
  );

  it.each(['card', 'text'] as const)(
    'refuses, as %s, a mention the rules do not give the row',
    (format) => {
      const body = composed(format, ALL_KINDS[0], ['all']);
      expect(markupAllowed(body, allowed(['users/42']))).toBe(false);
      expect(markupAllowed(body, allowed([]))).toBe(false);
    },
  );

  it('refuses markup added by hand to a text message', () => {
    const body = composed('text', ALL_KINDS[0]);
    const edited = (text: string) => markupAllowed({ ...body, text }, allowed(['users/42']));
    expect(edited(`${body.text}\n<users/all>`)).toBe(false);
    expect(edited(`<users/all>${body.text}`)).toBe(false);
    expect(edited(`${body.text} <https://evil.example|Open in Sheets>`)).toBe(false);
    expect(edited(`${body.text} <${ROW_LINK}|Click here>`)).toBe(false);
    expect(edited(`${body.text} <users/42`)).toBe(false);
    expect(edited(`${body.text} >`)).toBe(false);
    // What the composer adds itself passes.
    expect(edited(`<users/42>\n${body.text}`)).toBe(true);
    expect(edited(`${body.text}\n<${ROW_LINK}|Open in Sheets>`)).toBe(true);
  });

  it('refuses markup added by hand to a card, or a button that leaves the sheet', () => {
    const body = composed('card', ALL_KINDS[0]);
    const card = () => JSON.parse(JSON.stringify(body)) as ChatMessage;
    const check = (m: ChatMessage) => markupAllowed(m, allowed());
    expect(check(card())).toBe(true);

    const header = card();
    header.cardsV2![0].card.header!.title = '<users/all>';
    const text = card();
    const first = text.cardsV2![0].card.sections![0].widgets[0];
    if ('decoratedText' in first) first.decoratedText.text = '<a href="https://evil">x</a>';
    const fallback = { ...card(), fallbackText: '<users/all>' };
    const mention = { ...card(), text: '<users/all>' };
    const button = card();
    const sections = button.cardsV2![0].card.sections!;
    const last = sections[sections.length - 1].widgets.slice(-1)[0];
    expect('buttonList' in last).toBe(true);
    if ('buttonList' in last) last.buttonList.buttons[0].onClick.openLink.url = 'https://evil';
    for (const edited of [header, text, fallback, mention, button])
      expect(check(edited)).toBe(false);
  });
});
