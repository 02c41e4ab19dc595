import { ChatStore } from '../../local/chat-emulator/store';
import {
  renderCard,
  renderCardHtml,
  renderChatText,
  renderPreviewPage,
} from '../../local/chat-emulator/preview';

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

test('renderPreviewPage lists an empty store and a store with messages', () => {
  const store = new ChatStore({ now: () => 0 });
  expect(renderPreviewPage(store)).toContain('No spaces yet');
  const hook = store.registerWebhook('S', 'Bot <b>');
  const url = new URL(hook.url('http://h'));
  store.handle({
    method: 'POST',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    body: JSON.stringify({ text: 'hi' }),
  });
  const html = renderPreviewPage(store, { refreshSeconds: 3 });
  expect(html).toContain('<meta http-equiv="refresh" content="3">');
  expect(html).toContain('Bot &lt;b&gt;');
  expect(html).toContain('1 thread · 1 message');
});

test('?refresh=N: whole seconds, at least 1; the page links to turn it on and off', () => {
  const store = new ChatStore({ now: () => 0 });
  const meta = /<meta http-equiv="refresh" content="(\d+)">/;
  const link = (html: string) => /<a class="refresh"[^>]*href="([^"]*)">([^<]*)<\/a>/.exec(html);
  const off = renderPreviewPage(store);
  expect(off).not.toMatch(meta);
  expect(link(off)?.slice(1)).toEqual(['?refresh=5', 'Reload every 5 s']);
  for (const fraction of [0.5, 0, -3, Number.NaN]) {
    expect(renderPreviewPage(store, { refreshSeconds: fraction })).not.toMatch(meta);
  }
  const on = renderPreviewPage(store, { refreshSeconds: 2.9 });
  expect(meta.exec(on)?.[1]).toBe('2');
  expect(link(on)?.slice(1)).toEqual(['?', 'Reloading every 2 s: stop']);
});
