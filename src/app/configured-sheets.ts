/**
 * The one path from Script Properties to the sheets a use case works on: load
 * the configuration (settings and webhooks), then find the sheets it follows,
 * then open them. Every run and every check of the sidebar takes it. The later
 * steps are taken only when asked for, so a run can stop in between (a relay
 * run takes the script lock before it reads any sheet). A configuration with
 * actions needs the web app their buttons open (see actions/web-app.ts).
 */
import { Configuration, createConfigSource } from '../config/config';
import { ConfigProblem } from '../config/problems';
import { RelaySettings } from '../config/settings';
import { PropertyStore } from '../ports';
import { RuleContext } from '../relay/rules';
import { Result, err, ok } from '../result';
import { webAppProblems } from './actions/web-app';
import { FollowedSheet, OpenedSheet, followedSheets, openFollowed } from './followed-sheets';
import { SpreadsheetLike } from './ports';
import { lazy } from './services';

export interface ConfiguredSheets {
  configuration: Configuration;
  /** What the opened sheets' rules are evaluated with (its people directory read on first use). */
  context: RuleContext;
  /** The sheets the configuration follows (looked up on the first call only). */
  followed(): Result<FollowedSheet[], ConfigProblem[]>;
  /** Every followed sheet opened and bound to its settings; with append, the relay's missing columns added. */
  open(options: { append: boolean }): Result<OpenedSheet[], ConfigProblem[]>;
}

/** How the rules of a configuration's sheets are evaluated (app/rule-context.ts). */
export type ContextOf = (settings: RelaySettings) => RuleContext;
/** No web app: what a caller that does not say gets (a configuration with actions is then refused). */
const NO_WEB_APP = (): string | null => null;

/**
 * The configuration in `properties`, or its problems. The spreadsheet is asked
 * for only when the followed sheets are; the web app's URL (ScriptApp's),
 * only when some sheet has actions.
 */
export function loadConfigured(
  properties: PropertyStore,
  spreadsheet: () => SpreadsheetLike,
  contextOf: ContextOf,
  webAppUrl: () => string | null = NO_WEB_APP,
): Result<ConfiguredSheets, ConfigProblem[]> {
  const loaded = createConfigSource(properties).load();
  if (!loaded.ok) return loaded;
  const configuration = loaded.value;
  const context = contextOf(configuration.settings);
  const noWebApp = webAppProblems(configuration.settings, webAppUrl);
  if (noWebApp.length) return err(noWebApp);
  const followed = lazy(() => followedSheets(spreadsheet(), configuration.settings));
  return ok({
    configuration,
    context,
    followed,
    open: (options) => {
      const sheets = followed();
      return sheets.ok ? openFollowed(sheets.value, { ...options, context }) : sheets;
    },
  });
}

/** The configuration and every followed sheet opened, or the problems of the first step that has some. */
export function openConfigured(
  properties: PropertyStore,
  spreadsheet: () => SpreadsheetLike,
  contextOf: ContextOf,
  options: { append: boolean },
  webAppUrl: () => string | null = NO_WEB_APP,
): Result<
  { configuration: Configuration; context: RuleContext; opened: OpenedSheet[] },
  ConfigProblem[]
> {
  const loaded = loadConfigured(properties, spreadsheet, contextOf, webAppUrl);
  if (!loaded.ok) return loaded;
  const opened = loaded.value.open(options);
  if (!opened.ok) return opened;
  const { configuration, context } = loaded.value;
  return ok({ configuration, context, opened: opened.value });
}
