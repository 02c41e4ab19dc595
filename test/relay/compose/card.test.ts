import { utf8ByteLength } from '../../../src/chat/limits';
import { ChatMessage } from '../../../src/chat/message-types';
import { composeCard } from '../../../src/relay/compose/card';
import { Field, RowMessage } from '../../../src/relay/compose/types';
import {
  buttonUrls,
  context,
  decorated,
  expectValidBody,
  FIELDS,
  paragraphs,
  ROW_LINK,
  template,
  widgetsOf,
} from './context';

const MARK = '\u2026 [truncated]';

/** Composes, and checks the body is a valid webhook card message within the limits. */
function card(message: RowMessage, ctx = context()): ChatMessage {
  const out = composeCard(message, ctx);
  expectValidBody(out, ctx.threadKey);
  return out;
}

function header(message: ChatMessage) {
  return message.cardsV2![0].card.header!;
}

function sections(message: ChatMessage) {
  return message.cardsV2![0].card.sections!;
}

/** The hidden count of a "… and N more fields" line, or 0. */
function moreCount(message: ChatMessage): number {
  const line = paragraphs(message).filter((p) => /^… and \d+ more fields?$/.test(p))[0];
  return line ? Number(/\d+/.exec(line)![0]) : 0;
}

describe('a new row', () => {
  const message = card({ kind: 'new', fields: FIELDS });

  it('has one card, with the title and what happened in the header', () => {
    expect(message.cardsV2).toHaveLength(1);
    expect(header(message)).toEqual({
      title: 'T-3 · Badge reader at door B',
      subtitle: 'New row in Tickets',
    });
  });

  it('shows one decoratedText per field, the key first, label above value', () => {
    expect(decorated(message)).toEqual([
      ['ID', 'T-3'],
      ['Title', 'Badge reader at door B'],
      ['Status', 'Open'],
      ['Owner', 'ana@example.com'],
    ]);
  });

  it('ends with one "Open in Sheets" button to the row', () => {
    const widgets = widgetsOf(message);
    expect(widgets[widgets.length - 1]).toEqual({
      buttonList: {
        buttons: [{ text: 'Open in Sheets', onClick: { openLink: { url: ROW_LINK } } }],
      },
    });
  });

  it('sums itself up in fallbackText, and has no text without mentions', () => {
    expect(message.fallbackText).toBe('T-3 · Badge reader at door B — new row in Tickets');
    expect(message.text).toBeUndefined();
  });

  it('has no button when the row link is unknown', () => {
    expect(buttonUrls(card({ kind: 'new', fields: FIELDS }, context({ rowLink: null })))).toEqual(
      [],
    );
  });
});

describe('titles and subtitles', () => {
  it('uses the title template, with headers and built-ins', () => {
    const out = card(
      { kind: 'new', fields: FIELDS },
      context({ title: template('{{Status}} · {{Title}} ({{_sheet}} row {{_row}})') }),
    );
    expect(header(out).title).toBe('Open · Badge reader at door B (Tickets row 5)');
    expect(out.fallbackText).toBe(
      'Open · Badge reader at door B (Tickets row 5) — new row in Tickets',
    );
  });

  it('puts a configured subtitle in the header and the event right under it', () => {
    const out = card(
      { kind: 'update', changes: [{ label: 'Status', before: 'Open', after: 'Closed' }] },
      context({ subtitle: template('Owner: {{Owner}}') }),
    );
    expect(header(out).subtitle).toBe('Owner: ana@example.com');
    expect(sections(out)[0].header).toBe('Row updated in Tickets');
  });

  it('keeps header text plain: neutralised, not HTML-escaped', () => {
    const out = card(
      { kind: 'new', fields: [] },
      context({ key: { label: 'ID', value: 'R&D <users/all> "x"' }, sheet: 'Q&A' }, []),
    );
    expect(header(out).title).toBe('R&D \u2039users/all\u203a "x"');
    expect(header(out).subtitle).toBe('New row in Q&A');
  });
});

