/**
 * A fast, deterministic, non-cryptographic 128-bit string hash (four
 * independently seeded 32-bit lanes of a murmur-style mix), rendered as 32
 * hex characters. Pure ECMAScript, so it behaves identically in Node and in
 * Apps Script, and it is cheap enough to fingerprint 50,000 rows per run.
 *
 * It identifies row versions, threads and requests; it is not a secret.
 */
export function hashHex(text: string): string {
  // One lookup of the global per call, not four per character.
  const imul = Math.imul;
  let h1 = 0x9e3779b1 ^ text.length;
  let h2 = 0x85ebca6b ^ text.length;
  let h3 = 0xc2b2ae35 ^ text.length;
  let h4 = 0x27d4eb2f ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = imul(h1 ^ c, 0x01000193);
    h2 = imul(h2 ^ c, 0x5bd1e995);
    h3 = imul(h3 ^ c, 0x1b873593);
    h4 = imul(h4 ^ c, 0xcc9e2d51);
    h1 = (h1 << 13) | (h1 >>> 19);
    h3 = (h3 << 11) | (h3 >>> 21);
  }
  h1 = fmix(h1 ^ h3);
  h2 = fmix(h2 ^ h4);
  h3 = fmix(h3 ^ h1);
  h4 = fmix(h4 ^ h2);
  return hex(h1) + hex(h2) + hex(h3) + hex(h4);
}

function fmix(h: number, imul: (a: number, b: number) => number = Math.imul): number {
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

function hex(n: number): string {
  return ('0000000' + (n >>> 0).toString(16)).slice(-8);
}

/**
 * A streaming 64-bit hash (two lanes, 16 hex characters) for row versions,
 * which are computed for every row of every run: the parts are fed one by
 * one instead of being concatenated first. A missed change would need a
 * 1-in-2^64 collision between two versions of the same row.
 */
export class Hash64 {
  private h1 = 0x9e3779b1;
  private h2 = 0x85ebca6b;
  // Held once per hash rather than looked up per call: global lookups are
  // the expensive part of a tight loop in some engines' script contexts.
  private readonly imul = Math.imul;

  /** Feeds a string, then a separator, so ["ab","c"] and ["a","bc"] differ. */
  text(value: string): this {
    const imul = this.imul;
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      h1 = imul(h1 ^ c, 0x01000193);
      h2 = imul(h2 ^ c, 0x5bd1e995);
      h2 = (h2 << 13) | (h2 >>> 19);
    }
    this.h1 = imul(h1 ^ 0x1f001f, 0x01000193);
    this.h2 = imul(h2 ^ value.length, 0x5bd1e995);
    return this;
  }

  /** Feeds a 32-bit number (e.g. a precomputed digest of a label). */
  number(value: number): this {
    this.h1 = this.imul(this.h1 ^ value, 0x01000193);
    this.h2 = this.imul((this.h2 << 13) | (this.h2 >>> 19), 0x5bd1e995) ^ value;
    return this;
  }

  digest(): string {
    const h1 = fmix(this.h1 ^ this.imul(this.h2, 0x27d4eb2f), this.imul);
    return hex(h1) + hex(fmix(this.h2 ^ h1, this.imul));
  }
}

/** A 32-bit digest of a short string, to feed labels into a Hash64 cheaply. */
export function hash32(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
  return fmix(h);
}
