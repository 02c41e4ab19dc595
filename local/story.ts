/**
 * The short story `npm start` plays on the sample workbook, through the
 * bundle's real entry points: the menu appears, the webhook is tested,
 * triggers are installed, the schedule sends every ticket (T-2's two rows
 * share a thread) and the form's earlier response, a form response arrives,
 * tickets are edited (replies with old → new), a row is re-sent from the
 * menu, Chat fails once (503) and the relay retries, and a last run finds
 * nothing to send. 14 messages (the webhook test's included), ~20 s. Each
 * step prints a line per message posted (session.ts: a card's header).
 */
import type { EmulatorClient } from './chat-emulator/spawn';
import { FORM_SHEET, TICKETS_SHEET } from './samples/sample-workbook';
import { plural, type RelaySession } from './session';

const EUR = '[$€]#,##0.00';
const DAY = 'ddd, d mmm yyyy';

export interface StoryOptions {
  /** The emulator, to inject a fault; null when posting to real Chat. */
  emulator: EmulatorClient | null;
}

export async function playStory(session: RelaySession, options: StoryOptions): Promise<void> {
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
  ]);
  session.detail('edit', 'T-3 Priority Medium → Urgent; T-5 Owner set; new row T-6');
  await session.step('Scheduled run after edits', (rt) => rt.callAsTrigger('runScheduled'));

  tickets.setSelection(['A2:F2']);
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
