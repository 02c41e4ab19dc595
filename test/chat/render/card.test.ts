/** A cardsV2 card as Chat shows it: which fields are plain text, the widgets, collapsed sections. */
import { renderCard } from '../../../src/chat/render/card';

describe('renderCard', () => {
  test("a card header's title and subtitle, and a button's label, are plain text", () => {
    const html = renderCard({
      card: {
        header: { title: 'R&D <b>lab</b>', subtitle: 'New row in Q&A' },
        sections: [
          {
            widgets: [
              {
                buttonList: {
                  buttons: [
                    {
                      text: 'Open & see',
                      onClick: { openLink: { url: 'https://x.example/?a=1&b=2' } },
                    },
                  ],
                },
              },
            ],
          },
        ],
      },
    });
    expect(html).toContain('>R&amp;D &lt;b&gt;lab&lt;/b&gt;</div>');
    expect(html).toContain('>New row in Q&amp;A</div>');
    expect(html).toContain(
      '<a class="button" data-testid="button" href="https://x.example/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">Open &amp; see</a>',
    );
  });

  test('unknown widgets are shown as placeholders', () => {
    const html = renderCard({
      cardId: 'c',
      card: { sections: [{ widgets: [{ grid: { items: [] } }, { divider: {} }] }] },
    });
    expect(html).toContain('[grid]');
    expect(html).toContain('class="divider"');
  });

  test('a collapsible section shows its first widgets, the rest behind "Show more"', () => {
    const para = (t: string) => ({ textParagraph: { text: t } });
    const html = renderCard({
      card: {
        sections: [
          {
            header: '<b>Details</b>',
            collapsible: true,
            uncollapsibleWidgetsCount: 1,
            widgets: [para('first'), para('second'), para('third')],
          },
        ],
      },
    });
    const [shown, hidden] = html.split('<details');
    expect(shown).toContain('first');
    expect(shown).not.toContain('second');
    expect(hidden).toContain('<summary>Show more</summary>');
    expect(hidden).toContain('second');
    expect(hidden).toContain('third');
    expect(html).toContain(
      '<div class="section-header" data-testid="section-header"><span class="card-html"><b>Details</b>',
    );
    // Not collapsible: every widget shows, nothing behind "Show more".
    const open = renderCard({ card: { sections: [{ widgets: [para('a'), para('b')] }] } });
    expect(open).not.toContain('<details');
  });

  test('a disabled button, or one without an http(s) link, is no link', () => {
    const buttons = (b: object) =>
      renderCard({ card: { sections: [{ widgets: [{ buttonList: { buttons: [b] } }] }] } });
    const link = { onClick: { openLink: { url: 'https://x.example' } } };
    expect(buttons({ text: 'Go', ...link })).toContain('<a class="button"');
    expect(buttons({ text: 'Go', disabled: true, ...link })).not.toContain('<a');
    expect(buttons({ text: 'Go', onClick: { openLink: { url: 'javascript:alert(1)' } } })).toBe(
      buttons({ text: 'Go' }),
    );
    expect(buttons({ text: 'Go' })).toContain(
      '<span class="button button-disabled" data-testid="button">Go</span>',
    );
  });

  test('decoratedText: labels above and below, the text wraps only with wrapText; images only http(s)', () => {
    const html = renderCard({
      cardId: 'c"1',
      card: {
        header: { title: 'T', imageUrl: 'javascript:alert(1)' },
        sections: [
          {
            widgets: [
              { decoratedText: { topLabel: 'Top', text: 'Body', bottomLabel: 'Bottom' } },
              { decoratedText: { text: 'Wrapped', wrapText: true } },
            ],
          },
        ],
      },
    });
    expect(html).toContain('data-card-id="c&quot;1"');
    expect(html).toContain('<img class="card-header-image" data-testid="card-header-image" src=""');
    const nowrap = html.match(/data-testid="decorated-text-text"( data-nowrap)?>/g);
    expect(nowrap).toEqual([
      'data-testid="decorated-text-text" data-nowrap>',
      'data-testid="decorated-text-text">',
    ]);
    expect(html.indexOf('Top')).toBeLessThan(html.indexOf('Body'));
    expect(html.indexOf('Body')).toBeLessThan(html.indexOf('Bottom'));
  });
});
