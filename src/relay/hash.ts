/**
 * A fast, deterministic, non-cryptographic 128-bit string hash (four
 * independently seeded 32-bit lanes of a murmur-style mix), rendered as 32
 * hex characters. Pure ECMAScript, so it behaves identically in Node and in
 * Apps Script, and it is cheap enough to fingerprint 50,000 rows per run.
 *
 * It identifies row versions, threads and requests; it is not a secret.
 */
export function hashHex(text: string): string {
  let h1 = 0x9e3779b1 ^ text.length;
  let h2 = 0x85ebca6b ^ text.length;
  let h3 = 0xc2b2ae35 ^ text.length;
  let h4 = 0x27d4eb2f ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h3 = Math.imul(h3 ^ c, 0x1b873593);
    h4 = Math.imul(h4 ^ c, 0xcc9e2d51);
    h1 = (h1 << 13) | (h1 >>> 19);
    h3 = (h3 << 11) | (h3 >>> 21);
  }
  h1 = fmix(h1 ^ h3);
  h2 = fmix(h2 ^ h4);
  h3 = fmix(h3 ^ h1);
  h4 = fmix(h4 ^ h2);
  return hex(h1) + hex(h2) + hex(h3) + hex(h4);
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

function hex(n: number): string {
  return ('0000000' + (n >>> 0).toString(16)).slice(-8);
}
