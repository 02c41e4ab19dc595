/**
 * The sidebar opened from the menu (src/app/settings/open.ts).
 * Run directly on the local runtime's service implementations (./world).
 */
import { openSettings } from '../../../src/app/settings/open';
import { world } from './world';

describe('openSettings', () => {
  it('shows the embedded sidebar HTML, titled Chat Relay, 300 px wide', () => {
    const w = world();
    openSettings(w.services);
    expect(w.sidebars).toHaveLength(1);
    expect(w.sidebars[0]).toMatchObject({ title: 'Chat Relay', width: 300 });
    expect(w.sidebars[0].html).toContain('<h2>Webhooks</h2>');
  });
});
