/**
 * The secret that signs the actions' links, in the Script Property
 * CHAT_RELAY_ACTION_SECRET: made on first need (the first message with an
 * action's button) from two UUIDs, read with every other property in a
 * run's one getProperties(), replaced from the Settings sidebar (which
 * invalidates every link issued). No function returns it, nothing logs it,
 * and every text the web app shows is cleared of it (withoutSecret).
 */
import { PropertyStore } from '../../ports';
import { SigningUtilities, WritableProperties } from '../ports';

export const SECRET_PROPERTY = 'CHAT_RELAY_ACTION_SECRET';
/** A secret shorter than this (set by hand) is not used: a new one replaces it. */
const MIN_SECRET_CHARS = 32;

/** The secret in these properties, or null when there is none (or it is too short to use). */
export function readSecret(properties: PropertyStore): string | null {
  const secret = properties.getProperty(SECRET_PROPERTY);
  return secret !== null && secret.length >= MIN_SECRET_CHARS ? secret : null;
}

/** A new secret: 64 hexadecimal digits from two random UUIDs (244 random bits). */
export function newSecret(utilities: SigningUtilities): string {
  const hex = (utilities.getUuid() + utilities.getUuid()).replace(/[^0-9a-fA-F]/g, '');
  if (hex.length < MIN_SECRET_CHARS) throw new Error('Utilities.getUuid gave no usable UUID');
  return hex.toLowerCase();
}

/**
 * The secret, made and stored on first need: `properties` is the run's snapshot (read once),
 * so the secret made is remembered here for the rest of the run.
 */
export function secretOnFirstNeed(
  properties: WritableProperties,
  utilities: SigningUtilities,
): () => string {
  let secret: string | null = null;
  return () => {
    if (secret !== null) return secret;
    secret = readSecret(properties);
    if (secret === null) {
      secret = newSecret(utilities);
      properties.setProperty(SECRET_PROPERTY, secret);
    }
    return secret;
  };
}

/** Replaces the secret: every link issued so far stops working. */
export function replaceSecret(properties: WritableProperties, utilities: SigningUtilities): void {
  properties.setProperty(SECRET_PROPERTY, newSecret(utilities));
}

/** `text` with every occurrence of the secret redacted (should one ever get there). */
export function withoutSecret(text: string, secret: string | null): string {
  if (secret === null || secret === '') return text;
  return text.split(secret).join('[redacted]');
}
