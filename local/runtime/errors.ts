/**
 * Apps Script service errors: `name` is "Exception" and the message has no
 * prefix, so `String(e)` reads "Exception: <message>" as in Apps Script V8
 * while `e.message` is the bare message.
 */
export function exception(message: string): Error {
  const error = new Error(message);
  error.name = 'Exception';
  return error;
}

/** A loud failure for an Apps Script API the local runtime does not implement. */
export class NotImplementedError extends Error {
  constructor(api: string) {
    super(`Local runtime: ${api} is not implemented`);
    this.name = 'NotImplementedError';
  }
}
