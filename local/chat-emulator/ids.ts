/** Random identifiers shaped like Chat's: tokens, thread and message ids, bot user names. */
import { randomBytes } from 'node:crypto';

export function randomId(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** `users/1…` followed by 20 digits, like a Chat app's user name. */
export function randomUserName(): string {
  return `users/1${String(randomBytes(6).readUIntBE(0, 6)).padStart(20, '0')}`;
}
