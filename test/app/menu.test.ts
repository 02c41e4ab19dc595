import { UiFake } from '../../local/runtime/services';
import { MENU_ITEMS, addMenu } from '../../src/app/menu';
import { entryPoints } from '../support/entry-points';

describe('addMenu', () => {
  it('adds one "Chat Relay" menu with every relay action, in order, separators between groups', () => {
    const shown = { alerts: [], toasts: [], menus: [], dialogs: [] };
    addMenu(new UiFake(shown));
    expect(shown.menus).toEqual([
      {
        caption: 'Chat Relay',
        items: [
          { caption: 'Settings…', functionName: 'openSettings' },
          'separator',
          { caption: 'Send pending rows', functionName: 'sendPendingRows' },
          { caption: 'Send selected rows', functionName: 'sendSelectedRows' },
          { caption: 'Mark all rows as sent (no messages)', functionName: 'markAllRowsSent' },
          'separator',
          { caption: 'Test webhooks', functionName: 'testWebhooks' },
          'separator',
          { caption: 'Install triggers', functionName: 'installTriggers' },
          { caption: 'Remove triggers', functionName: 'removeTriggers' },
        ],
      },
    ]);
  });

  it('names only functions that src/index.ts declares at top level', () => {
    const declared = entryPoints();
    // The regex must see the file's real entry points, or this test proves nothing.
    expect(declared).toEqual(
      expect.arrayContaining(['onOpen', 'runScheduled', 'handleFormSubmit']),
    );
    for (const item of MENU_ITEMS) if (item) expect(declared).toContain(item.functionName);
  });
});
