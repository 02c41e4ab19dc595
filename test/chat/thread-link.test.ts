import { threadUrl } from '../../src/chat/thread-link';

describe('threadUrl', () => {
  it('is the browser link of a thread resource name', () => {
    expect(threadUrl('spaces/AAAAGCYeSRY/threads/kbQ2zPXDrYQ')).toBe(
      'https://chat.google.com/room/AAAAGCYeSRY/kbQ2zPXDrYQ',
    );
    expect(threadUrl('spaces/A-b_1/threads/T_2-c')).toBe(
      'https://chat.google.com/room/A-b_1/T_2-c',
    );
  });

  it('ignores whitespace around the name, as a cell may hold it', () => {
    expect(threadUrl('  spaces/AAAA/threads/t1\n')).toBe('https://chat.google.com/room/AAAA/t1');
  });

  it.each([
    ['', 'empty'],
    ['spaces/AAAA', 'a space, not a thread'],
    ['spaces/AAAA/messages/m1', 'a message'],
    ['spaces/AAAA/threads/', 'no thread ID'],
    ['spaces//threads/t1', 'no space ID'],
    ['spaces/AAAA/threads/t1/messages/m1', 'more after the thread'],
    ['x/spaces/AAAA/threads/t1', 'something before the name'],
    ['https://chat.google.com/room/AAAA/t1', 'already a link'],
    ['spaces/AA AA/threads/t1', 'a space inside an ID'],
    ['spaces/AAAA/threads/t1?x=<users/all>', 'markup or a query after the ID'],
    ['spaces/AAAA/threads/"><script>', 'anything but letters, digits, _ and -'],
    ['Spaces/AAAA/Threads/t1', 'another case'],
  ])('refuses %j (%s): null, never a link', (name) => {
    expect(threadUrl(name)).toBeNull();
  });

  it('refuses what is not a string of that shape, without throwing', () => {
    expect(threadUrl(null as unknown as string)).toBeNull();
    expect(threadUrl(42 as unknown as string)).toBeNull();
  });
});
