/**
 * Checking a configuration the sidebar proposes with the same validator the
 * runs use (openConfigured): parseSettings, the webhook NAMEs it uses (over
 * the Script Properties, with the proposed CHAT_RELAY_CONFIG in place of the
 * saved one), the followed sheets, and each followed sheet opened read-only
 * (headers, key column, conditions, templates), and the people directory's
 * sheet and columns when `people` names one. Nothing is written.
 */
import { Configuration } from '../../config/config';
import { CONFIG_PROPERTY, ConfigProblem } from '../../config/problems';
import { PropertyStore } from '../../ports';
import { PeopleReport } from '../../relay/people';
import { Result, err, ok } from '../../result';
import { openConfigured } from '../configured-sheets';
import { OpenedSheet } from '../followed-sheets';
import { Services } from '../services';
import { safe } from '../wording';
import { SettingsError, SheetFallback } from './types';
import { ruleContextOf } from '../rule-context';

export interface Checked {
  configuration: Configuration;
  opened: OpenedSheet[];
  /** The people directory as read (its size, the rows it ignores); null without `people`. */
  people: PeopleReport | null;
}

/** A problem as the sidebar shows it (redacted once more, whatever it holds). */
export function settingsError(path: string, message: string, text?: string): SettingsError {
  return {
    path: safe(path),
    message: safe(message),
    text: safe(text || (path ? `${path} ${message}` : message)),
  };
}

export function fromProblems(problems: ConfigProblem[]): SettingsError[] {
  return problems.map((p) => settingsError(p.path, p.message, p.text));
}

/** The Script Properties as they would be with `configJson` saved (blank: no CHAT_RELAY_CONFIG). */
export function withConfig(store: PropertyStore, configJson: string): PropertyStore {
  const properties = () => {
    const all: { [key: string]: string } = { ...(store.getProperties() || {}) };
    delete all[CONFIG_PROPERTY];
    if (configJson.trim() !== '') all[CONFIG_PROPERTY] = configJson;
    return all;
  };
  return {
    getProperties: properties,
    getProperty: (key) => {
      const all = properties();
      return Object.prototype.hasOwnProperty.call(all, key) ? all[key] : null;
    },
  };
}

/** The followed sheets that do not take every setting meant for them, and what fell back. */
export function fallbacksOf(opened: OpenedSheet[]): SheetFallback[] {
  return opened
    .filter((o) => o.note !== null)
    .map((o) => ({ sheet: o.table.name, note: safe(o.note as string) }));
}

/** Every problem a run would find with `configJson` saved, or the configuration and its opened sheets. */
export function checkConfig(
  services: Services,
  configJson: unknown,
): Result<Checked, SettingsError[]> {
  if (typeof configJson !== 'string') {
    return err([settingsError('', `must be the JSON text of ${CONFIG_PROPERTY}`)]);
  }
  const properties = withConfig(services.properties(), configJson);
  const configured = openConfigured(
    properties,
    () => services.spreadsheet(),
    ruleContextOf(services, () => services.spreadsheet()),
    { append: false },
  );
  if (!configured.ok) return err(fromProblems(configured.error));
  const { configuration, context, opened } = configured.value;
  // The directory's sheet and columns are checked here, where a run reads it only when a mention needs it.
  const people = context.people;
  if (people) {
    const directory = people.directory();
    if (!directory.ok) return err(fromProblems([directory.error]));
  }
  return ok({ configuration, opened, people: people ? people.report() : null });
}
