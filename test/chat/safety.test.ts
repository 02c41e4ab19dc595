import { escapeCardText, escapeHtml, neutralizeText } from '../../src/chat/safety';

describe('neutralizeText', () => {
  it.each([
    ['<users/all>', '‹users/all›'],
    ['hi <users/123456789> there', 'hi ‹users/123456789› there'],
    ['<https://evil.example|Click here>', '‹https://evil.example|Click here›'],
    ['<<users/all>>', '‹‹users/all››'],
    ['a < b > c', 'a ‹ b › c'],
  ])('neutralizes %j', (input, expected) => {
    const out = neutralizeText(input);
    expect(out).toBe(expected);
    expect(out).not.toMatch(/[<>]/);
  });

  it('keeps every visible word and leaves plain text untouched', () => {
    const input = 'Order #42 from Zoë: *urgent* _please_ call https://example.com/x?a=1&b=2';
    expect(neutralizeText(input)).toBe(input);
    const words = neutralizeText('<users/all> please read <https://x.io|the doc>').split(
      /[^\w.:/|]+/,
    );
    expect(words).toEqual(
      expect.arrayContaining(['users/all', 'please', 'read', 'https://x.io|the', 'doc']),
    );
  });
});

describe('escapeHtml', () => {
  it('escapes & < > " \'', () => {
    expect(escapeHtml(`<b onclick="x">Tom & Jerry's</b>`)).toBe(
      '&lt;b onclick=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;',
    );
  });

  it('escapes & first, so existing entities are shown literally', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
    expect(escapeHtml('plain text 123')).toBe('plain text 123');
  });
});

describe('escapeCardText', () => {
  it('escapes only & < >: apostrophes and quotes stay as typed', () => {
    expect(escapeCardText(`O'Brien & Co <R&D> "quoted"`)).toBe(
      `O'Brien &amp; Co &lt;R&amp;D&gt; "quoted"`,
    );
  });

  it('escapes & first, so existing entities are shown literally', () => {
    expect(escapeCardText('&lt; &#39;')).toBe('&amp;lt; &amp;#39;');
  });
});
