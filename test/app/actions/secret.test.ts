/**
 * The secret that signs the actions' links (src/app/actions/secret.ts): read
 * only when long enough, made from two UUIDs, stored once on first need,
 * replaced on demand, and redacted from any text.
 */
import {
  SECRET_PROPERTY,
  newSecret,
  readSecret,
  replaceSecret,
  secretOnFirstNeed,
  withoutSecret,
} from '../../../src/app/actions/secret';
import { SigningUtilities } from '../../../src/app/ports';
import { PropertyStoreFake } from '../../../local/runtime';

/** Utilities whose getUuid answers `uuids` in turn. */
function uuids(...list: string[]): SigningUtilities & { asked: number } {
  const u = {
    asked: 0,
    getUuid: () => list[u.asked++ % list.length],
    computeHmacSha256Signature: () => {
      throw new Error('not signing here');
    },
  };
  return u;
}

const A = '0A1B2C3D-4E5F-4a6b-8c7d-9E0F1A2B3C4D';
const B = 'ffffffff-0000-4111-8222-333344445555';
const SECRET_OF_A_B = (A + B).replace(/-/g, '').toLowerCase();

describe('readSecret', () => {
  it('is null without the property, and for one shorter than 32 characters', () => {
    expect(readSecret(new PropertyStoreFake())).toBeNull();
    expect(readSecret(new PropertyStoreFake({ [SECRET_PROPERTY]: 'x'.repeat(31) }))).toBeNull();
    expect(readSecret(new PropertyStoreFake({ [SECRET_PROPERTY]: 'x'.repeat(32) }))).toBe(
      'x'.repeat(32),
    );
  });
});

describe('newSecret', () => {
  it('is the 64 hexadecimal digits of two UUIDs, in lower case', () => {
    const secret = newSecret(uuids(A, B));
    expect(secret).toBe(SECRET_OF_A_B);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
  });

  it('throws rather than make a short secret from UUIDs without digits', () => {
    expect(() => newSecret(uuids('not-a-uuid', 'zz'))).toThrow(
      'Utilities.getUuid gave no usable UUID',
    );
  });
});

describe('secretOnFirstNeed', () => {
  it('asks for nothing until needed, then makes and stores one secret, once', () => {
    const properties = new PropertyStoreFake();
    const set = jest.spyOn(properties, 'setProperty');
    const utilities = uuids(A, B);
    const secret = secretOnFirstNeed(properties, utilities);
    expect(utilities.asked).toBe(0);
    expect(secret()).toBe(SECRET_OF_A_B);
    expect(secret()).toBe(SECRET_OF_A_B);
    expect(utilities.asked).toBe(2);
    expect(set.mock.calls).toEqual([[SECRET_PROPERTY, SECRET_OF_A_B]]);
  });

  it('uses the secret there is, writing nothing', () => {
    const existing = 'e'.repeat(40);
    const properties = new PropertyStoreFake({ [SECRET_PROPERTY]: existing });
    const set = jest.spyOn(properties, 'setProperty');
    const utilities = uuids(A, B);
    expect(secretOnFirstNeed(properties, utilities)()).toBe(existing);
    expect(set).not.toHaveBeenCalled();
    expect(utilities.asked).toBe(0);
  });

  it('replaces a secret too short to use', () => {
    const properties = new PropertyStoreFake({ [SECRET_PROPERTY]: 'short' });
    expect(secretOnFirstNeed(properties, uuids(A, B))()).toBe(SECRET_OF_A_B);
    expect(properties.getProperty(SECRET_PROPERTY)).toBe(SECRET_OF_A_B);
  });
});

describe('replaceSecret', () => {
  it('stores a new secret over the old one', () => {
    const properties = new PropertyStoreFake({ [SECRET_PROPERTY]: 'o'.repeat(64) });
    replaceSecret(properties, uuids(A, B));
    expect(properties.getProperty(SECRET_PROPERTY)).toBe(SECRET_OF_A_B);
  });
});

describe('withoutSecret', () => {
  it('redacts every occurrence, and leaves text alone without a secret', () => {
    expect(withoutSecret('k=abc; again abc.', 'abc')).toBe('k=[redacted]; again [redacted].');
    expect(withoutSecret('abc', null)).toBe('abc');
    expect(withoutSecret('abc', '')).toBe('abc');
  });
});
