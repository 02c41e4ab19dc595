/**
 * `npm start`'s sample story, read back from the Chat space it leaves in the
 * emulator (what the preview page shows): the ops loop's reminder is a reply
 * in T-4's thread, the edit held by quiet hours is a reply in T-3's thread
 * (the printed steps show it was not there during quiet hours), and the
 * "Open this morning" digest lists the open tickets in a thread of its own.
 * The story's printed steps are checked in start.test.ts.
 */
import { EmulatorClient } from '../../local/chat-emulator/spawn';
import type { MessageView, ThreadView } from '../../local/chat-emulator/model';
import { startProcess } from '../support/start-cli';
import { cardOf } from './posted-cards';

/** The card header's title of a message, or '' for a text message. */
const titleOf = (m: MessageView) => (m.cardsV2?.length ? (cardOf(m).header?.title ?? '') : '');

/** The thread a ticket's first message started. */
function threadOf(threads: ThreadView[], key: string): ThreadView {
  const thread = threads.find((t) => titleOf(t.messages[0]).startsWith(`${key} · `));
  if (!thread) throw new Error(`no thread starts with ${key}'s card`);
  return thread;
}

describe('npm start: the ops loop in the Chat space', () => {
  let threads: ThreadView[];
  let out: string;

  beforeAll(async () => {
    const run = startProcess(['--port', '0']);
    try {
      const [, origin] = await run.line(/^Chat emulator at (http:\/\/127\.0\.0\.1:\d+) /);
      await run.line(/^Preview: http/);
      threads = await new EmulatorClient(origin).threads('AAAAtickets');
      out = run.output();
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  }, 90000);

  it('T-4, still New 35 minutes after it was posted, gets one reminder: a text reply in its own thread', () => {
    const reminders = threads.flatMap((t) =>
      t.messages.filter((m) => (m.text ?? '').includes('Reminder:')),
    );
    expect(reminders).toHaveLength(1);
    const t4 = threadOf(threads, 'T-4');
    expect(t4.messages.at(-1)).toBe(reminders[0]);
    expect(reminders[0].threadReply).toBe(true);
    expect(reminders[0].text).toMatch(/^Reminder: Status is New, for 35 minutes\n<https:.*\|/);
  });

  it('the edit made in quiet hours is absent while they last, then a reply in T-3’s thread', () => {
    // Read from the emulator by the story between the runs (see story.ts's showThread).
    const during = out.indexOf('✔ Scheduled run in quiet hours: nothing sent, no HTTP call');
    const after = out.indexOf('✔ Scheduled run as quiet hours end: 1 message sent');
    expect(during).toBeGreaterThan(0);
    expect(after).toBeGreaterThan(during);
    expect(out.slice(during, after)).toContain(
      `T-3's thread: 2 messages; "In progress → Done" is not in it yet`,
    );
    expect(out.slice(after)).toContain(`T-3's thread: 3 messages; "In progress → Done" is in it`);

    const t3 = threadOf(threads, 'T-3');
    const released = t3.messages.filter((m) => JSON.stringify(m.cardsV2).includes('→ Done'));
    expect(released).toHaveLength(1);
    expect(released[0]).toBe(t3.messages.at(-1));
    expect(released[0].threadReply).toBe(true);
    expect(titleOf(released[0])).toBe('T-3 · Badge reader at door B');
  });

  it('the "Open this morning" digest is one message in its own thread, listing the open tickets', () => {
    const digests = threads.filter((t) =>
      t.messages.some((m) => titleOf(m) === 'Open this morning'),
    );
    expect(digests).toHaveLength(1);
    const [digest] = digests[0].messages;
    expect(digests[0].messages).toHaveLength(1);
    const card = cardOf(digest);
    expect(card.header?.subtitle).toBe('4 rows match · Tickets · Monday 2 March 2026');
    const body = JSON.stringify(card.sections);
    for (const open of [
      'T-1 · Printer on fire 🔥',
      'T-4 · VPN drops every hour',
      'T-5 · Laptop for the new starter',
      'T-6 · Projector bulb',
    ]) {
      expect(body).toContain(open);
    }
    // Done: T-2's two rows, and T-3 since the night.
    expect(body).not.toMatch(/T-2 ·|T-3 ·/);
    // In sheet order.
    expect(body.indexOf('T-1 ·')).toBeLessThan(body.indexOf('T-4 ·'));
    expect(body.indexOf('T-5 ·')).toBeLessThan(body.indexOf('T-6 ·'));
  });
});
