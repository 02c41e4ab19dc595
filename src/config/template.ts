/**
 * Title and subtitle templates: text with `{{Header}}` placeholders and the
 * built-ins `{{_key}}`, `{{_sheet}}`, `{{_spreadsheet}}`, `{{_row}}`.
 */
import { ConfigProblem, configProblem, describeValue } from './problems';

export const BUILT_IN_PLACEHOLDERS = ['_key', '_sheet', '_spreadsheet', '_row'] as const;

export type TemplatePart = { text: string } | { placeholder: string };

export interface Template {
  source: string;
  parts: TemplatePart[];
}

/** The placeholders of a template that name columns (not built-ins). */
export function columnPlaceholders(template: Template): string[] {
  const out: string[] = [];
  template.parts.forEach((p) => {
    if (
      'placeholder' in p &&
      (BUILT_IN_PLACEHOLDERS as readonly string[]).indexOf(p.placeholder) < 0
    ) {
      out.push(p.placeholder);
    }
  });
  return out;
}

export function parseTemplate(
  value: unknown,
  path: string,
  problems: ConfigProblem[],
): Template | null {
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push(
      configProblem(
        path,
        `must be a non-empty text such as "{{ID}} · {{Title}}", not ${describeValue(value)}`,
      ),
    );
    return null;
  }
  const parts: TemplatePart[] = [];
  const pattern = /\{\{\s*([^{}]*?)\s*\}\}/g;
  let at = 0;
  for (let m = pattern.exec(value); m; m = pattern.exec(value)) {
    if (m.index > at) parts.push({ text: value.slice(at, m.index) });
    if (m[1] === '') {
      problems.push(configProblem(path, `has an empty placeholder {{}}`));
      return null;
    }
    parts.push({ placeholder: m[1] });
    at = m.index + m[0].length;
  }
  if (at < value.length) parts.push({ text: value.slice(at) });
  const leftover = parts.some(
    (p) => 'text' in p && (p.text.indexOf('{{') >= 0 || p.text.indexOf('}}') >= 0),
  );
  if (leftover) {
    problems.push(
      configProblem(
        path,
        `has an unclosed placeholder: write {{Header}} with two braces on each side`,
      ),
    );
    return null;
  }
  return { source: value, parts };
}
