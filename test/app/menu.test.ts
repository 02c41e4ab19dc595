import * as fs from 'node:fs';
import * as path from 'node:path';
import { onOpen } from '../../src/app/on-open';
import { fakeWorld } from './fakes';

const INDEX = fs.readFileSync(path.resolve(__dirname, '../../src/index.ts'), 'utf8');

/** Names of the top-level function declarations of src/index.ts (what Apps Script can call). */
function topLevelFunctions(source: string): string[] {
  const names: string[] = [];
  const pattern = /^function ([A-Za-z_$][\w$]*)\(/gm;
  for (let m = pattern.exec(source); m; m = pattern.exec(source)) names.push(m[1]);
  return names;
}

describe('onOpen', () => {
  it('adds one "Chat Relay" menu with the six relay actions, in order', () => {
    const world = fakeWorld();
    onOpen(world.services);

    expect(world.ui.menus).toHaveLength(1);
    const menu = world.ui.menus[0];
    expect(menu.caption).toBe('Chat Relay');
    expect(menu.added).toBe(true);
    const functions = menu.items.filter((i) => i !== null).map((i) => i!.functionName);
    expect(functions).toEqual([
      'sendPendingRows',
      'sendSelectedRows',
      'markAllRowsSent',
      'testWebhooks',
      'installTriggers',
      'removeTriggers',
    ]);
    for (const item of menu.items) if (item) expect(item.caption.trim()).not.toBe('');
  });

  it('names only functions that src/index.ts declares at top level', () => {
    const declared = topLevelFunctions(INDEX);
    // The regex must see the file's real entry points, or this test proves nothing.
    expect(declared).toEqual(
      expect.arrayContaining(['onOpen', 'runScheduled', 'handleFormSubmit']),
    );

    const world = fakeWorld();
    onOpen(world.services);
    for (const item of world.ui.menus[0].items) {
      if (item) expect(declared).toContain(item.functionName);
    }
  });

  it('touches nothing but the UI (a simple trigger may not use authorised services)', () => {
    const world = fakeWorld();
    onOpen(world.services);
    expect(world.touched).toEqual({
      http: 0,
      properties: 0,
      spreadsheet: 0,
      ui: 1,
      lock: 0,
      triggers: 0,
    });
  });
});
