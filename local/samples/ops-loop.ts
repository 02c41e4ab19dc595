/**
 * The ops loop the sample story sets up on the sample workbook (issue 16):
 * quiet hours at night, a reminder in the thread of a ticket left New, and
 * the "Open this morning" digest on weekday mornings. The story adds these
 * keys to whatever CHAT_RELAY_CONFIG `npm start` began with (see
 * withOpsLoop), so the sample's other settings (actions, say) stay as they are.
 */
import { FORM_SHEET, TICKETS_SHEET } from './sample-workbook';

/** Quiet hours for every followed sheet (a top-level default). */
export const QUIET_HOURS = { from: '19:00', to: '08:00' };

/** The Tickets sheet's own keys: its reminder and its digest. */
export const TICKETS_OPS = {
  reminders: [{ when: { column: 'Status', equals: 'New' }, after: '30m' }],
  digests: [
    {
      name: 'Open this morning',
      at: '08:30',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      when: { column: 'Status', notEquals: 'Done' },
    },
  ],
};

type Config = Record<string, unknown> & { sheets?: unknown };

/**
 * `config` (a CHAT_RELAY_CONFIG value, or null when unset) with the ops loop
 * added: `quietHours` at the top level, the reminder and the digest in the
 * Tickets entry of `sheets` (made when there is none: Tickets and the form's
 * sheet, the sheets the relay follows without one; in the flat form
 * `{"sheet": …}`, all at the top level). Keys already there win.
 */
export function withOpsLoop(config: string | null): string {
  const parsed = config === null ? {} : (JSON.parse(config) as Config);
  // The flat form ({"sheet": …}): its keys are that one sheet's.
  if (typeof parsed.sheet === 'string')
    return JSON.stringify({ ...TICKETS_OPS, quietHours: QUIET_HOURS, ...parsed });
  const sheets: Array<Record<string, unknown>> = Array.isArray(parsed.sheets)
    ? (parsed.sheets as Array<Record<string, unknown>>)
    : [{ sheet: TICKETS_SHEET }, { sheet: FORM_SHEET }];
  const withTickets = sheets.some((s) => s.sheet === TICKETS_SHEET)
    ? sheets
    : [{ sheet: TICKETS_SHEET }, ...sheets];
  return JSON.stringify({
    quietHours: QUIET_HOURS,
    ...parsed,
    sheets: withTickets.map((s) => (s.sheet === TICKETS_SHEET ? { ...TICKETS_OPS, ...s } : s)),
  });
}
