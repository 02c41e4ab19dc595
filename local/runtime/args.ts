/** Apps Script's argument checks and their messages. */
import { exception } from './errors';

/** How Apps Script names argument types in "The parameters (...) don't match" messages. */
export function describeArgs(args: unknown[]): string {
  return args
    .map((a) =>
      a === null
        ? 'null'
        : Array.isArray(a)
          ? 'Object[]'
          : typeof a === 'object'
            ? 'Object'
            : typeof a,
    )
    .join(',');
}

/** "The parameters (number,String) don't match the method signature for SpreadsheetApp.Sheet.x." */
export function signatureError(method: string, args: unknown[]): Error {
  return exception(
    `The parameters (${describeArgs(args)}) don't match the method signature for SpreadsheetApp.${method}.`,
  );
}

/** A finite number, truncated to an integer; anything else is a signature error. */
export function integerArg(value: unknown, method: string, args: unknown[]): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw signatureError(method, args);
  return Math.trunc(value);
}