describe('columns: the fields shown', () => {
  it('shows exactly the listed columns in the listed order, the key at its place', () => {
    const out = card(
      { kind: 'new', fields: FIELDS },
      context({ shown: ['Status', 'ID', 'Owner'] }),
    );
    expect(decorated(out)).toEqual([
      ['Status', 'Open'],
      ['ID', 'T-3'],
      ['Owner', 'ana@example.com'],
    ]);
    expect(header(out).title).toBe('T-3 · Badge reader at door B');
  });

  it('leaves the key out when it is not listed; the default title still starts with it', () => {
    const out = card({ kind: 'resend', fields: FIELDS }, context({ shown: ['Title', 'Status'] }));
    expect(decorated(out)).toEqual([
      ['Title', 'Badge reader at door B'],
      ['Status', 'Open'],
    ]);
    expect(header(out).title).toBe('T-3 · Badge reader at door B');
  });

  it('skips a listed column that is empty in the row, and lists each column once', () => {
    const fields = FIELDS.filter((f) => f.label !== 'Owner');
    const out = card(
      { kind: 'changed', fields },
      context({ shown: ['Owner', 'Status', 'Status', 'Title'] }, fields),
    );
    expect(decorated(out).map(([label]) => label)).toEqual(['Status', 'Title']);
  });

  it('orders a moved row’s fields too, under what moved it', () => {
    const out = card(
      {
        kind: 'moved-in',
        fields: FIELDS,
        changes: [{ label: 'Team', before: 'INFRA', after: 'NETWORK' }],
      },
      context({ shown: ['Owner', 'ID'] }),
    );
    expect(decorated(out)).toEqual([
      ['Team', 'INFRA → NETWORK'],
      ['Owner', 'ana@example.com'],
      ['ID', 'T-3'],
    ]);
  });
});

describe('updates and other events', () => {
  it('shows each changed field once, old → new, with empty values named', () => {
    const out = card({
      kind: 'update',
      changes: [
        { label: 'Status', before: 'Open', after: 'Closed' },
        { label: 'Owner', before: '', after: 'eve@example.com' },
        { label: 'Notes', before: 'value', after: '' },
      ],
    });
    expect(header(out).subtitle).toBe('Row updated in Tickets');
    expect(decorated(out)).toEqual([
      ['Status', 'Open → Closed'],
      ['Owner', '(empty) → eve@example.com'],
      ['Notes', 'value → (empty)'],
    ]);
    expect(buttonUrls(out)).toEqual([ROW_LINK]);
    expect(out.fallbackText).toBe('T-3 · Badge reader at door B — row updated in Tickets');
  });

  it('marks a re-sent row, and shows it whole', () => {
    const out = card({ kind: 'resend', fields: FIELDS });
    expect(header(out).subtitle).toBe('Row re-sent from Tickets');
    expect(decorated(out)).toHaveLength(1 + FIELDS.length);
  });

  it('shows a row whose old values were not kept whole, saying so', () => {
    const out = card({ kind: 'changed', fields: FIELDS });
    expect(header(out).subtitle).toBe('Row updated in Tickets (all fields as they are now)');
    expect(decorated(out)).toHaveLength(1 + FIELDS.length);
  });

  it('shows a row moved in whole, with the change that moved it', () => {
    const out = card({
      kind: 'moved-in',
      fields: [{ label: 'Team', value: 'NETWORK' }],
      changes: [{ label: 'Team', before: 'INFRA', after: 'NETWORK' }],
    });
    expect(header(out).subtitle).toBe('Row moved here from Tickets');
    expect(sections(out)[0].header).toBe('What moved it');
    expect(decorated(out)).toEqual([
      ['Team', 'INFRA → NETWORK'],
      ['ID', 'T-3'],
      ['Team', 'NETWORK'],
    ]);
  });

  it('leaves a small notice in the thread a row left: where it went and what moved it', () => {
    const out = card({
      kind: 'moved-out',
      destination: 'Network desk',
      changes: [{ label: 'Team', before: 'INFRA', after: 'NETWORK' }],
    });
    expect(header(out).subtitle).toBe('Row moved to Network desk');
    expect(decorated(out)).toEqual([['Team', 'INFRA → NETWORK']]);
    expect(out.fallbackText).toBe('T-3 · Badge reader at door B — row moved to Network desk');
  });

  it('still has a section when there is nothing to list', () => {
    const out = card(
      { kind: 'moved-out', destination: 'Network desk', changes: [] },
      context({ rowLink: null, subtitle: template('{{Owner}}') }),
    );
    expect(paragraphs(out)).toEqual(['Row moved to Network desk']);
  });
});

