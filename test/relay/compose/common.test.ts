import {
  MAX_MENTIONS,
  inListedOrder,
  keyShown,
  mentionTags,
  mentionText,
  safeLink,
  shownFields,
} from '../../../src/relay/compose/common';

describe('mentionTags / mentionText', () => {
  it('makes the markup of each well-formed mention, once each', () => {
    expect(mentionTags(['all', 'users/123', 'users/all', 'users/123'])).toEqual([
      '<users/all>',
      '<users/123>',
    ]);
    expect(mentionText(['users/1', 'all'])).toBe('<users/1> <users/all>');
    expect(mentionText([])).toBe('');
  });

  it('leaves out anything that is not a mention, and mentions past the limit', () => {
    expect(mentionTags(['users/abc', '<users/all>', 'users/1|x', 'everyone', ''])).toEqual([]);
    const many = Array.from({ length: MAX_MENTIONS + 5 }, (_, i) => `users/${i}`);
    expect(mentionTags(many)).toHaveLength(MAX_MENTIONS);
  });
});

describe('safeLink', () => {
  it('keeps an HTTPS link, percent-encoding what could end or split the markup', () => {
    expect(safeLink('https://docs.google.com/x#gid=1&range=A2:B2')).toBe(
      'https://docs.google.com/x#gid=1&range=A2:B2',
    );
    expect(safeLink('https://x.example/a|b<c>d e')).toBe('https://x.example/a%7Cb%3Cc%3Ed%20e');
  });

  it('is null for anything but HTTPS', () => {
    expect(safeLink(null)).toBeNull();
    expect(safeLink('http://x.example')).toBeNull();
    expect(safeLink('javascript:alert(1)')).toBeNull();
    expect(safeLink('https://')).toBeNull();
  });
});

describe('inListedOrder / shownFields / keyShown', () => {
  const key = { label: 'ID', value: 'T-1' };
  const fields = [
    { label: 'Title', value: 'Printer' },
    { label: 'Team', value: 'Desk' },
  ];

  it('keeps every item as it is without a list, else the listed ones in the listed order, once', () => {
    expect(inListedOrder(fields, null)).toBe(fields);
    expect(inListedOrder(fields, ['Team', 'Nope', 'Title', 'Team'])).toEqual([
      fields[1],
      fields[0],
    ]);
  });

  it('shows the key first without columns, and only where listed with them', () => {
    expect(shownFields({ key, shown: null }, fields)).toEqual([key, ...fields]);
    expect(shownFields({ key, shown: ['Team', 'ID'] }, fields)).toEqual([fields[1], key]);
    expect(shownFields({ key, shown: ['Title'] }, fields)).toEqual([fields[0]]);
    expect(keyShown({ key, shown: null })).toBe(true);
    expect(keyShown({ key, shown: ['Title'] })).toBe(false);
  });
});
