/**
 * The web app's pages (src/app/actions/page.ts): every text from the sheet,
 * the configuration or the link escaped; the link's parameters handed to
 * actionConfirm as JSON that cannot close its script element.
 */
import { confirmationPage, messagePage, scriptJson } from '../../../src/app/actions/page';

const VIEW = {
  action: 'Claim',
  sheet: 'Tickets',
  title: 'T-1 Printer on fire',
  changes: [
    { label: 'Owner', before: '(empty)', after: 'ana@example.com' },
    { label: 'Status', before: 'New', after: 'Claimed' },
  ],
  user: 'ana@example.com',
  params: { a: 'Claim', s: '0', r: 'r1', t: '1', sig: 'x' },
};

/** The argument actionConfirm is called with, as the page's script holds it. */
function confirmArgument(html: string): unknown {
  const json = /\.actionConfirm\((.*)\);/.exec(html)?.[1];
  if (json === undefined) throw new Error('no actionConfirm call');
  return JSON.parse(json);
}

describe('scriptJson', () => {
  it('leaves no <, >, &, U+2028 or U+2029 raw, and parses back to the value', () => {
    const value = { a: '</script><b>&\u2028\u2029' };
    const json = scriptJson(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toContain('\\u003c/script\\u003e');
    expect(JSON.parse(json)).toEqual(value);
  });

  it('is an empty object for no parameters', () => {
    expect(scriptJson(undefined)).toBe('{}');
  });
});

describe('confirmationPage', () => {
  it('shows the action, the row, each change, who acts, and a Confirm button', () => {
    const html = confirmationPage(VIEW);
    expect(html).toContain('<title>Chat Relay: Claim</title>');
    expect(html).toContain('<h1>Claim</h1>');
    expect(html).toContain('<p class="row">T-1 Printer on fire</p>');
    expect(html).toContain('In sheet \u201cTickets\u201d, this writes:');
    expect(html).toContain(
      '<tr><th>Owner</th><td>(empty) \u2192 ana@example.com</td></tr><tr><th>Status</th><td>New \u2192 Claimed</td></tr>',
    );
    expect(html).toContain('<p class="who">As ana@example.com</p>');
    expect(html).toContain('<button id="confirm" type="button">Confirm</button>');
  });

  it("hands actionConfirm the parameters exactly, even ones with $$, $' or </script>", () => {
    const params = { ...VIEW.params, a: "Pay $$ $' go </script><script>alert(1)" };
    const html = confirmationPage({ ...VIEW, params });
    expect(confirmArgument(html)).toEqual(params);
    expect(html.match(/<\/script>/g)).toHaveLength(1);
  });

  it('escapes every text: the action, the row, the sheet, the cells, the user', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const html = confirmationPage({
      ...VIEW,
      action: evil,
      sheet: evil,
      title: evil,
      changes: [{ label: evil, before: evil, after: evil }],
      user: evil,
    });
    expect(html).not.toContain('<img');
    expect(html.split('&lt;img src=x onerror=alert(1)&gt;').length - 1).toBe(8);
  });
});

describe('messagePage', () => {
  it('says why, with the row when given, and has no button nor script', () => {
    const html = messagePage('Nothing to do', 'The row <is> gone.', 'T-1 & co');
    expect(html).toContain('<title>Chat Relay: Nothing to do</title>');
    expect(html).toContain('<h1>Nothing to do</h1>\n<p class="row">T-1 &amp; co</p>');
    expect(html).toContain('<p class="no">The row &lt;is&gt; gone.</p>');
    expect(html).not.toContain('<button');
    expect(html).not.toContain('<script');
  });

  it('has no row line without a title', () => {
    expect(messagePage('Link not valid', 'x')).not.toContain('class="row"');
  });
});
