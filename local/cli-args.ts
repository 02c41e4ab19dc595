/**
 * What the local commands' parsers share (`npm start`, `npm run conformance`):
 * node:util parseArgs in strict mode, its errors reworded for people as a
 * UsageError naming the option (with a "did you mean" for a near miss), and
 * no option given twice. The callers print a UsageError with their usage and
 * exit with code 2.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  override name = 'UsageError';
}

export type Options = NonNullable<ParseArgsConfig['options']>;

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

function suggestion(flag: string, names: string[]): string {
  const name = flag.replace(/^-+/, '').split('=')[0];
  const [best] = names.map((n) => ({ n, d: distance(name, n) })).sort((x, y) => x.d - y.d);
  return best && best.d <= 2 ? ` (did you mean --${best.n}?)` : '';
}

/**
 * How a stray positional argument is reported: `argument` is what was typed. The default
 * quotes it; a caller whose users may paste a secret there words it without the value.
 */
export type PositionalMessage = (argument: string) => string;

/** parseArgs' errors, reworded for people (and never echoing an option's value). */
function usageErrorOf(error: unknown, names: string[], positional: PositionalMessage): UsageError {
  const { code, message } = error as { code?: string; message: string };
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  const option = quoted.split(' ')[0];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`unknown option ${option}${suggestion(option, names)}`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return new UsageError(
        /does not take an argument/.test(message)
          ? `${option} takes no value`
          : `${option} needs a value (${option} VALUE or ${option}=VALUE)`,
      );
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(positional(quoted));
    default:
      return new UsageError(message);
  }
}

/**
 * Reads `argv` against `options` (strict: no positional argument); throws a UsageError on any
 * mistake, an option given twice included.
 */
export function parseOptions<T extends Options>(
  argv: string[],
  options: T,
  positional: PositionalMessage,
) {
  let result;
  try {
    result = parseArgs({ args: argv, options, strict: true, tokens: true });
  } catch (error) {
    throw usageErrorOf(error, Object.keys(options), positional);
  }
  const seen = new Set<string>();
  for (const token of result.tokens ?? []) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} is given twice`);
    seen.add(token.name);
  }
  return result;
}
