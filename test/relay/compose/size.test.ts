/**
 * The body as sent fits Chat's 32,000 bytes whatever the cells hold: random
 * and adversarial rows (fixed seed), every kind of message, both formats,
 * the thread included, measured on the JSON exactly as the client posts it.
 */
import { checkMessage, MAX_BODY_BYTES, MAX_TEXT_CHARS } from '../../../src/chat/limits';
import { ChatMessage } from '../../../src/chat/message-types';
import { escapeCardText, neutralizeText } from '../../../src/chat/safety';
import { composeMessage } from '../../../src/relay/compose';
import { largest } from '../../../src/relay/compose/size';
import { Change, Field, MessageContext, RowMessage } from '../../../src/relay/compose/types';
import { seededRandom } from '../../support/rig';
import {
  context,
  decorated,
  expectValidBody,
  paragraphs,
  template,
  THREAD_KEY,
  widgetsOf,
} from './context';

const MARK = '\u2026 [truncated]';

/** What escaping grows most, in a card (HTML) or in JSON, and what UTF-8 makes longest. */
const PIECES = [
  '&',
  '<',
  '>',
  '"',
  "'",
  '\\',
  '\u0001',
  '\n',
  '\t',
  'é',
  '中',
  '😀',
  '\ud800',
  '\udc00',
  ' → ',
  '<users/all>',
  'https://example.com/a?b=1&c=2&d=<3>',
  'plain words ',
];

function generator(seed: number) {
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(list: T[]): T => list[int(list.length)];
  /** Mostly short, sometimes up to a full 50,000-character cell. */
  const length = () => pick([0, 1, 10, 200, 1000, 3000, 50000]) * (0.5 + random() / 2);
  /** A few pieces, each repeated, the whole repeated up to `max` characters. */
  const text = (max: number = length()) => {
    const alphabet = PIECES.filter(() => random() < 0.4).concat('x');
    let chunk = '';
    for (let i = 0; i < 8; i++) chunk += pick(alphabet).repeat(1 + int(30));
    return chunk.repeat(Math.ceil(max / chunk.length)).slice(0, Math.floor(max));
  };
  const label = (i: number) => `${text(pick([0, 5, 50, 500]))}${i}`;
  const fields = (): Field[] =>
    Array.from({ length: pick([0, 1, 3, 30, 99, 150]) }, (_, i) => ({
      label: label(i),
      value: text(),
    }));
  const changes = (): Change[] =>
    Array.from({ length: pick([0, 1, 5, 30, 120]) }, (_, i) => ({
      label: label(i),
      before: text(),
      after: text(),
    }));
  const message = (): RowMessage => {
    switch (int(6)) {
      case 0:
        return { kind: 'new', fields: fields() };
      case 1:
        return { kind: 'resend', fields: fields() };
      case 2:
        return { kind: 'changed', fields: fields() };
      case 3:
        return { kind: 'update', changes: changes() };
      case 4:
        return { kind: 'moved-in', fields: fields(), changes: changes() };
      default:
        return { kind: 'moved-out', destination: text(), changes: changes() };
    }
  };
  const ctx = (m: RowMessage): MessageContext => {
    const all = 'fields' in m ? m.fields : [];
    return context(
      {
        format: random() < 0.5 ? 'card' : 'text',
        sheet: text(pick([0, 8, 300])),
        key: { label: label(0), value: text(pick([1, 10, 5000])) },
        rowLink: pick([
          null,
          'https://docs.google.com/spreadsheets/d/abc/edit#gid=1&range=A2:F2',
          `https://docs.google.com/${text(pick([100, 5000, 40000]))}`,
        ]),
        title: random() < 0.3 ? template(`{{_key}} ${text(300)} {{_sheet}}`) : null,
        subtitle: random() < 0.3 ? template(`${text(300)} {{_row}}`) : null,
        mentions: random() < 0.3 ? ['all', 'users/123456789', 'users/98765'] : [],
      },
      all,
    );
  };
  return { message, ctx };
}

const bytes = (message: ChatMessage) => Buffer.byteLength(JSON.stringify(message), 'utf8');

/** A card value as shown whole: neutralised, & < > escaped, line breaks as <br>. */
const whole = (value: string) =>
  value.trim() === ''
    ? '(empty)'
    : escapeCardText(neutralizeText(value)).replace(/\r\n?|\n/g, '<br>');