describe('safety', () => {
  it('never lets <users/all> typed anywhere in the row form a mention', () => {
    const out = card(
      { kind: 'update', changes: [{ label: '<users/all>', before: '<users/all>', after: 'x' }] },
      context({
        sheet: '<users/all>',
        key: { label: '<users/all>', value: '<users/all>' },
        title: template('{{_key}} <users/all>'),
        subtitle: template('<users/all> {{Owner}}'),
      }),
    );
    const body = JSON.stringify(out);
    expect(body).not.toContain('<users/');
    expect(body).not.toContain('&lt;users');
    expect(body).toContain('\u2039users/all\u203a');
  });

  it('adds only the configured mentions, in text above the card', () => {
    const out = card(
      { kind: 'new', fields: [{ label: 'Notes', value: '<users/all>' }] },
      context({ mentions: ['all', 'users/123456789', 'users/abc', '<users/all>', 'everyone'] }),
    );
    expect(out.text).toBe('<users/all> <users/123456789>');
    expect(JSON.stringify(out).split('<users/all>')).toHaveLength(2);
  });

  it('names the people a mention could not ping under the mentions, neutralised, on one line', () => {
    const out = card(
      { kind: 'new', fields: [] },
      context({
        mentions: ['users/1'],
        mentionNote: 'Owner <users/all>, x\n<https://evil.example|y> has no Chat ID in People',
      }),
    );
    expect(out.text).toBe(
      '<users/1>\nOwner \u2039users/all\u203a, x \u2039https://evil.example|y\u203a has no Chat ID in People',
    );
    const alone = card({ kind: 'new', fields: [] }, context({ mentionNote: 'Owner a@x.org has' }));
    expect(alone.text).toBe('Owner a@x.org has');
  });

  it('neutralises HTML typed in a cell, and escapes only & < > in card text', () => {
    const out = card({
      kind: 'new',
      fields: [{ label: 'A&B', value: '<b>bold</b> & <a href="https://evil.example">x</a>' }],
    });
    const [, text] = decorated(out)[1];
    expect(text).toBe(
      '\u2039b\u203abold\u2039/b\u203a &amp; \u2039a href="https://evil.example"\u203ax\u2039/a\u203a',
    );
    expect(JSON.stringify(out)).not.toMatch(/<(b|a)\b/);
  });

  it('keeps apostrophes and quotes as typed: O\'Brien & Co <R&D> "quoted"', () => {
    const out = card(
      {
        kind: 'new',
        fields: [{ label: 'R&D', value: `O'Brien & Co <R&D> "quoted"` }],
      },
      context({ subtitle: template(`Q&A for O'Brien`) }),
    );
    expect(decorated(out)[1]).toEqual(['R&D', `O'Brien &amp; Co \u2039R&amp;D\u203a "quoted"`]);
    // The event line, a section header, is card text: only & < > escaped.
    expect(sections(out)[0].header).toBe('New row in Tickets');
    expect(JSON.stringify(out)).not.toMatch(/&#39;|&quot;/);
  });

  it('a label (topLabel) is plain like the header: neutralised, never entity-escaped', () => {
    const out = card({
      kind: 'new',
      fields: [{ label: `R&D <b>"Q's"</b>`, value: 'x' }],
    });
    expect(decorated(out)[1][0]).toBe(`R&D \u2039b\u203a"Q's"\u2039/b\u203a`);
  });

  it('escapes & in a section header built from a sheet name', () => {
    const out = card(
      { kind: 'update', changes: [{ label: 'Status', before: 'Open', after: 'Closed' }] },
      context({ sheet: 'Q&A <x>', subtitle: template('Owner: {{Owner}}') }),
    );
    expect(sections(out)[0].header).toBe('Row updated in Q&amp;A \u2039x\u203a');
  });

  it('shows Chat formatting characters typed in a cell as typed', () => {
    const typed = ['*bold*', '_italic_', '~strike~', '`code`', '```block```'];
    const out = card({ kind: 'new', fields: typed.map((value, i) => ({ label: `F${i}`, value })) });
    expect(
      decorated(out)
        .slice(1)
        .map(([, text]) => text),
    ).toEqual(typed);
  });

  it('keeps the line breaks of a multi-line cell as <br>, and labels on one line', () => {
    const out = card({
      kind: 'new',
      fields: [{ label: 'Two\nlines', value: 'one\ntwo\r\nthree' }],
    });
    expect(decorated(out)[1]).toEqual(['Two lines', 'one<br>two<br>three']);
  });

  it('uses only what a webhook supports: one openLink button, no actions', () => {
    const keys = JSON.stringify(card({ kind: 'new', fields: FIELDS }));
    expect(keys).not.toMatch(/"(action|fixedFooter|cardActions|onClose|openAs)"/);
  });
});

describe('limits', () => {
  const many = (n: number, value = (i: number) => `value ${i}`): Field[] =>
    Array.from({ length: n }, (_, i) => ({ label: `Field ${i}`, value: value(i) }));

  it('shows at most 100 widgets, the rest summed up, the button kept', () => {
    const out = card({ kind: 'new', fields: many(150) });
    const widgets = widgetsOf(out);
    expect(widgets).toHaveLength(100);
    const shown = decorated(out);
    // Key + 150 fields: each is either shown or counted in the "more" line.
    expect(shown.length + moreCount(out)).toBe(151);
    expect(moreCount(out)).toBeGreaterThan(0);
    expect(shown.slice(0, 3)).toEqual([
      ['ID', 'T-3'],
      ['Field 0', 'value 0'],
      ['Field 1', 'value 1'],
    ]);
    expect(buttonUrls(out)).toEqual([ROW_LINK]);
  });

  it('shows 98 fields plus the key and the button without a "more" line', () => {
    const out = card({ kind: 'new', fields: many(98) });
    expect(widgetsOf(out)).toHaveLength(100);
    expect(moreCount(out)).toBe(0);
    expect(paragraphs(out)).toEqual([]);
  });

  it('cuts a long value with a visible mark, at 1,000 characters', () => {
    const out = card({ kind: 'new', fields: [{ label: 'Body', value: 'b'.repeat(5000) }] });
    const text = decorated(out)[1][1];
    expect(text.length).toBe(1000);
    expect(text.endsWith(MARK)).toBe(true);
    expect(text.startsWith('bbbb')).toBe(true);
  });

  it('keeps a huge row with a long URL within 32,000 bytes, button and all', () => {
    const longLink = `https://docs.google.com/spreadsheets/d/${'k'.repeat(6000)}/edit#gid=0&range=A5`;
    // Emoji take 4 bytes each, and '&' grows five-fold once escaped.
    const fields = many(99, (i) => (i % 2 ? '😀'.repeat(3000) : '&'.repeat(6000)));
    const out = card({ kind: 'new', fields }, context({ rowLink: longLink }));
    expect(utf8ByteLength(JSON.stringify(out))).toBeLessThanOrEqual(32000);
    expect(buttonUrls(out)).toEqual([longLink]);
    const shown = decorated(out);
    expect(shown.length + moreCount(out)).toBe(100);
    shown.slice(1).forEach(([, text]) => expect(text.endsWith(MARK)).toBe(true));
    expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(JSON.stringify(out))).toBe(false);
  });

  it('cuts values only as much as the body needs, keeping every field', () => {
    const out = card({ kind: 'new', fields: many(40, () => 'x'.repeat(2000)) });
    const shown = decorated(out);
    expect(shown).toHaveLength(41);
    expect(moreCount(out)).toBe(0);
    const lengths = shown.slice(1).map(([, text]) => text.length);
    // 40 values of 1,000 characters would not fit; 40 of 500 would leave a third unused.
    expect(Math.min(...lengths)).toBeGreaterThan(600);
    expect(Math.max(...lengths)).toBeLessThan(1000);
    shown.slice(1).forEach(([, text]) => expect(text.endsWith(MARK)).toBe(true));
  });

  it('drops fields into the "more" line when even short values do not fit', () => {
    const fields = many(99, () => '"'.repeat(3000)).map((f, i) => ({
      ...f,
      label: `${'"'.repeat(300)}${i}`,
    }));
    const out = card({ kind: 'new', fields });
    expect(moreCount(out)).toBeGreaterThan(0);
    expect(decorated(out).length + moreCount(out)).toBe(100);
    expect(buttonUrls(out)).toEqual([ROW_LINK]);
  });

  it('drops the button only when the link alone cannot fit', () => {
    const huge = `https://docs.google.com/${'u'.repeat(40000)}`;
    const out = card({ kind: 'new', fields: FIELDS }, context({ rowLink: huge }));
    expect(buttonUrls(out)).toEqual([]);
    expect(decorated(out)).toHaveLength(1 + FIELDS.length);
  });

  it('keeps fallbackText short', () => {
    const out = card({ kind: 'new', fields: [{ label: 'Title', value: 'w'.repeat(10000) }] });
    expect(out.fallbackText!.length).toBeLessThanOrEqual(200);
    expect(out.fallbackText!.endsWith(' — new row in Tickets')).toBe(true);
  });
});
