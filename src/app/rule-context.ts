/**
 * What the sheets' rules are evaluated with in one run (relay/rules.ts
 * RuleContext): the run's moment in the spreadsheet's time zone, and the
 * people directory. Both are read only when a rule needs them: the time zone
 * (getSpreadsheetTimeZone, then Utilities.formatDate a few times) by a date
 * condition, the directory sheet by a `{{Column}}` mention.
 */
import { conditionTime } from '../config/conditions';
import { RelaySettings } from '../config/settings';
import { TimeZoneLike } from '../ports';
import { peopleSource } from '../relay/people';
import { RuleContext } from '../relay/rules';
import { SpreadsheetLike } from './ports';
import { Services, lazy } from './services';

/** `+0100`, `-0530` (Utilities.formatDate's `Z`) in minutes east of UTC. */
export function offsetMinutesOf(text: string): number {
  const m = /^([+-])([0-9]{2}):?([0-9]{2})$/.exec(text.trim());
  if (!m) throw new Error(`Utilities.formatDate gave "${text}" for the time zone offset`);
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** The spreadsheet's time zone, through Utilities.formatDate; its name read on first use. */
export function spreadsheetZone(
  services: Pick<Services, 'formatDate'>,
  spreadsheet: () => SpreadsheetLike,
): TimeZoneLike {
  const name = lazy(() => spreadsheet().getSpreadsheetTimeZone());
  return {
    offsetMinutes: (instant) =>
      offsetMinutesOf(services.formatDate(new Date(instant), name(), 'Z')),
  };
}

/** A sheet by name (exactly, else ignoring case), or the names of the sheets there are. */
function findSheet(spreadsheet: SpreadsheetLike, name: string) {
  const exact = spreadsheet.getSheetByName(name);
  if (exact) return { sheet: exact };
  const all = spreadsheet.getSheets();
  const names = all.map((s) => s.getName());
  const i = names.map((n) => n.toLowerCase()).indexOf(name.toLowerCase());
  return i >= 0 ? { sheet: all[i] } : { names };
}

/** How a use case evaluates the rules of the sheets it opens: now, in the spreadsheet's time zone. */
export function ruleContextOf(
  services: Pick<Services, 'clock' | 'formatDate'>,
  spreadsheet: () => SpreadsheetLike,
): (settings: RelaySettings) => RuleContext {
  return (settings) => {
    const people = settings.people;
    return {
      time: conditionTime(services.clock.now(), spreadsheetZone(services, spreadsheet)),
      people: people ? peopleSource(people, (name) => findSheet(spreadsheet(), name)) : null,
    };
  };
}
