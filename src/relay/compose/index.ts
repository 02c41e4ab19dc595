/**
 * The composer: a row message as a Chat message body. (Interim: text only,
 * as before; cards arrive with the messages work.)
 */
import { ChatMessage } from '../../chat/message-types';
import { neutralizeText } from '../../chat/safety';
import { renderRowMessage } from './text';
import { MessageContext, RowMessage } from './types';

export function composeMessage(message: RowMessage, ctx: MessageContext): ChatMessage {
  const base = { sheet: ctx.sheet, key: ctx.key };
  switch (message.kind) {
    case 'new':
    case 'resend':
    case 'changed':
      return { text: renderRowMessage({ ...base, kind: message.kind, fields: message.fields }) };
    case 'moved-in':
      return { text: renderRowMessage({ ...base, kind: 'new', fields: message.fields }) };
    case 'update':
      return { text: renderRowMessage({ ...base, kind: 'update', changes: message.changes }) };
    case 'moved-out':
      return { text: `Moved to ${neutralizeText(message.destination)}` };
  }
}
