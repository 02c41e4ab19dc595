/**
 * The one renderer of a Chat message body (the sidebar's preview and the
 * emulator's page): Chat text formatting, card HTML as Chat reads it, cards.
 */
import {
  renderCard,
  renderCardHtml,
  renderChatText,
  renderMessageBody,
} from '../../../src/chat/render/message';
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

describe('renderChatText', () => {
  test('escapes HTML before formatting', () => {
    expect(renderChatText('<b>x</b> & "q" \'s')).toBe(
      '&lt;b&gt;x&lt;/b&gt; &amp; &quot;q&quot; &#39;s',
    );
    expect(renderChatText('<script>alert(1)</script>')).not.toContain('<script');
  });

  test('bold, italic, strike, inline code and code blocks', () => {
    expect(renderChatText('*a* _b_ ~c~ `*d*`')).toBe(
      '<strong>a</strong> <em>b</em> <s>c</s> <code class="inline-code" data-testid="inline-code">*d*</code>',
    );
    expect(renderChatText('```\n*x* <y>\n```')).toBe(
      '<pre class="code-block" data-testid="code-block">*x* &lt;y&gt;\n</pre>',
    );
    // Markers inside words are literal, as in Chat.
    expect(renderChatText('snake_case_name 2*3*4')).toBe('snake_case_name 2*3*4');
  });

  test('links: <url|text>, <url>, bare URLs; only http(s)/mailto', () => {
    expect(renderChatText('<https://a.example/x_y_z?a=1&b=2|the *sheet*>')).toBe(
      '<a class="link" data-testid="link" href="https://a.example/x_y_z?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">the <strong>sheet</strong></a>',
    );
    expect(renderChatText('see https://a.example/p_q_r.')).toContain(
      'href="https://a.example/p_q_r"',
    );
    expect(renderChatText('<javascript:alert(1)|click>')).not.toContain('<a');
    const quoted = renderChatText('<https://a.example/"onmouseover="alert(1)|x>');
    expect(quoted).not.toMatch(/href="[^"]*"onmouseover/);
    expect(renderChatText('<users/all> <users/123>')).toBe(
      '<span class="mention" data-testid="mention" data-user="all">@all</span> ' +
        '<span class="mention" data-testid="mention" data-user="123">@user 123</span>',
    );
  });

  test('text made inert by the relay, or escaped, is no mention', () => {
    expect(renderChatText('‹users/all› &lt;users/all&gt;')).toBe(
      '‹users/all› &amp;lt;users/all&amp;gt;',
    );
  });
});

describe('renderCardHtml', () => {
  test('keeps the Chat card HTML subset, escapes the rest', () => {
    expect(renderCardHtml('<b>B</b><i>I</i><br><font color="#ff0000">R</font>')).toBe(
      '<span class="card-html"><b>B</b><i>I</i><br><span style="color:#ff0000">R</span></span>',
    );
    const evil = renderCardHtml('<img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a>');
    expect(evil).not.toContain('<img');
    expect(evil).not.toContain('href="javascript');
    expect(renderCardHtml('<a href="https://ok.example">ok</a>')).toContain(
      '<a class="link" href="https://ok.example"',
    );
  });

  test('decodes the entities of card text once: what the relay escaped shows as typed', () => {
    expect(renderCardHtml('Fish &amp; Chips &quot;to go&quot; it&#39;s &#x263A;')).toBe(
      '<span class="card-html">Fish &amp; Chips &quot;to go&quot; it&#39;s \u263a</span>',
    );
    // A typed "<b>" arrives as &lt;b&gt;: text, never markup; "&amp;lt;" is the text "&lt;".
    expect(renderCardHtml('&lt;b&gt;x&lt;/b&gt; &amp;lt;')).toBe(
      '<span class="card-html">&lt;b&gt;x&lt;/b&gt; &amp;lt;</span>',
    );
    expect(renderCardHtml('&bogus; & alone')).toBe(
      '<span class="card-html">&amp;bogus; &amp; alone</span>',
    );
    expect(renderCardHtml('Line one<br>Line two<BR/>three')).toBe(
      '<span class="card-html">Line one<br>Line two<br>three</span>',
    );
  });

  test('tags are balanced and attributes rebuilt: nothing of a message is copied as markup', () => {
    expect(renderCardHtml('<b>open <i>both</b> after')).toBe(
      '<span class="card-html"><b>open <i>both</i></b> after</span>',
    );
    expect(renderCardHtml('stray</font></b> <u>never closed')).toBe(
      '<span class="card-html">stray <u>never closed</u></span>',
    );
    expect(renderCardHtml('<font color="red" onclick="x()">r</font>')).toBe(
      '<span class="card-html"><span style="color:red">r</span></span>',
    );
    expect(renderCardHtml('<font color="red;background:url(x)">r</font>')).toBe(
      '<span class="card-html"><span>r</span></span>',
    );
    expect(renderCardHtml('<a href="https://x.example/?a=1&amp;b=&quot;2">l</a>')).toBe(
      '<span class="card-html"><a class="link" href="https://x.example/?a=1&amp;b=&quot;2" target="_blank" rel="noopener noreferrer">l</a></span>',
    );
    expect(renderCardHtml('<a href="jav&#x61;script:alert(1)">x</a>')).toBe(
      '<span class="card-html"><span>x</span></span>',
    );
    expect(renderCardHtml('<div onmouseover="x()">d</div>')).toBe(
      '<span class="card-html">&lt;div onmouseover=&quot;x()&quot;&gt;d&lt;/div&gt;</span>',
    );
  });

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
});
