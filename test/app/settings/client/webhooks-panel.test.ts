/**
 * The Webhooks section: the list (masked), and "Add a webhook", which asks before replacing one.
 * The buttons inside each webhook's box (Save URL, Test, Remove) find their box in the page's
 * markup: test/local/sidebar-browser.test.ts ("tests the webhook", "a first open…").
 */
import { S } from '../../../../src/app/settings/client/state';
import {
  DEFAULT_MISSING,
  renderWebhooks,
  wireWebhooks,
} from '../../../../src/app/settings/client/webhooks-panel';
import { installPage, loadResult, settle } from './page';

const ADDED = {
  ok: true,
  name: 'INFRA_2',
  property: 'CHAT_WEBHOOK_URL_INFRA_2',
  space: 'BBBB',
  label: 'space BBBB…, token set',
};
const ASK = {
  ok: false,
  errors: [{ path: 'replace', message: 'Replace INFRA_2 (space CCCC…)?', text: 'x' }],
};

describe('webhooks panel', () => {
  const page = installPage({ settingsSetWebhook: ADDED });
  wireWebhooks();
  const typeName = (value: string) => {
    page.el('new-name').value = value;
    page.el('new-name').dispatch('input');
  };

  beforeEach(() => {
    S.load = loadResult({
      hints: [{ path: 'chat_webhook_url', message: 'm', text: 'Names are <case>-sensitive.' }],
    });
    S.webhooks = [];
    page.calls.length = 0;
  });

  it('lists the default webhook even when unset, to paste its URL; a look-alike property is named', () => {
    renderWebhooks();
    const html = page.el('webhooks').innerHTML;
    expect(html).toContain('data-webhook="default"');
    expect(html).toContain(`<div class="masked error">${DEFAULT_MISSING.label}</div>`);
    expect(html).toContain('placeholder="Paste the webhook URL here"');
    expect(html).not.toContain('data-action="test-webhook"');
    expect(page.el('hints').innerHTML).toBe(
      '<p class="warning">⚠ Names are &lt;case&gt;-sensitive.</p>',
    );
  });

  it('a set webhook: masked, with Test and Remove, and whether the saved settings use it', () => {
    S.webhooks = [{ ...loadResult().webhooks[0], usedBy: ['sheets[0].webhook'] }];
    renderWebhooks();
    const html = page.el('webhooks').innerHTML;
    expect(html.split('class="webhook field"')).toHaveLength(2);
    expect(html).toContain('<div class="masked ">space AAAA…, token set</div>');
    expect(html).toContain('data-action="test-webhook" data-name="default"');
    expect(html).toContain('In use by the saved settings.');
  });

  it('Add: the NAME as typed becomes a NAME, the webhook is added and listed', async () => {
    typeName('infra-2');
    expect(page.el('new-name').value).toBe('INFRA_2');
    page.el('new-url').value = 'https://chat.googleapis.com/v1/spaces/BBBB/messages?key=k&token=t';
    page.el('add-webhook-button').click();
    await settle();
    expect(page.calls[0]).toEqual({
      fn: 'settingsSetWebhook',
      args: ['INFRA_2', 'https://chat.googleapis.com/v1/spaces/BBBB/messages?key=k&token=t', false],
    });
    expect(S.webhooks.map((w) => w.name)).toEqual(['INFRA_2']);
    expect(page.el('webhooks').innerHTML).toContain('data-webhook="INFRA_2"');
    expect(page.el('new-url').value).toBe('');
    expect(page.el('status').textContent).toBe(
      'Added CHAT_WEBHOOK_URL_INFRA_2 (space BBBB…, token set).',
    );
    // A NAME pasted (no input event): made a NAME when sent.
    page.el('new-name').value = ' infra.2 ';
    page.el('add-webhook-button').click();
    await settle();
    expect(page.calls[1].args[0]).toBe('INFRA_2');
  });

  it('a NAME that is set: asks first, naming it; Replace sends the same NAME and URL, replacing', async () => {
    page.answers.settingsSetWebhook = ASK;
    typeName('INFRA_2');
    page.el('new-url').value = 'https://new';
    page.el('add-webhook-button').click();
    await settle();
    expect(page.el('replace-webhook').hidden).toBe(false);
    expect(page.el('replace-question').textContent).toBe('Replace INFRA_2 (space CCCC…)?');
    expect(page.el('replace-cancel').focused).toBe(true);
    page.answers.settingsSetWebhook = ADDED;
    page.el('new-name').value = 'OTHER';
    page.el('replace-go').click();
    await settle();
    expect(page.calls[1]).toEqual({
      fn: 'settingsSetWebhook',
      args: ['INFRA_2', 'https://new', true],
    });
    expect(page.el('replace-webhook').hidden).toBe(true);
    expect(page.el('status').textContent).toMatch(/^Replaced CHAT_WEBHOOK_URL_INFRA_2/);
  });

  it('Cancel: nothing changed, said so; typing again stops asking', async () => {
    page.answers.settingsSetWebhook = ASK;
    typeName('default');
    page.el('add-webhook-button').click();
    await settle();
    page.el('replace-cancel').click();
    expect(page.el('replace-webhook').hidden).toBe(true);
    expect(page.el('status').textContent).toBe(
      'Nothing was changed: the default webhook keeps its URL.',
    );
    page.el('add-webhook-button').click();
    await settle();
    expect(page.el('replace-webhook').hidden).toBe(false);
    page.el('new-url').dispatch('input');
    expect(page.el('replace-webhook').hidden).toBe(true);
  });

  it('another refusal: its problems under the form, nothing asked', async () => {
    page.answers.settingsSetWebhook = {
      ok: false,
      errors: [{ path: 'url', message: 'm', text: 'Not a Chat webhook URL.' }],
    };
    typeName('X');
    page.el('add-webhook-button').click();
    await settle();
    expect(page.el('new-webhook-error').textContent).toBe('Not a Chat webhook URL.');
    expect(page.el('replace-webhook').hidden).toBe(true);
  });
});
