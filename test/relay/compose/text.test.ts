import { MAX_TEXT_CHARS } from '../../../src/chat/limits';
import { ChatMessage } from '../../../src/chat/message-types';
import { renderText } from '../../../src/relay/compose/text';
import { RowMessage } from '../../../src/relay/compose/types';
import { context, expectValidBody, ROW_LINK, template } from './context';

const ctx = context({ format: 'text' });
const LINK_LINE = `<${ROW_LINK}|Open in Sheets>`;

/** Renders, and checks the body is a valid Chat message within the limits. */
function text(message: RowMessage, c = ctx): string {
  const out = renderText(message, c);
  const body: ChatMessage = { text: out };
  expectValidBody(body, null);
  return out;
}

describe('renderText', () => {
  it('starts with the title in bold, then the event, then the key and each field, then the link', () => {
    expect(
      text({
        kind: 'new',
        fields: [
          { label: 'Title', value: 'Badge reader at door B' },
          { label: 'Due', value: '12/1/2026' },
        ],
      }),
    ).toBe(
      [
        '*T-3 · Badge reader at door B*',
        '_New row in Tickets_',
        '*ID*: T-3',
        '*Title*: Badge reader at door B',
        '*Due*: 12/1/2026',
        LINK_LINE,
      ].join('\n'),
    );
  });

  it('uses the title template for the first line, and shows the subtitle template under the event', () => {
    const lines = text(
      { kind: 'new', fields: [] },
      context({
        format: 'text',
        title: template('{{_key}}: {{Status}}'),
        subtitle: template('Owner {{Owner}}'),
      }),
    ).split('\n');
    expect(lines.slice(0, 3)).toEqual([
      '*T-3: Open*',
      '_New row in Tickets_',
      'Owner ana@example.com',
    ]);
  });

  it('shows each change as old → new, with empty values named', () => {
    expect(
      text({
        kind: 'update',
        changes: [
          { label: 'Status', before: 'Open', after: 'Closed' },
          { label: 'Owner', before: '', after: 'eve@example.com' },
          { label: 'Notes', before: 'call back', after: '' },
        ],
      }),
    ).toBe(
      [
        '*T-3 · Badge reader at door B*',
        '_Row updated in Tickets_',
        '*ID*: T-3',
        '*Status*: Open → Closed',
        '*Owner*: (empty) → eve@example.com',
        '*Notes*: call back → (empty)',
        LINK_LINE,
      ].join('\n'),
    );
  });

  it('shows exactly the listed columns, in order, the key only where listed', () => {
    const fields = [
      { label: 'Title', value: 'Badge reader at door B' },
      { label: 'Status', value: 'Open' },
      { label: 'Owner', value: 'ana' },
    ];
    const listed = (shown: string[]) =>
      text({ kind: 'new', fields }, context({ format: 'text', shown }, fields))
        .split('\n')
        .slice(1, -1);
    expect(listed(['Status', 'ID', 'Owner'])).toEqual([
      '_New row in Tickets_',
      '*Status*: Open',
      '*ID*: T-3',
      '*Owner*: ana',
    ]);
    expect(listed(['Title', 'Status'])).toEqual([
      '_New row in Tickets_',
      '*Title*: Badge reader at door B',
      '*Status*: Open',
    ]);
  });

  it('heads an update with the key’s line only when the key is shown', () => {
    const update: RowMessage = {
      kind: 'update',
      changes: [{ label: 'Status', before: 'Open', after: 'Closed' }],
    };
    const bodyOf = (shown: string[] | null) =>
      text(update, context({ format: 'text', shown }))
        .split('\n')
        .slice(2, -1);
    expect(bodyOf(null)).toEqual(['*ID*: T-3', '*Status*: Open → Closed']);
    expect(bodyOf(['Status', 'ID'])).toEqual(['*ID*: T-3', '*Status*: Open → Closed']);
    expect(bodyOf(['Status'])).toEqual(['*Status*: Open → Closed']);
  });

  it('marks a deliberate re-send, and a full update', () => {
    expect(text({ kind: 'resend', fields: [] }).split('\n').slice(0, 3)).toEqual([
      '*T-3 · Badge reader at door B*',
      '_Row re-sent from Tickets_',
      '*ID*: T-3',
    ]);
    expect(text({ kind: 'changed', fields: [{ label: 'Status', value: 'Open' }] })).toContain(
      '_Row updated in Tickets (all fields as they are now)_\n*ID*: T-3\n*Status*: Open',
    );
  });

  it('says what moved a row, in the space it arrives in and in the one it left', () => {
    const team = { label: 'Team', before: 'INFRA', after: 'NETWORK' };
    expect(
      text({ kind: 'moved-in', fields: [{ label: 'Team', value: 'NETWORK' }], changes: [team] }),
    ).toBe(
      [
        '*T-3 · Badge reader at door B*',
        '_Row moved here from Tickets_',
        '_What moved it:_',
        '*Team*: INFRA → NETWORK',
        '*ID*: T-3',
        '*Team*: NETWORK',
        LINK_LINE,
      ].join('\n'),
    );
    expect(text({ kind: 'moved-out', destination: 'Network desk', changes: [team] })).toBe(
      [
        '*T-3 · Badge reader at door B*',
        '_Row moved to Network desk_',
        '*Team*: INFRA → NETWORK',
        LINK_LINE,
      ].join('\n'),
    );
  });

  it('neutralises mentions and links in values, labels, the key, the sheet name and the title', () => {
    const out = text(
      {
        kind: 'new',
        fields: [
          { label: '<users/123>', value: '<users/all> ping' },
          { label: 'Link', value: '<https://evil.example|click me>' },
        ],
      },
      context({
        format: 'text',
        sheet: '<users/all>',
        key: { label: 'ID', value: '<users/all>' },
        title: template('{{_key}} <users/all>'),
      }),
    );
    expect(out).not.toMatch(/<users\//);
    expect(out).not.toMatch(/<https?:\/\/evil/);
    expect(out).toContain('\u2039users/all\u203a ping');
    expect(out).toContain('click me');
  });

  it('puts the configured mentions on the first line, before the title, and only those', () => {
    const out = text(
      { kind: 'new', fields: [{ label: 'Notes', value: '<users/all> look' }] },
      context({ format: 'text', mentions: ['all', 'users/123456789'] }),
    );
    const lines = out.split('\n');
    expect(lines[0]).toBe('<users/all> <users/123456789>');
    expect(lines[1]).toBe('*T-3 · Badge reader at door B*');
    expect(out.split('<users/all>')).toHaveLength(2);
  });

  it('names the people a mention could not ping under the mentions, neutralised and cut short', () => {
    const out = text(
      { kind: 'new', fields: [] },
      context({
        format: 'text',
        mentions: ['users/1'],
        mentionNote: `Owner <users/all> ${'x'.repeat(1000)}`,
      }),
    );
    const lines = out.split('\n');
    expect(lines[0]).toBe('<users/1>');
    expect(lines[1]).toMatch(/^Owner \u2039users\/all\u203a x+… \[truncated\]$/);
    expect(lines[1].length).toBe(250);
    expect(lines[2]).toBe('*T-3 · Badge reader at door B*');
  });

  it('keeps a 50,000-character value within the text limit with a visible mark', () => {
    const out = text({
      kind: 'new',
      fields: [
        { label: 'Body', value: 'x'.repeat(50000) },
        { label: 'Short', value: 'kept whole' },
      ],
    });
    expect(out.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    expect(out).toContain('[truncated]');
    expect(out).toContain('*Short*: kept whole');
    expect(out.endsWith(LINK_LINE)).toBe(true);
  });

  it('shares the room among many long values, never exceeding the limit', () => {
    const fields = Array.from({ length: 30 }, (_, i) => ({
      label: `F${i}`,
      value: '😀'.repeat(400),
    }));
    const out = text(
      { kind: 'new', fields },
      context({ format: 'text', mentions: ['all'], subtitle: template('{{F1}}') }),
    );
    expect(out.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    fields.forEach((f) => expect(out).toContain(`*${f.label}*: `));
    // No emoji is split in half.
    expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(out)).toBe(false);
    expect(out.endsWith(LINK_LINE)).toBe(true);
  });

  it('makes the link safe for the <url|label> markup, and leaves out a link that is not ours', () => {
    const tricky = 'https://docs.google.com/x#gid=1&range=A1|<users/all>>';
    const out = text({ kind: 'new', fields: [] }, context({ format: 'text', rowLink: tricky }));
    const last = out.split('\n').pop() ?? '';
    expect(last).toBe(
      '<https://docs.google.com/x#gid=1&range=A1%7C%3Cusers/all%3E%3E|Open in Sheets>',
    );
    expect(out).not.toContain('<users/all>');
    for (const bad of ['javascript:alert(1)', 'http://docs.google.com/x', '', 'x'.repeat(10)]) {
      expect(
        text({ kind: 'new', fields: [] }, context({ format: 'text', rowLink: bad })),
      ).not.toContain('Open in Sheets');
    }
    expect(
      text({ kind: 'new', fields: [] }, context({ format: 'text', rowLink: null })),
    ).not.toContain('Open in Sheets');
  });

  it('leaves out an absurdly long link rather than crowd out the values', () => {
    const out = text(
      { kind: 'new', fields: [{ label: 'Body', value: 'z'.repeat(9000) }] },
      context({ format: 'text', rowLink: `https://docs.google.com/${'a'.repeat(5000)}` }),
    );
    expect(out).not.toContain('Open in Sheets');
    expect(out.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
  });
});
