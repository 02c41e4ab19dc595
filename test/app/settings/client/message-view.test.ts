/**
 * One renderer for every preview: a body the relay composed shows the same in
 * the sidebar's preview (client/message-view.ts) and on the Chat emulator's
 * page (local/chat-emulator/preview.ts), exactly as src/chat/render renders it.
 */
import { messageHtml } from '../../../../src/app/settings/client/message-view';
import { ChatMessage } from '../../../../src/chat/message-types';
import { renderMessageBody } from '../../../../src/chat/render/message';
import { composeMessage } from '../../../../src/relay/compose';
import { renderPreviewPage } from '../../../../local/chat-emulator/preview';
import { ChatStore } from '../../../../local/chat-emulator/store';
import { context, template } from '../../../relay/compose/context';

const TYPED = `O'Brien & Co <R&D> "quoted"`;

/** The body posted to the emulator, then its page's HTML. */
function emulatorPage(body: ChatMessage): string {
  const store = new ChatStore({ now: () => 0 });
  const url = new URL(store.registerWebhook('S', 'Chat Relay').url('http://h'));
  const response = store.handle({
    method: 'POST',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return renderPreviewPage(store);
}

/** What a page shows of its one message between its sender line and the message's end. */
function bodyBetween(html: string, senderEnd: string, messageEnd: string): string {
  const start = html.indexOf(senderEnd);
  expect(start).toBeGreaterThan(0);
  const end = html.lastIndexOf(messageEnd);
  expect(end).toBeGreaterThan(start);
  return html.slice(start + senderEnd.length, end);
}

const CARD = composeMessage(
  { kind: 'new', fields: [{ label: 'R&D', value: TYPED }] },
  context(
    {
      key: { label: 'ID', value: TYPED },
      subtitle: template(`Q&A for O'Brien`),
      mentions: ['all'],
    },
    [],
  ),
);
const TEXT = composeMessage(
  { kind: 'new', fields: [{ label: 'R&D', value: TYPED }] },
  context({ format: 'text', mentions: ['all'] }),
);

describe.each([
  ['card', CARD],
  ['text', TEXT],
])('a %s body the relay composed', (_, body) => {
  const rendered = renderMessageBody(body);

  it('shows in the sidebar’s preview and on the emulator’s page exactly as the renderer renders it', () => {
    const sidebar = bodyBetween(
      messageHtml(body),
      '<span class="app-badge">App</span></div>',
      '</div></div></div>',
    );
    const emulator = bodyBetween(emulatorPage(body), '</time></div>', '</div></div></article>');
    expect(sidebar).toBe(rendered);
    expect(emulator).toBe(rendered);
  });

  it('shows what was typed, never an entity as text', () => {
    expect(rendered).toContain('@all');
    expect(rendered).not.toMatch(/&amp;(amp|#39|quot|lt|gt);/);
  });
});
