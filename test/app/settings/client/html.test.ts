/** The form's controls as HTML: options, fields, selects, inputs, checkboxes. */
import {
  checksHtml,
  field,
  options,
  orderMark,
  select,
  textInput,
} from '../../../../src/app/settings/client/html';

describe('client html', () => {
  it("options: the selected one marked, escaped, a person's string isolated", () => {
    expect(options(['A', ['b', 'B & co']], 'b')).toBe(
      '<option value="A">A</option><option value="b" selected>B &amp; co</option>',
    );
    expect(options(['\u05d0'], '')).toBe('<option value="\u05d0">\u2068\u05d0\u2069</option>');
  });

  it('options: a selected value not in the list comes first, "(not found)"; none for blank', () => {
    expect(options(['A'], 'Gone')).toBe(
      '<option value="Gone" selected>Gone (not found)</option><option value="A">A</option>',
    );
    expect(options(['A'], '')).toBe('<option value="A">A</option>');
    expect(options(['A'], null)).toBe('<option value="A">A</option>');
    expect(options(['5'], 5)).toBe('<option value="5" selected>5</option>');
  });

  it('field: the label names its first control; hint and error slot', () => {
    const html = field('sheets[0].title', 'Title', '<input type="text">', 'A <b>hint</b>');
    expect(html).toBe(
      '<div class="field" data-path="sheets[0].title"><span class="label">Title</span>' +
        '<input aria-label="Title" type="text"><p class="hint">A <b>hint</b></p>' +
        '<div class="field-error"></div></div>',
    );
    expect(field('x', '', '<select></select>')).toBe(
      '<div class="field" data-path="x"><select></select><div class="field-error"></div></div>',
    );
  });

  it('select: bound to its address, its title the whole text of the choice', () => {
    const html = select(
      'entries.0.op',
      'sheets[0].sendWhen[0]',
      [['in', 'is one of']],
      'in',
      ' data-structural="1"',
    );
    expect(html).toBe(
      '<select data-bind="entries.0.op" data-path="sheets[0].sendWhen[0]" title="is one of" data-structural="1">' +
        '<option value="in" selected>is one of</option></select>',
    );
    expect(select('a', 'p', ['X'], 'Y')).toContain('title="Y"');
  });

  it('textInput: the value escaped, blank for undefined', () => {
    expect(textInput('a', 'p', 'say "hi"', 'value')).toBe(
      '<input type="text" data-bind="a" data-path="p" value="say &quot;hi&quot;" placeholder="value">',
    );
    expect(textInput('a', 'p', undefined)).toContain('value="" placeholder=""');
  });

  it('orderMark: the 1-based place in the list, or nothing', () => {
    expect(orderMark(['B', 'A'], 'A')).toBe('2');
    expect(orderMark(['B', 'A'], 'B')).toBe('1');
    expect(orderMark(['B'], 'C')).toBe('');
  });

  it('checksHtml: a box per header, the chosen ticked, one not a header flagged, the order shown', () => {
    const html = checksHtml('entries.0.columns', 'sheets[0].columns', ['A', 'B'], ['B', 'Z'], true);
    const labels = html.match(/<label[\s\S]*?<\/label>/g) || [];
    expect(labels).toHaveLength(3);
    expect(labels[0]).not.toContain('checked');
    expect(labels[1]).toContain(' checked><bdi>B</bdi><span class="order">1</span>');
    expect(labels[2]).toContain('<bdi>Z</bdi> <span class="error">(not a header)</span>');
    expect(labels[2]).toContain('<span class="order">2</span>');
    expect(checksHtml('a', 'p', ['A'], [])).not.toContain('class="order"');
    expect(checksHtml('a', 'p', [], [])).toBe('<p class="hint">No headers in this row.</p>');
  });
});
