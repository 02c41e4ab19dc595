/**
 * The sidebar's words (src/app/settings/client/words.ts): a person's strings
 * isolated, so that no direction in one turns the text around it; a server's
 * text with its direction controls shown, not obeyed.
 */
import { bdi, errorsText, inert, isolated } from '../../../../src/app/settings/client/words';

const RLO = '\u202E';
const FSI = '\u2068';
const PDI = '\u2069';

describe('isolated', () => {
  it.each([
    ['an override', `${RLO}Owner`],
    ['a Hebrew name', 'שם'],
    ['an Arabic name', 'الاسم'],
    ['a right-to-left mark', 'Owner\u200F'],
    ['an isolate left open', `Owner\u2067`],
    ['a script beyond U+FFFF (Adlam)', 'Name \u{1E900}'],
  ])('puts %s between FSI and PDI', (_what, name) => {
    expect(isolated(name)).toBe(`${FSI}${name}${PDI}`);
  });

  it('leaves a left-to-right string as it is: nothing to turn around', () => {
    expect(isolated('Ticket ID')).toBe('Ticket ID');
    expect(isolated('Café № 5 (élan) – 2026/03')).toBe('Café № 5 (élan) – 2026/03');
  });
});

describe('bdi', () => {
  it('is an element of its own, its text escaped', () => {
    expect(bdi(`<b>${RLO}R&D</b>`)).toBe(`<bdi>&lt;b&gt;${RLO}R&amp;D&lt;/b&gt;</bdi>`);
  });
});

describe('inert', () => {
  it('shows the direction controls of a server text instead of obeying them', () => {
    expect(
      inert(`names "${RLO}Owner", which is not a header (headers: ID, ${RLO}Owner, Status)`),
    ).toBe('names "[U+202E]Owner", which is not a header (headers: ID, [U+202E]Owner, Status)');
    expect(inert('\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069')).toBe(
      '[U+202A][U+202B][U+202C][U+202D][U+2066][U+2067][U+2068][U+2069]',
    );
  });

  it('leaves right-to-left letters alone: they do not turn what follows them', () => {
    expect(inert('sheet "שם" (headers: ID, Status)')).toBe('sheet "שם" (headers: ID, Status)');
  });

  it('is how a failure reads as a line', () => {
    expect(
      errorsText([
        { path: 'a', message: 'm', text: `a names "${RLO}x"` },
        { path: 'b', message: 'only the message', text: '' },
      ]),
    ).toBe('a names "[U+202E]x" only the message');
  });
});
