/**
 * What the sheets' rules are evaluated with in one run (relay/rules.ts
 * RuleContext): the run's moment in the spreadsheet's time zone, and the
 * people directory. Both are read only when a rule needs them: the time zone
 * (getSpreadsheetTimeZone, then Utilities.formatDate a few times) by a date
 * condition, the directory sheet by a `{{Column}}` mention.
 */
import { conditionTime } from '../config/conditions';
import { RelaySettings } from '../config/settings';
import { SpreadsheetTimeZone } from '../ports';
import { peopleSource } from '../relay/people';
import { RuleContext } from '../relay/rules';
import { SpreadsheetLike } from './ports';
import { Services, spreadsheetTimeZone } from './services';

/** A sheet by name (exactly, else ignoring case), or the names of the sheets there are. */
function findSheet(spreadsheet: SpreadsheetLike, name: string) {
  const exact = spreadsheet.getSheetByName(name);
  if (exact) return { sheet: exact };
  const all = spreadsheet.getSheets();
  const names = all.map((s) => s.getName());
  const i = names.map((n) => n.toLowerCase()).indexOf(name.toLowerCase());
  return i >= 0 ? { sheet: all[i] } : { names };
}

/**
 * How a use case evaluates the rules of the sheets it opens: now, in the spreadsheet's time
 * zone (`zone`: the use case's own, when others share it).
 */
export function ruleContextOf(
  services: Pick<Services, 'clock' | 'formatDate'>,
  spreadsheet: () => SpreadsheetLike,
  zone: SpreadsheetTimeZone = spreadsheetTimeZone(services, spreadsheet),
): (settings: RelaySettings) => RuleContext {
  return (settings) => {
    const people = settings.people;
    return {
      time: conditionTime(services.clock.now(), zone),
      people: people ? peopleSource(people, (name) => findSheet(spreadsheet(), name)) : null,
    };
  };
}
