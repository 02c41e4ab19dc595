/**
 * The one renderer of a Chat message body (the sidebar's preview and the
 * emulator's page): a body the relay composed, as Chat shows it. Each part's
 * own rules: text.test.ts (Chat text formatting), card-html.test.ts (card HTML
 * as Chat reads it), card.test.ts (a card's widgets), html.test.ts.
 */
import { renderCard, renderMessageBody } from '../../../src/chat/render/message';
import { composeMessage } from '../../../src/relay/compose';
import { context, template } from '../../relay/compose/context';

/** What a reader sees of rendered HTML: the text, tags dropped, references decoded once. */
function seen(html: string): string {
  const named: { [name: string]: string } = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
  return html
    .replace(/<br>/g, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => named[name]);
}

/** The rendered elements of a class, as a reader sees them. */
function texts(html: string, cls: string): string[] {
  const out: string[] = [];
  const pattern = new RegExp(`<div class="${cls}"[^>]*>([\\s\\S]*?)</div>`, 'g');
  for (let m = pattern.exec(html); m; m = pattern.exec(html)) out.push(seen(m[1]));
  return out;
}

const TYPED = `O'Brien & Co <R&D> "quoted"`;

describe('renderMessageBody: a body exactly as Chat shows it', () => {
  it(`shows a card the relay composed as typed: ${TYPED}, the label R&D`, () => {
    const fields = [{ label: 'R&D', value: TYPED }];
    const body = composeMessage(
      { kind: 'new', fields },
      context({ key: { label: 'ID', value: TYPED }, subtitle: template(`Q&A for O'Brien`) }, []),
    );
    const html = renderMessageBody(body);
    const shown = `O'Brien & Co \u2039R&D\u203a "quoted"`;
    expect(texts(html, 'card-title')).toEqual([shown]);
    expect(texts(html, 'card-subtitle')).toEqual([`Q&A for O'Brien`]);
    expect(texts(html, 'top-label')).toEqual(['ID', 'R&D']);
    expect(texts(html, 'decorated-text-text')).toEqual([shown, shown]);
    // Nothing escaped twice: no entity shows as text.
    expect(html).not.toMatch(/&amp;(amp|#39|quot|lt|gt);/);
  });

  it('shows the text above the cards, with mention chips', () => {
    const body = composeMessage(
      { kind: 'new', fields: [{ label: 'Notes', value: '<users/all> & more' }] },
      context({ mentions: ['all'] }),
    );
    const html = renderMessageBody(body);
    expect(html.indexOf('<div class="text"')).toBe(0);
    expect(html.indexOf('class="card"')).toBeGreaterThan(0);
    expect(html).toContain('data-user="all">@all</span>');
    // The cell's <users/all> was neutralised: text, not a chip.
    expect(html.split('class="mention"')).toHaveLength(2);
    expect(texts(html, 'decorated-text-text')).toContain('\u2039users/all\u203a & more');
  });

  it('shows a text message the relay composed as typed, with its formatting', () => {
    const body = composeMessage(
      { kind: 'new', fields: [{ label: 'R&D', value: TYPED }] },
      context({ format: 'text' }),
    );
    const html = renderMessageBody(body);
    expect(html).not.toContain('class="card"');
    expect(html).toContain('<strong>R&amp;D</strong>: O&#39;Brien &amp; Co');
    expect(seen(html)).toContain(`R&D: O'Brien & Co \u2039R&D\u203a "quoted"`);
  });

  it('labels are plain text: a label that looks like markup shows as written', () => {
    const html = renderCard({
      card: {
        sections: [
          {
            widgets: [
              { decoratedText: { topLabel: 'R&amp;D <b>x</b>', text: 'v', bottomLabel: 'Q&A' } },
            ],
          },
        ],
      },
    });
    expect(texts(html, 'top-label')).toEqual(['R&amp;D <b>x</b>']);
    expect(texts(html, 'bottom-label')).toEqual(['Q&A']);
    expect(html).not.toContain('<b>x</b>');
  });
});