describe('every composed body fits, as sent', () => {
  it('300 random and adversarial rows (fixed seed), every kind, both formats, thread included', () => {
    const g = generator(13);
    let cut = 0;
    for (let i = 0; i < 300; i++) {
      const message = g.message();
      const ctx = g.ctx(message);
      const sent = composeMessage(message, ctx);
      expectValidBody(sent);
      expect(bytes(sent)).toBeLessThanOrEqual(MAX_BODY_BYTES);
      if (sent.text !== undefined) expect(sent.text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
      if (!sent.cardsV2 || message.kind !== 'new') continue;
      // A field is shown whole or ends with the mark; fields left out are counted.
      const shown = decorated(sent);
      const more = paragraphs(sent).filter((p) => /^… and \d+ more fields?$/.test(p));
      const hidden = more.length ? Number(/\d+/.exec(more[0])![0]) : 0;
      expect(shown.length + hidden).toBe(1 + message.fields.length);
      [ctx.key].concat(message.fields).forEach((field, n) => {
        if (n >= shown.length) return;
        const text = shown[n][1];
        if (text !== whole(field.value)) {
          cut++;
          expect(text.endsWith(MARK)).toBe(true);
        }
      });
    }
    // The seed gives rows far over the limit: the cutting was exercised.
    expect(cut).toBeGreaterThan(100);
  });

  it('issue 13’s row: 30 URLs full of & and a 50,000-character Notes, as a card and as text', () => {
    const url = (i: number) =>
      `https://example.com/p/${i}?${Array.from({ length: 200 }, (_, j) => `a=${j}`).join('&')}`.slice(
        0,
        990,
      );
    const fields = Array.from({ length: 30 }, (_, i) => ({ label: `Link ${i}`, value: url(i) }));
    fields.push({ label: 'Notes', value: 'n'.repeat(50000) });
    (['card', 'text'] as const).forEach((format) => {
      const sent = composeMessage({ kind: 'new', fields }, context({ format }, fields));
      expectValidBody(sent);
      expect(JSON.stringify(sent)).toContain(MARK);
    });
  });
});

describe('the smallest message is bounded', () => {
  // The longest thread key Chat takes (4,000 characters), at its costliest: 24,000 bytes of JSON.
  const HUGE_KEY = '\u0001'.repeat(4000);
  // Each UTF-16 unit at its costliest: 6 bytes of JSON, or 5 of HTML entity (`&amp;`).
  const worst = '\u0001&\u0001\u0001'.repeat(20000);

  it('a card with no field, its header at its longest, is under the 7,000 bytes card.ts states', () => {
    const ctx = context({
      sheet: worst,
      key: { label: worst, value: worst },
      title: template('{{_key}}'),
      subtitle: template('{{_sheet}}'),
      mentions: Array.from({ length: 30 }, (_, i) => `users/${String(i).repeat(40).slice(0, 40)}`),
      // The note of people not pinged at its costliest: 250 lone surrogates, 6 bytes of JSON each.
      mentionNote: '\ud800'.repeat(5000),
      threadKey: null,
    });
    const sent = composeMessage({ kind: 'moved-out', destination: worst, changes: [] }, ctx);
    expectValidBody(sent, null);
    expect(bytes(sent)).toBeGreaterThan(4800);
    expect(bytes(sent)).toBeLessThan(7000);
  });

  it('so a card with everything at its longest fits next to the costliest thread key', () => {
    const fields = Array.from({ length: 150 }, (_, i) => ({ label: worst, value: `${worst}${i}` }));
    const changes = fields.map((f) => ({ label: f.label, before: f.value, after: f.value }));
    const ctx = context(
      {
        sheet: worst,
        key: { label: worst, value: worst },
        rowLink: `https://docs.google.com/${worst}`,
        title: template(`{{_key}}${'"'.repeat(300)}`),
        subtitle: template(`{{_sheet}}${'&'.repeat(300)}`),
        mentions: Array.from(
          { length: 30 },
          (_, i) => `users/${String(i).repeat(40).slice(0, 40)}`,
        ),
        mentionNote: '\ud800'.repeat(5000),
        threadKey: HUGE_KEY,
      },
      fields,
    );
    const kinds: RowMessage[] = [
      { kind: 'new', fields },
      { kind: 'moved-in', fields, changes },
      { kind: 'moved-out', destination: worst, changes },
    ];
    kinds.forEach((message) => {
      const sent = composeMessage(message, ctx);
      expectValidBody(sent, HUGE_KEY);
      // Room for a few short fields only: each cut with the mark, the others counted.
      const shown = decorated(sent);
      shown.forEach(([, text]) => expect(text).toContain(MARK));
      expect(paragraphs(sent).some((p) => /^… and \d+ more/.test(p))).toBe(true);
      expect(sent.cardsV2![0].card.header!.title).toMatch(/^\u0001&\u0001/);
    });
  });

  it('a text message next to a 24,000-byte thread key is cut shorter, with the mark', () => {
    const fields = [{ label: 'Notes', value: '\u0001'.repeat(50000) }];
    const sent = composeMessage(
      { kind: 'new', fields },
      context({ format: 'text', threadKey: HUGE_KEY }, fields),
    );
    expectValidBody(sent, HUGE_KEY);
    expect(sent.text!.length).toBeLessThan(MAX_TEXT_CHARS);
    expect(sent.text).toContain(MARK);
    expect(sent.text).toContain('*Notes*: \u0001');
    // Only as short as it must be: a little more text would not fit.
    expect(bytes(sent)).toBeGreaterThan(MAX_BODY_BYTES - 200);
  });

  it('an ordinary thread key costs the text nothing: it gets its 4,096 characters', () => {
    const fields = ['A', 'B', 'C', 'D'].map((label) => ({ label, value: '\u0001'.repeat(50000) }));
    const sent = composeMessage({ kind: 'new', fields }, context({ format: 'text' }, fields));
    expect(sent.thread).toEqual({ threadKey: THREAD_KEY });
    expect(sent.text!.length).toBeGreaterThan(MAX_TEXT_CHARS - 10);
    expect(checkMessage(sent).ok).toBe(true);
    expect(widgetsOf(sent)).toEqual([]);
  });
});

describe('largest', () => {
  it('finds the largest n that holds, in few calls, and never returns one that fails', () => {
    let calls = 0;
    expect(largest(0, 1000, (n) => (calls++, n <= 737))).toBe(737);
    expect(calls).toBeLessThanOrEqual(11);
    expect(largest(5, 5, () => false)).toBe(5);
    // Not monotonic: the answer still holds.
    const ok = (n: number) => n % 3 === 0;
    expect(ok(largest(0, 100, ok))).toBe(true);
  });
});
