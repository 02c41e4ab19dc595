/**
 * The preview's message as the sidebar shows it: the app's avatar and name,
 * then the body through the one renderer of Chat messages
 * (src/chat/render/message.ts), which the Chat emulator's page uses too.
 */
import type { ChatMessage } from '../../../chat/message-types';
import { renderMessageBody } from '../../../chat/render/message';

export function messageHtml(message: ChatMessage): string {
  return (
    '<div class="chat" data-testid="preview-message"><div class="msg"><div class="avatar">C</div>' +
    '<div class="msg-main"><div><span class="sender">Chat Relay</span><span class="app-badge">App</span></div>' +
    `${renderMessageBody(message)}</div></div></div>`
  );
}
