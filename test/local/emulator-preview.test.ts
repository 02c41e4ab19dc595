import { ChatStore } from '../../local/chat-emulator/store';
import { renderPreviewPage } from '../../local/chat-emulator/preview';

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
