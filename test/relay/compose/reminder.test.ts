import { MAX_REMINDER_CHARS, composeReminder } from '../../../src/relay/compose/reminder';
import { ROW_LINK, THREAD_KEY, expectValidBody } from './context';

const LINK_LINE = `<${ROW_LINK}|Open in Sheets>`;
const LINE = 'Reminder: Status is New, for 35 minutes';

describe('composeReminder', () => {
  it('is one text message in the row’s thread: the mentions and the line, then the link back', () => {
    const message = composeReminder({
      line: LINE,
      mentions: ['users/123', 'all'],
      rowLink: ROW_LINK,
      threadKey: THREAD_KEY,
    });
    expect(message).toEqual({
      text: `<users/123> <users/all> ${LINE}\n${LINK_LINE}`,
      thread: { threadKey: THREAD_KEY },
    });
    expectValidBody(message);
  });

  it('leaves out what it does not have: mentions, link, note', () => {
    expect(
      composeReminder({ line: LINE, mentions: [], rowLink: null, threadKey: THREAD_KEY }),
    ).toEqual({ text: LINE, thread: { threadKey: THREAD_KEY } });
    expect(
      composeReminder({ line: LINE, mentions: [], mentionNote: '', rowLink: null, threadKey: 'k' })
        .text,
    ).toBe(LINE);
    // A link that is not HTTPS is no link.
    expect(
      composeReminder({ line: LINE, mentions: [], rowLink: 'javascript:alert(1)', threadKey: 'k' })
        .text,
    ).toBe(LINE);
  });

  it('pings only mentions of the configuration’s shape, once each', () => {
    const message = composeReminder({
      line: LINE,
      mentions: ['users/123', 'users/123', 'users/abc', '@all', 'ana@example.com'],
      rowLink: null,
      threadKey: THREAD_KEY,
    });
    expect(message.text).toBe(`<users/123> ${LINE}`);
  });

  it('names the people it could not ping under the line, neutralised, on one line', () => {
    const message = composeReminder({
      line: LINE,
      mentions: ['users/123'],
      mentionNote: 'Owner <users/all> ana@example.com\nhas no Chat ID in People',
      rowLink: ROW_LINK,
      threadKey: THREAD_KEY,
    });
    expect(String(message.text).split('\n')).toEqual([
      `<users/123> ${LINE}`,
      'Owner \u2039users/all\u203a ana@example.com has no Chat ID in People',
      LINK_LINE,
    ]);
    expectValidBody(message);
  });

  it(`cuts a long line at ${MAX_REMINDER_CHARS} characters, with the mark, and stays within Chat's limits`, () => {
    const exact = 'x'.repeat(MAX_REMINDER_CHARS);
    expect(composeReminder({ line: exact, mentions: [], rowLink: null, threadKey: 'k' }).text).toBe(
      exact,
    );
    const message = composeReminder({
      line: 'y'.repeat(MAX_REMINDER_CHARS * 50),
      mentions: ['users/1'],
      rowLink: ROW_LINK,
      threadKey: THREAD_KEY,
    });
    const [first, link] = String(message.text).split('\n');
    expect(first.startsWith('<users/1> yyy')).toBe(true);
    expect(first).toHaveLength('<users/1> '.length + MAX_REMINDER_CHARS);
    expect(first.endsWith('\u2026 [truncated]')).toBe(true);
    expect(link).toBe(LINK_LINE);
    expectValidBody(message);
  });
});
