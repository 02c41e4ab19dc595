/** A list of conditions as form controls. */
import { condsHtml } from '../../../../src/app/settings/client/conditions-html';
import type { CondForm } from '../../../../src/app/settings/client/form';

const cond = (op: CondForm['op'], value = ''): CondForm => ({ column: 'Status', op, value });

describe('condsHtml', () => {
  it('a condition per row: its column, its operator, its value, and Remove at its index', () => {
    const html = condsHtml(
      'entries.0.sendWhen',
      'sheets[0].sendWhen',
      [cond('equals', 'Open'), cond('in')],
      ['Status', 'Owner'],
    );
    const rows = html.split('<div class="cond field"').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('data-path="sheets[0].sendWhen[0]"');
    expect(rows[0]).toContain('<option value="Status" selected>Status</option>');
    expect(rows[0]).toContain('data-bind="entries.0.sendWhen.0.op"');
    expect(rows[0]).toContain('value="Open" placeholder="value"');
    expect(rows[0]).toContain('data-path="sheets[0].sendWhen[0].equals"');
    expect(rows[1]).toContain('placeholder="Open, Pending"');
    expect(rows[1]).toContain('data-action="remove" data-list="entries.0.sendWhen" data-index="1"');
    expect(html).toMatch(
      /data-action="add-cond" data-list="entries.0.sendWhen">\+ Add a condition<\/button>$/,
    );
  });

  it('"is empty" takes yes or no, no by "false" only', () => {
    const yes = condsHtml('l', 'p', [cond('empty', 'true')], []);
    expect(yes).toContain('<option value="true" selected>yes</option>');
    expect(yes).not.toContain('type="text"');
    expect(condsHtml('l', 'p', [cond('empty', 'false')], [])).toContain(
      '<option value="false" selected>no</option>',
    );
    expect(condsHtml('l', 'p', [cond('empty', 'x')], [])).toContain(
      '<option value="true" selected>yes</option>',
    );
    expect(condsHtml('l', 'p', [cond('empty', '')], [])).toContain(
      '<option value="true" selected>yes</option>',
    );
  });

  it('a regex shows its example; the operator re-renders the row (data-structural)', () => {
    const html = condsHtml('l', 'p', [cond('matches')], []);
    expect(html).toContain('placeholder="^urgent"');
    expect(html).toMatch(/<select data-bind="l\.0\.op"[^>]* data-structural="1">/);
    expect(html).toContain('<option value="" >'.replace(' >', '>') + 'Column…</option>');
  });
});
