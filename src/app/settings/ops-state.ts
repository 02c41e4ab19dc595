/**
 * What the Schedule section says of the saved settings' digests and quiet
 * hours (settingsLoad): when the next digest is due, and whose quiet hours
 * are on now and until when, by the runs' own schedule (digest-schedule.ts,
 * quiet-hours.ts). Reads the clock, the time zone and CHAT_RELAY_DIGESTS only.
 */
import { SpreadsheetTimeZone } from '../../ports';
import { digestDayAt, digestKey, nextDue, readDigestState } from '../../relay/digest-schedule';
import { PeopleReport } from '../../relay/people';
import { quietUntil } from '../../relay/quiet-hours';
import { RunReport } from '../../relay/summary';
import { OpenedSheet } from '../followed-sheets';
import { spreadsheetTimeZone } from '../services';
import { WORDS, plural, safe } from '../wording';
import { nextInWords, digestPreviewPorts } from './digest-preview';
import { SettingsServices } from './services';
import { OpsState } from './types';

type Next = NonNullable<OpsState['nextDigest']>;

/** The earliest next digest of the sheets (due now first, then by day and time), or null. */
function nextDigest(
  services: SettingsServices,
  opened: OpenedSheet[],
  timeZone: SpreadsheetTimeZone,
): Next | null {
  const withDigests = opened.filter((o) => o.rules.digests.length);
  if (!withDigests.length) return null;
  const ports = digestPreviewPorts(services, timeZone);
  const wall = digestDayAt(timeZone, services.clock.now(), timeZone.name());
  if (!wall) return null;
  const state = readDigestState(ports.state);
  let best: (Next & { order: string }) | null = null;
  withDigests.forEach((o) =>
    o.rules.digests.forEach((d) => {
      const next = nextDue(d, wall, state.entries[digestKey(o.table.name, d.name)]);
      const order = next.now ? '' : `${next.day} ${next.at}`;
      if (best && best.order <= order) return;
      const when = nextInWords(next);
      best = { sheet: o.table.name, name: d.name, day: next.day, when, now: next.now, order };
    }),
  );
  if (!best) return null;
  const { order, ...found } = best as Next & { order: string };
  void order;
  return found;
}

/** The people directory as read, in words: how many people it lists, and the rows it ignores. */
export function peopleNote(people: PeopleReport | null): string | null {
  if (!people) return null;
  const size = `People directory, sheet "${people.sheet}": ${plural(people.size, 'address')} with a Chat user ID.`;
  const ignored = WORDS.peopleIgnored({ people } as RunReport);
  return safe(ignored ? `${size} ${ignored}` : size);
}

export function opsState(
  services: SettingsServices,
  opened: OpenedSheet[],
  people: PeopleReport | null = null,
): OpsState {
  const withQuiet = opened.filter((o) => o.rules.quietHours && o.rules.quietHours.days.length);
  const timeZone = spreadsheetTimeZone(services, () => services.spreadsheet());
  const now = services.clock.now();
  const quiet = withQuiet
    .map((o) => ({ sheet: o.table.name, state: quietUntil(o.rules.quietHours, now, timeZone) }))
    .filter((q) => q.state.quiet)
    .map((q) => ({ sheet: q.sheet, until: q.state.until }));
  return {
    nextDigest: nextDigest(services, opened, timeZone),
    quiet,
    quietConfigured: withQuiet.length > 0,
    people: peopleNote(people),
  };
}
