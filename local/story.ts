/**
 * The short story `npm start` plays on the sample workbook, through the
 * bundle's real entry points: the menu appears, the webhook is tested,
 * triggers are installed, the schedule sends every ticket (T-2's two rows
 * share a thread) and the form's earlier response, a form response arrives,
 * tickets are edited (replies with old → new), a row is re-sent from the
 * menu, Chat fails once (503) and the relay retries. Then the ops loop
 * (samples/ops-loop.ts), on the story's clock: T-4, still New 35 minutes
 * later, gets a reminder in its thread; an edit at night is held by quiet
 * hours and goes out as a reply at 08:00; at 08:30 the "Open this morning"
 * digest lists the open tickets in a thread of its own; a last run finds
 * nothing to send. 17 messages (the webhook test's included), ~25 s. Each
 * step prints a line per message posted (session.ts: a card's header).
 */
import type { EmulatorClient } from './chat-emulator/spawn';
import { RealClock, type RuntimeClock } from './runtime';
import { withOpsLoop } from './samples/ops-loop';
import { FORM_SHEET, TICKETS_SHEET } from './samples/sample-workbook';
import { describePosted, plural, type RelaySession } from './session';

const EUR = '[$€]#,##0.00';
const DAY = 'ddd, d mmm yyyy';
const MINUTE = 60 * 1000;
/** When the story begins, in the sample's time zone (UTC): a Sunday evening, before quiet hours. */
export const STORY_START = Date.UTC(2026, 2, 1, 18, 20);

/**
 * The story's clock: it starts at STORY_START and runs at real speed (Chat's
 * pacing, the emulator's quota and the relay's sleeps stay real), and the
 * story jumps it ahead (jumpTo) where hours pass.
 */
export class StoryClock implements RuntimeClock {
  private readonly real = new RealClock();
  private offset: number;

  constructor(start: number = STORY_START) {
    this.offset = start - Date.now();
  }

  now(): number {
    return Date.now() + this.offset;
  }

  sleep(ms: number): void {
    this.real.sleep(ms);
  }

  /** Moves the clock to `at` (epoch ms); a time already past leaves it as it is. */
  jumpTo(at: number): void {
    this.offset += Math.max(0, at - this.now());
  }
}

/** "Sun 1 Mar 18:55": the story clock's time in the sample's zone. */
function wallTime(ms: number): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('hour')}:${part('minute')}`;
}

export interface StoryOptions {
  /** The emulator, to inject a fault; null when posting to real Chat. */
  emulator: EmulatorClient | null;
}

export async function playStory(session: RelaySession, options: StoryOptions): Promise<void> {
  const clock = session.runtime.clock;
  if (!(clock instanceof StoryClock)) throw new Error('the story needs its StoryClock');
  setUpOpsLoop(session, clock);
  await playSending(session, options);
  await playOpsLoop(session, clock, options);

  await session.step('Menu › Send pending rows (idle)', (rt) => rt.call('sendPendingRows'));

  const statuses = (name: string) =>
    Object.entries(session.statuses(name))
      .map(([status, n]) => `${status} ${n}`)
      .join(', ');
  session.detail(
    'sheets',
    `${TICKETS_SHEET}: ${statuses(TICKETS_SHEET)} · ${FORM_SHEET}: ${statuses(FORM_SHEET)}`,
  );
  if (session.runtime.triggerFailures.length) {
    throw new Error(`${plural(session.runtime.triggerFailures.length, 'trigger run')} failed`);
  }
}

/** Adds the ops loop to CHAT_RELAY_CONFIG, as a user would in Script Properties, and says so. */
function setUpOpsLoop(session: RelaySession, clock: StoryClock): void {
  const properties = session.runtime.properties;
  properties.setProperty(
    'CHAT_RELAY_CONFIG',
    withOpsLoop(properties.getProperty('CHAT_RELAY_CONFIG')),
  );
  session.detail(
    'clock',
    `${wallTime(clock.now())} (UTC, the sample's time zone): real seconds pass, and the story jumps ahead`,
  );
  session.detail(
    'config',
    'CHAT_RELAY_CONFIG gains the ops loop: quietHours 19:00–08:00; on Tickets, ' +
      'a reminder when Status has been New for 30m, and the digest "Open this morning" ' +
      'at 08:30 on weekdays (Status not Done)',
  );
}

