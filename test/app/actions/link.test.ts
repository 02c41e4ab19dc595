/**
 * The signed link of an action (src/app/actions/link.ts): its exact shape,
 * an HMAC-SHA256 that Node's crypto agrees with, and a reading of its
 * parameters that takes nothing but what actionLink writes.
 */
import { createHmac } from 'node:crypto';
import {
  LinkFacts,
  actionLink,
  base64url,
  isActionLinkOf,
  linkAge,
  readLink,
  sameSecretly,
  signedWith,
} from '../../../src/app/actions/link';
import { SigningUtilities } from '../../../src/app/ports';

/** Utilities.computeHmacSha256Signature as Apps Script answers it: signed bytes. */
const utilities: SigningUtilities = {
  computeHmacSha256Signature: (value, key) =>
    Array.from(createHmac('sha256', key).update(value, 'utf8').digest()).map((b) =>
      b > 127 ? b - 256 : b,
    ),
  getUuid: () => '00000000-0000-4000-8000-000000000000',
};

const SECRET = '0123456789abcdef'.repeat(4);
const WEB_APP = 'https://script.google.com/a/macros/example.com/s/AKfy/exec';
const FACTS: LinkFacts = {
  action: 'Claim & go',
  sheetId: 1234,
  rowId: 'r1a2b3',
  issued: 1700000000,
};

function params(url: string): Record<string, string> {
  const query = url.slice(url.indexOf('?') + 1);
  return Object.fromEntries(
    query
      .split('&')
      .map((kv) => [
        kv.slice(0, kv.indexOf('=')),
        decodeURIComponent(kv.slice(kv.indexOf('=') + 1)),
      ]),
  );
}

describe('base64url', () => {
  it.each([
    [[]],
    [[0]],
    [[-1, 0]],
    [[1, 2, 3]],
    [[-128, 127, 5, 9]],
    [Array.from({ length: 32 }, (_, i) => i * 8 - 128)],
  ])('encodes %j as Node does, without padding', (bytes) => {
    expect(base64url(bytes)).toBe(Buffer.from(bytes.map((b) => b & 0xff)).toString('base64url'));
  });
});

describe('actionLink', () => {
  it('is the web app URL with a, s, r, t and sig, in this order, the label percent-encoded', () => {
    const url = actionLink(WEB_APP, FACTS, SECRET, utilities);
    const expectedSig = createHmac('sha256', SECRET)
      .update(['chat-relay-action-v1', 'Claim & go', '1234', 'r1a2b3', '1700000000'].join('\n'))
      .digest('base64url');
    expect(url).toBe(
      `${WEB_APP}?a=Claim%20%26%20go&s=1234&r=r1a2b3&t=1700000000&sig=${expectedSig}`,
    );
  });

  it('is read back, decoded, as the facts it was made of, and its signature holds only with its secret', () => {
    const read = readLink(params(actionLink(WEB_APP, FACTS, SECRET, utilities)));
    expect(read).toEqual({ ...FACTS, sig: expect.any(String) });
    expect(signedWith(read!, SECRET, utilities)).toBe(true);
    expect(signedWith(read!, SECRET.replace(/^0/, '1'), utilities)).toBe(false);
  });

  it.each<[string, Partial<LinkFacts>]>([
    ['another action', { action: 'Claim & gO' }],
    ['another sheet', { sheetId: 1235 }],
    ['another row', { rowId: 'r1a2b4' }],
    ['another time', { issued: 1700000001 }],
  ])('signed for %s, it does not hold for the original facts', (_, change) => {
    const read = readLink(params(actionLink(WEB_APP, FACTS, SECRET, utilities)))!;
    expect(signedWith({ ...read, ...change }, SECRET, utilities)).toBe(false);
  });
});

describe('readLink', () => {
  const good = params(actionLink(WEB_APP, FACTS, SECRET, utilities));
  it.each<[string, unknown]>([
    ['nothing', undefined],
    ['null', null],
    ['a string', 'a=Claim'],
    ['no a', { ...good, a: undefined }],
    ['an empty a', { ...good, a: ' ' }],
    ['a line break in a', { ...good, a: 'Claim\nx' }],
    ['a sheet that is not a number', { ...good, s: '12x' }],
    ['a row ID of another shape', { ...good, r: 'R12' }],
    ['a negative time', { ...good, t: '-5' }],
    ['a signature too short', { ...good, sig: good.sig.slice(1) }],
    ['a signature in standard base64', { ...good, sig: `${good.sig.slice(0, 42)}+` }],
    ['an array for a parameter', { ...good, r: [good.r] }],
  ])('takes no link from %s', (_, parameter) => {
    expect(readLink(parameter)).toBeNull();
  });

  it('ignores parameters it does not know', () => {
    expect(readLink({ ...good, utm: 'x' })).toEqual(readLink(good));
  });
});

describe('linkAge', () => {
  const issued = 1700000000;
  const day = 86400;
  it('is fresh up to the last second of its days, expired after, and refused from the future', () => {
    expect(linkAge(issued, issued * 1000, 14)).toBe('fresh');
    expect(linkAge(issued, (issued + 14 * day) * 1000 + 999, 14)).toBe('fresh');
    expect(linkAge(issued, (issued + 14 * day + 1) * 1000, 14)).toBe('expired');
    expect(linkAge(issued, (issued + 14 * day + 1) * 1000, 15)).toBe('fresh');
    expect(linkAge(issued, (issued - 300) * 1000, 14)).toBe('fresh');
    expect(linkAge(issued, (issued - 301) * 1000, 14)).toBe('future');
  });
});

describe('sameSecretly', () => {
  it.each([
    ['abc', 'abc', true],
    ['abc', 'abd', false],
    ['abc', 'ab', false],
    ['ab', 'abc', false],
    ['', 'a', false],
    ['', '', true],
  ])('%j and %j: %s', (a, b, same) => {
    expect(sameSecretly(a, b)).toBe(same);
  });
});

describe('isActionLinkOf (a hand-edited Chat Outbox)', () => {
  const url = actionLink(WEB_APP, FACTS, SECRET, utilities);
  const expected = {
    webAppUrl: WEB_APP,
    label: FACTS.action,
    sheetId: FACTS.sheetId,
    rowId: FACTS.rowId,
  };

  it('takes the link the relay made for the row, at any time it was issued', () => {
    expect(isActionLinkOf(url, expected, SECRET, utilities)).toBe(true);
    const later = actionLink(WEB_APP, { ...FACTS, issued: FACTS.issued + 99 }, SECRET, utilities);
    expect(isActionLinkOf(later, expected, SECRET, utilities)).toBe(true);
  });

  it.each<[string, string]>([
    ['another host', url.replace('script.google.com', 'evil.example')],
    ['another parameter added', `${url}&x=1`],
    ['another row', url.replace('r=r1a2b3', 'r=r1a2b4')],
    ['a forged signature', url.replace(/sig=./, (m) => (m.endsWith('A') ? 'sig=B' : 'sig=A'))],
    ['another label', actionLink(WEB_APP, { ...FACTS, action: 'Resolve' }, SECRET, utilities)],
  ])('refuses %s', (_, changed) => {
    expect(changed).not.toBe(url);
    expect(isActionLinkOf(changed, expected, SECRET, utilities)).toBe(false);
  });
});
