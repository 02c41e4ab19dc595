import { MAX_TEXT_CHARS } from '../../src/chat/limits';
import { renderRowMessage } from '../../src/relay/row-message';

const key = { label: 'ID', value: 'T-1' };

describe('renderRowMessage', () => {
  it('shows a new row with the key first, then each field', () => {
    expect(
      renderRowMessage({
        kind: 'new',
        sheet: 'Tickets',
        key,
        fields: [
          { label: 'Title', value: 'Printer on fire' },
          { label: 'Due', value: '12/1/2026' },
        ],
      }),
    ).toBe('*New row in Tickets*\n*ID*: T-1\n*Title*: Printer on fire\n*Due*: 12/1/2026');
  });

  it('shows each change as old → new, with empty values named', () => {
    expect(
      renderRowMessage({
        kind: 'update',
        sheet: 'Tickets',
        key,
        changes: [
          { label: 'Status', before: 'Open', after: 'Closed' },
          { label: 'Owner', before: '', after: 'Ana' },
          { label: 'Notes', before: 'call back', after: '' },
        ],
      }),
    ).toBe(
      '*Row updated in Tickets*\n*ID*: T-1\n*Status*: Open → Closed\n*Owner*: (empty) → Ana\n*Notes*: call back → (empty)',
    );
  });

  it('neutralises mentions and links in values, headers and the sheet name', () => {
    const text = renderRowMessage({
      kind: 'new',
      sheet: '<users/all>',
      key: { label: '<users/123>', value: '<users/all> ping' },
      fields: [{ label: 'Link', value: '<https://evil.example|click me>' }],
    });
    expect(text).not.toMatch(/<users\//);
    expect(text).not.toMatch(/<https?:/);
    expect(text).toContain('users/all');
    expect(text).toContain('click me');
  });

  it('keeps a 50,000-character value within the text limit with a visible mark', () => {
    const text = renderRowMessage({
      kind: 'new',
      sheet: 'Tickets',
      key,
      fields: [
        { label: 'Body', value: 'x'.repeat(50000) },
        { label: 'Short', value: 'kept whole' },
      ],
    });
    expect(text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    expect(text).toContain('[truncated]');
    expect(text).toContain('*Short*: kept whole');
  });

  it('shares the room among many long values, never exceeding the limit', () => {
    const fields = Array.from({ length: 30 }, (_, i) => ({
      label: `F${i}`,
      value: '😀'.repeat(400),
    }));
    const text = renderRowMessage({ kind: 'new', sheet: 'S', key, fields });
    expect(text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    fields.forEach((f) => expect(text).toContain(`*${f.label}*: `));
    // No emoji is split in half.
    expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(text)).toBe(false);
  });

  it('marks a deliberate re-send', () => {
    expect(renderRowMessage({ kind: 'resend', sheet: 'S', key, fields: [] })).toBe(
      '*Row re-sent from S*\n*ID*: T-1',
    );
  });
});