/** The relay's everyday job: new rows, a form response, edits, a re-send, a retried fault. */
async function playSending(session: RelaySession, options: StoryOptions): Promise<void> {
  const tickets = session.workbook.sheet(TICKETS_SHEET);

  await session.step(
    'onOpen',
    (rt) => rt.openSpreadsheet(),
    () => {
      const menu = session.runtime.ui.menus.at(-1);
      if (!menu) return 'no menu was added';
      const items = menu.items.filter((i) => i !== 'separator').map((i) => i.caption);
      return `menu "${menu.caption}": ${items.join(' · ')}`;
    },
  );

  await session.step('Menu › Test webhooks', (rt) => rt.call('testWebhooks'));

  await session.step(
    'Menu › Install triggers',
    (rt) => rt.call('installTriggers'),
    () =>
      session.runtime.scriptApp
        .getProjectTriggers()
        .map((t) => `${t.getHandlerFunction()} (${String(t.getEventType())})`)
        .join(', '),
  );

  await session.step('Scheduled run (runScheduled trigger)', (rt) =>
    rt.callAsTrigger('runScheduled'),
  );

  await session.step('Form submission (handleFormSubmit trigger)', (rt) =>
    rt.formSubmit(FORM_SHEET, ['zoe@example.com', 'Access to the Q3 budget 📊 <users/all>']),
  );

  // A user edits two tickets and adds one, then the schedule runs again.
  tickets.setRowValues(4, ['Urgent'], 3); // T-3: Priority Medium → Urgent
  tickets.setRowValues(7, ['eve@example.com'], 6); // T-5: Owner (empty) → eve@example.com
  const next = tickets.lastRow() + 1;
  tickets.setFormat(next, 4, EUR);
  tickets.setFormat(next, 5, DAY);
  tickets.setRowValues(next, [
    'T-6',
    'Projector bulb',
    'Low',
    89,
    new Date(Date.UTC(2026, 2, 20)),
    'ana@example.com',
    'In progress',
  ]);
  session.detail('edit', 'T-3 Priority Medium → Urgent; T-5 Owner set; new row T-6');
  await session.step('Scheduled run after edits', (rt) => rt.callAsTrigger('runScheduled'));

  tickets.setSelection(['A2:G2']);
  session.detail('select', 'row 2 (T-1)');
  await session.step('Menu › Send selected rows', (rt) => rt.call('sendSelectedRows'));

  tickets.setRowValues(6, ['Low'], 3); // T-4: Priority High → Low
  session.detail('edit', 'T-4 Priority High → Low');
  if (options.emulator) {
    await options.emulator.injectFault({ status: 503, times: 1 });
    session.detail('fault', 'the emulator answers the next create with 503 UNAVAILABLE');
  } else {
    session.detail('fault', 'none injected: posting to real Google Chat');
  }
  await session.step('Scheduled run with a transient fault', (rt) =>
    rt.callAsTrigger('runScheduled'),
  );
}

/**
 * The ops loop on the story's clock (Sunday 18:20 onwards): a reminder at
 * 18:55, an edit held through quiet hours and released on Monday at 08:00,
 * the morning digest at 08:30.
 */
async function playOpsLoop(
  session: RelaySession,
  clock: StoryClock,
  options: StoryOptions,
): Promise<void> {
  const tickets = session.workbook.sheet(TICKETS_SHEET);
  const DONE = 'In progress → Done';
  const runAt = async (at: number, title: string) => {
    clock.jumpTo(at);
    session.detail('clock', wallTime(clock.now()));
    await session.step(title, (rt) => rt.callAsTrigger('runScheduled'));
  };

  await runAt(clock.now() + 35 * MINUTE, 'Scheduled run: T-4 still New 35 minutes later');
  await showThread(session, options, 'T-4', 'Reminder: Status is New');

  clock.jumpTo(Date.UTC(2026, 2, 1, 19, 10));
  tickets.setRowValues(4, ['Done'], 7); // T-3: Status In progress → Done
  session.detail('edit', `${wallTime(clock.now())}, in quiet hours: T-3 Status In progress → Done`);
  await runAt(Date.UTC(2026, 2, 1, 19, 11), 'Scheduled run in quiet hours');
  await showThread(session, options, 'T-3', DONE);

  await runAt(Date.UTC(2026, 2, 2, 8, 0), 'Scheduled run as quiet hours end');
  await showThread(session, options, 'T-3', DONE);

  await runAt(Date.UTC(2026, 2, 2, 8, 30), 'Scheduled run at the digest’s time');
}

/**
 * Prints what the Chat space shows of a ticket's thread now (the emulator's
 * threads, as the preview page shows them): how many messages, and whether
 * one of them holds `needle`.
 */
async function showThread(
  session: RelaySession,
  options: StoryOptions,
  key: string,
  needle: string,
) {
  const emulator = options.emulator;
  if (!emulator) return;
  const spaces = await emulator.spaces();
  const threads = (await Promise.all(spaces.map((s) => emulator.threads(s.space)))).flat();
  const thread = threads.find(
    (t) =>
      t.messages.length > 0 &&
      describePosted(JSON.stringify(t.messages[0].request)).startsWith(`card: ${key} · `),
  );
  if (!thread) {
    session.detail('chat', `no thread for ${key}`);
    return;
  }
  const shown = thread.messages.some((m) => JSON.stringify(m.request).includes(needle));
  session.detail(
    'chat',
    `${key}'s thread: ${plural(thread.messages.length, 'message')}; "${needle}" ${shown ? 'is in it' : 'is not in it yet'}`,
  );
}
