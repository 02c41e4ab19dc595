/** The "Chat Relay" menu: every item names a top-level function of src/index.ts. */
import { UiLike } from './ports';
import { TITLE } from './wording';

export const MENU_ITEMS: Array<{ caption: string; functionName: string } | null> = [
  { caption: 'Settings…', functionName: 'openSettings' },
  null,
  { caption: 'Send pending rows', functionName: 'sendPendingRows' },
  { caption: 'Send selected rows', functionName: 'sendSelectedRows' },
  { caption: 'Mark all rows as sent (no messages)', functionName: 'markAllRowsSent' },
  null,
  { caption: 'Test webhooks', functionName: 'testWebhooks' },
  null,
  { caption: 'Install triggers', functionName: 'installTriggers' },
  { caption: 'Remove triggers', functionName: 'removeTriggers' },
];

export function addMenu(ui: UiLike): void {
  let menu = ui.createMenu(TITLE);
  for (const item of MENU_ITEMS) {
    menu = item ? menu.addItem(item.caption, item.functionName) : menu.addSeparator();
  }
  menu.addToUi();
}
