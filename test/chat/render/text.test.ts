/** A message's `text` as Chat shows it: escaped, then Chat's formatting, links and mentions. */
import { renderChatText } from '../../../src/chat/render/text';

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
