/** The renderer's small helpers: elements with their test hook, safe links, reading untyped JSON. */
import { anchor, arr, obj, safeHref, str, tag } from '../../../src/chat/render/html';

describe('render/html', () => {
  test('tag: the class and the data-testid are the same word; inner is HTML as given', () => {
    expect(tag('div', 'card-title', '<b>x</b>', ' data-x="1"')).toBe(
      '<div class="card-title" data-testid="card-title" data-x="1"><b>x</b></div>',
    );
  });

  test('safeHref: http(s) and mailto only, in any case', () => {
    expect(safeHref('https://a.example')).toBe(true);
    expect(safeHref('HTTP://a.example')).toBe(true);
    expect(safeHref('mailto:a@b.example')).toBe(true);
    expect(safeHref('javascript:alert(1)')).toBe(false);
    expect(safeHref('data:text/html,x')).toBe(false);
    expect(safeHref(' https://a.example')).toBe(false);
    expect(safeHref('//a.example')).toBe(false);
  });

  test('anchor: opens in a new tab, with no opener', () => {
    expect(anchor('link', 'https://a.example', 'A')).toBe(
      '<a class="link" data-testid="link" href="https://a.example" target="_blank" rel="noopener noreferrer">A</a>',
    );
  });

  test('obj, str, arr: the value when of that kind, else nothing', () => {
    expect(obj({ a: 1 })).toEqual({ a: 1 });
    expect(obj([1])).toBeUndefined();
    expect(obj(null)).toBeUndefined();
    expect(obj('x')).toBeUndefined();
    expect(str('x')).toBe('x');
    expect(str(1)).toBeUndefined();
    expect(arr([1, 2])).toEqual([1, 2]);
    expect(arr({ length: 1 })).toEqual([]);
    expect(arr(undefined)).toEqual([]);
  });
});
