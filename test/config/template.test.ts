import { ConfigProblem } from '../../src/config/problems';
import {
  BUILT_IN_PLACEHOLDERS,
  columnPlaceholders,
  parseTemplate,
  Template,
} from '../../src/config/template';

function parse(value: unknown): { template: Template | null; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const template = parseTemplate(value, 'sheets[0].title', problems);
  return { template, problems };
}

describe('parseTemplate', () => {
  it('splits text and placeholders, trimming the names', () => {
    expect(parse('{{ID}} · {{ Title }}!').template).toEqual({
      source: '{{ID}} · {{ Title }}!',
      parts: [{ placeholder: 'ID' }, { text: ' · ' }, { placeholder: 'Title' }, { text: '!' }],
    });
  });

  it('keeps a text without placeholders as one part', () => {
    expect(parse('New ticket').template).toEqual({
      source: 'New ticket',
      parts: [{ text: 'New ticket' }],
    });
  });

  it('accepts headers with spaces and the built-ins', () => {
    const { template } = parse(
      '{{_key}} in {{_sheet}} of {{_spreadsheet}}, row {{_row}}: {{Due date}}',
    );
    expect(template && columnPlaceholders(template)).toEqual(['Due date']);
    expect(BUILT_IN_PLACEHOLDERS).toEqual(['_key', '_sheet', '_spreadsheet', '_row']);
  });

  it.each<[unknown, string]>([
    ['', 'must be a non-empty text such as "{{ID}} · {{Title}}", not ""'],
    ['   ', 'must be a non-empty text such as "{{ID}} · {{Title}}", not "   "'],
    [42, 'must be a non-empty text such as "{{ID}} · {{Title}}", not 42'],
    ['Hi {{ }}', 'has an empty placeholder {{}}'],
    ['Hi {{ID}', 'has an unclosed placeholder: write {{Header}} with two braces on each side'],
    ['Hi ID}} there', 'has an unclosed placeholder: write {{Header}} with two braces on each side'],
  ])('refuses %p, at its path', (value, message) => {
    const { template, problems } = parse(value);
    expect(template).toBeNull();
    expect(problems).toEqual([
      {
        path: 'sheets[0].title',
        message,
        text: `CHAT_RELAY_CONFIG key "sheets[0].title" ${message}`,
      },
    ]);
  });
});

describe('columnPlaceholders', () => {
  it('lists the placeholders that name columns, in order, repeats included', () => {
    const { template } = parse('{{Title}} {{_row}} {{Owner}} {{Title}} {{_custom}}');
    expect(template && columnPlaceholders(template)).toEqual([
      'Title',
      'Owner',
      'Title',
      '_custom',
    ]);
  });
});
