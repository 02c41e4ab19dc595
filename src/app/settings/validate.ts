/**
 * Checking a configuration the sidebar proposes with the same validator the
 * runs use (openConfigured): parseSettings, the webhook NAMEs it uses (over
 * the Script Properties, with the proposed CHAT_RELAY_CONFIG in place of the
 * saved one), the followed sheets, and each followed sheet opened read-only
 * (headers, key column, conditions, templates), and the people directory's
 * sheet and columns when `people` names one. Nothing is written.
 */
import { utf8ByteLength } from '../../chat/limits';
import { Configuration, UNSET_WEBHOOK_HINT } from '../../config/config';
import { CONFIG_PROPERTY, ConfigProblem } from '../../config/problems';
import { DEFAULT_WEBHOOK_PROPERTY } from '../../config/webhooks';
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

/**
 * Where the sidebar sets a webhook that is not set: the default's box, beside which its
 * problem shows, or Add a webhook (a run's problem says Project Settings).
 */
function inSidebar(p: ConfigProblem): ConfigProblem {
  if (p.message.indexOf(UNSET_WEBHOOK_HINT) < 0) return p;
  const hint =
    p.path === DEFAULT_WEBHOOK_PROPERTY
      ? 'paste the webhook URL copied from the Chat space (Apps & integrations → Webhooks) in the box above, then press Save URL'
      : 'add it under Webhooks, below: Add a webhook, with that NAME and the URL copied from the Chat space';
  return {
    ...p,
    message: p.message.replace(UNSET_WEBHOOK_HINT, hint),
    text: p.text.replace(UNSET_WEBHOOK_HINT, hint),
  };
}

export function fromProblems(problems: ConfigProblem[]): SettingsError[] {
  return problems.map(inSidebar).map((p) => settingsError(p.path, p.message, p.text));
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

/**
 * The most a Script Property's value may hold: 9 KB, counted as Apps Script's quota page says
 * ("Properties value size: 9 KB / val") and as the local runtime's store refuses it, in UTF-8
 * bytes of the value.
 */
export const PROPERTY_VALUE_MAX_BYTES = 9 * 1024;

/** The problem of a CHAT_RELAY_CONFIG too long for Script Properties (what Save would store), or null. */
function sizeProblem(configJson: string): SettingsError | null {
  const bytes = utf8ByteLength(configJson.trim());
  if (bytes <= PROPERTY_VALUE_MAX_BYTES) return null;
  const message = `is ${bytes} bytes long: a Script Property holds at most ${PROPERTY_VALUE_MAX_BYTES} bytes (9 KB), so Save would fail. Shorten it: fewer sheets, shorter templates or lists`;
  return settingsError('', message, `${CONFIG_PROPERTY} ${message}`);
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
    () => services.webAppUrl(),
  );
  const tooLong = sizeProblem(configJson);
  if (!configured.ok || tooLong)
    return err(
      (tooLong ? [tooLong] : []).concat(configured.ok ? [] : fromProblems(configured.error)),
    );
  const { configuration, context, opened } = configured.value;
  // The directory's sheet and columns are checked here, where a run reads it only when a mention needs it.
  const people = context.people;
  if (people) {
    const directory = people.directory();
    if (!directory.ok) return err(fromProblems([directory.error]));
  }
  return ok({ configuration, opened, people: people ? people.report() : null });
}
