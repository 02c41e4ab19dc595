/** One card of the Sheets section: a sheet's settings as form controls. */
import { entryHtml, webhookChoices } from '../../../../src/app/settings/client/entry-html';
import { entryFrom } from '../../../../src/app/settings/client/form';
import { S } from '../../../../src/app/settings/client/state';
import { loadResult } from './page';

const hook = (name: string, ok: boolean) => ({
  name,
  property: `CHAT_WEBHOOK_URL_${name}`,
  ok,
  space: '',
  label: '',
  usedBy: [],
});

describe('entryHtml', () => {
  beforeEach(() => {
    S.load = loadResult();
    S.webhooks = [];
    S.auto = false;
  });

  it('webhookChoices: the default first, set or not; each named webhook, unusable ones said', () => {
    S.webhooks = [hook('INFRA', true), hook('OLD', false)];
    expect(webhookChoices()).toEqual([
      ['default', 'default (CHAT_WEBHOOK_URL) — not set'],
      ['INFRA', 'INFRA'],
      ['OLD', 'OLD (unusable)'],
    ]);
    S.webhooks = [{ ...hook('default', true), property: 'CHAT_WEBHOOK_URL' }];
    expect(webhookChoices()).toEqual([['default', 'default (CHAT_WEBHOOK_URL)']]);
  });

  it('a listed sheet: its title, Remove, its paths; the key column chosen among its headers', () => {
    const html = entryHtml(entryFrom({ sheet: 'Tickets', keyColumn: 'Ticket ID' }), 1);
    expect(html).toContain('data-path="sheets[1]"');
    expect(html).toContain('<span title="Tickets"><bdi>Tickets</bdi></span>');
    expect(html).toContain(
      'data-action="remove" data-list="entries" data-index="1">Remove</button>',
    );
    expect(html).toContain('data-sheet="Tickets"');
    expect(html).toContain('data-bind="entries.1.keyColumn" data-path="sheets[1].keyColumn"');
    expect(html).toContain('<option value="Ticket ID" selected>Ticket ID</option>');
    // The header-row picker shows each of the first rows.
    expect(html).toContain('<option value="2">Row 2: 2026-03-01 · T-1 · Printer</option>');
  });

  it('following by default: one card for every followed sheet, at the top level, no Remove', () => {
    S.auto = true;
    const html = entryHtml(entryFrom({}), 0);
    expect(html).toContain('data-path="#all"');
    expect(html).toContain('<bdi>Every followed sheet</bdi>');
    expect(html).not.toContain('>Remove</button>');
    expect(html).toContain('data-path="keyColumn"');
    expect(html).not.toContain('sheets[0]');
    expect(html).toContain('<details data-key="msg-0"><summary>Message options</summary>');
  });

  it('a sheet that is not there: its name kept, "(not found)"', () => {
    const html = entryHtml(entryFrom({ sheet: 'Gone' }), 0);
    expect(html).toContain('Gone (not found)');
  });
});
