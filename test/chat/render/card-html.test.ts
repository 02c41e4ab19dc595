/** Card HTML as Chat reads it: entities decoded once, only Chat's subset of tags, balanced. */
import { decodeEntities, renderCardHtml } from '../../../src/chat/render/card-html';

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
});

describe('decodeEntities', () => {
  test('decodes named, decimal and hex references once; unknown names and invalid code points', () => {
    expect(decodeEntities('&amp;&lt;&gt;&quot;&apos;&nbsp;')).toBe('&<>"\'\u00a0');
    expect(decodeEntities('&#39;&#x41;&#X42;')).toBe("'AB");
    expect(decodeEntities('&amp;amp;')).toBe('&amp;');
    expect(decodeEntities('&bogus; &constructor;')).toBe('&bogus; &constructor;');
    expect(decodeEntities('&#0;&#xD800;&#1114112;')).toBe('\ufffd\ufffd\ufffd');
    expect(decodeEntities('&#128512;')).toBe('😀');
  });
});
