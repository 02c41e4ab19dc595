/**
 * What the sidebar's server functions return. Every result is plain data
 * (google.script.run passes only primitives, arrays and plain objects), and
 * none holds a webhook's key or token.
 */
import { ChatMessage } from '../../chat/message-types';
import { PeopleReport } from '../../relay/people';

/** A problem next to a field: `path` as in src/config/problems.ts (`sheets[1].keyColumn`, a property, or `name`, `url`). */
export interface SettingsError {
  path: string;
  /** What is wrong, as a sentence that can stand next to the field. */
  message: string;
  /** The same problem as one sentence naming where it is. */
  text: string;
}

export type Failure = { ok: false; errors: SettingsError[] };

/**
 * A followed sheet that does not take every setting meant for it (a form's
 * sheet followed by default, which lacks a column a top-level setting names).
 */
export interface SheetFallback {
  sheet: string;
  /** What fell back, and what the sheet does instead, in words. */
  note: string;
}

/** A webhook as the sidebar shows it: never its key or token. */
export interface MaskedWebhook {
  /** "default" or the NAME of CHAT_WEBHOOK_URL_<NAME>. */
  name: string;
  property: string;
  /** True when the URL is a usable Chat webhook. */
  ok: boolean;
  /** The space ID (not a secret); '' when the URL is unusable. */
  space: string;
  /** "space AAAA…, token set", or why the URL cannot be used. */
  label: string;
  /** Where the saved configuration names it (`sheets[0].webhook`, `routes[1].webhook`). */
  usedBy: string[];
}

/** The relay's triggers of the current user, as ScriptApp reports them. */
export interface TriggerState {
  /** A time-driven trigger for runScheduled is installed (by this user). */
  scheduled: boolean;
  /**
   * Its period in minutes, as recorded when this user installed it (ScriptApp's
   * Trigger does not expose the period); null when it was not recorded.
   */
  minutes: number | null;
  /** A form-submit trigger for handleFormSubmit is installed (by this user). */
  formSubmit: boolean;
}

/** What one schedule period would cost of the daily trigger budget, at the measured time per run. */
export interface PeriodCost {
  minutes: number;
  /** Hours a day the runs would take; null before any run was measured. */
  hoursPerDay: number | null;
  /** In words: "About 40 s a run, every minute: ~16 h a day, over Apps Script's 6 h cap. Choose 10 minutes or more. …" */
  projection: string;
  /** Over half of the 6 h daily cap. */
  warn: boolean;
  /** Over the cap. */
  over: boolean;
}

/**
 * The Schedule section's measurements: the time a trigger run takes (a
 * rolling record of the last runs), what the installed (else saved) period
 * costs a day, and each period's cost so the sidebar can show the one chosen.
 */
export interface BudgetState extends PeriodCost {
  /** Mean time per run over the runs recorded; null before any. */
  secondsPerRun: number | null;
  /** How many runs the record holds (the last 24 at most). */
  runsMeasured: number;
  /** The smallest period under half the cap, when `minutes` is not; else null. */
  suggestedMinutes: number | null;
  /** Every period of scheduleOptions, in order. */
  periods: PeriodCost[];
}

/** Who installed the relay's triggers (any editor's, as recorded when they installed them). */
export interface TriggerOwners {
  /** E-mail addresses, oldest install first; '' for an address Apps Script did not tell. */
  triggersInstalledBy: string[];
  /** The same in a sentence, with who receives the failure e-mails. */
  triggersNote: string;
}

export interface SheetInfo {
  name: string;
  followed: boolean;
  /** A Google Form writes its responses to this sheet. */
  form: boolean;
  /** The header row for this sheet: the configured one, or the default. */
  headerRow: number;
  /** The header row's cells (display values, trimmed). */
  headers: string[];
  /** The first rows (display values, cut to a few dozen characters), for the header-row picker. */
  rows: string[][];
  lastRow: number;
  lastColumn: number;
}

/** When the saved settings' next digest is due, and whose quiet hours are on now (the Schedule section). */
export interface OpsState {
  /** The earliest next digest of the followed sheets; null when none is configured. */
  nextDigest: {
    sheet: string;
    name: string;
    /** `2024-01-16`, as the spreadsheet's time zone shows it. */
    day: string;
    /** `Tuesday 16 January 2024 at 09:00`, or `now (the next run)` when due already. */
    when: string;
    now: boolean;
  } | null;
  /** The followed sheets whose quiet hours are on now, and until when (`08:00`, `Mon 08:00`). */
  quiet: Array<{ sheet: string; until: string }>;
  /** Some followed sheet has quiet hours configured. */
  quietConfigured: boolean;
  /** The people directory as read: its size and the rows it ignores, in words; null without `people`. */
  people: string | null;
}

export interface LoadResult {
  ok: true;
  /** The parsed JSON of CHAT_RELAY_CONFIG; {} (every default) when unset; null when it is not JSON. */
  config: unknown;
  /** Where `config` came from. */
  source: 'property' | 'defaults' | 'invalid';
  /** The raw text of CHAT_RELAY_CONFIG, when it is not valid JSON (to fix it by hand). */
  raw: string | null;
  /** What a run would say of the saved configuration now (empty: it is fine). */
  problems: SettingsError[];
  /** The followed sheets on which some saved settings fall back, and what falls back. */
  fallbacks: SheetFallback[];
  spreadsheet: string;
  sheets: SheetInfo[];
  webhooks: MaskedWebhook[];
  /** Script Properties that look meant for Chat Relay but are not (names are case-sensitive). */
  hints: SettingsError[];
  triggers: TriggerState;
  budget: BudgetState;
  /** Who installed the relay's triggers: Apps Script e-mails each the failures of their own. */
  owners: TriggerOwners;
  /** The saved settings' next digest and quiet hours now. */
  ops: OpsState;
  /** The relay's own column headers (never offered as data columns). */
  relayHeaders: string[];
  /**
   * Whether Chat Relay is deployed as a web app with a URL its actions' buttons can open
   * (ScriptApp.getService().getUrl(); the URL itself is not sent).
   */
  webApp: boolean;
  scheduleOptions: number[];
  /** The default of each per-sheet key and of scheduleMinutes. */
  defaults: { headerRow: number; format: string; webhook: string; scheduleMinutes: number };
  /**
   * The saved people directory as a run reads it: its size and the rows it ignores (their
   * Chat user ID not a numeric ID), by row number; null without `people` or a valid configuration.
   */
  people: PeopleReport | null;
}

export type SaveResult = { ok: true } | Failure;

export type SetWebhookResult =
  { ok: true; name: string; property: string; space: string; label: string } | Failure;

export type RemoveWebhookResult = { ok: true; name: string; property: string } | Failure;

export type TestWebhookResult = { ok: true; space: string; message: string } | Failure;

/** What the relay would post for one row. */
export interface RowPreviewResult {
  ok: true;
  /** The sheet and 1-based row previewed ('' and 0 when none could be chosen). */
  sheet: string;
  row: number;
  /** The body that would be posted, thread included; null when nothing would be. */
  message: ChatMessage | null;
  format: 'card' | 'text';
  /** The webhook NAME it would go to, and how messages name its space. */
  webhook: string;
  space: string;
  /** What a run would do with the row, in words. */
  note: string;
}

export type PreviewResult =
  | (RowPreviewResult & {
      /** The followed sheets on which some of these settings fall back (the previewed one's shown with its rows). */
      fallbacks: SheetFallback[];
    })
  | Failure;

/** A digest as it would be posted now (settingsPreviewDigest). Nothing is written or sent. */
export type DigestPreviewResult =
  | {
      ok: true;
      sheet: string;
      name: string;
      /** The message as it would be posted now; null when no row matches and it skips. */
      message: ChatMessage | null;
      format: 'card' | 'text';
      /** `3 rows match`. */
      matching: string;
      webhook: string;
      /** When it is next posted, in words: `Tuesday 16 January 2024 at 09:00`, or the next run. */
      next: string;
    }
  | Failure;

/** One reminder rule of a row's sheet, as the preview shows it. */
export interface ReminderPreviewLine {
  /** Where the rule is configured: `reminders[0]`, `sheets[1].reminders[0]`. */
  path: string;
  /** Its condition holds for the row now. */
  holds: boolean;
  /** When its next reminder goes out (`2026-12-07 09:30`, the spreadsheet's time zone); '' when none. */
  at: string;
  /** What a run would do with this rule for the row, in words. */
  note: string;
  /** The reminder as it would be posted at `at`, or null. */
  message: ChatMessage | null;
}

/** Which reminders a row would get next, and when (settingsPreviewReminders). */
export type RemindersPreviewResult =
  | {
      ok: true;
      sheet: string;
      row: number;
      format: 'card' | 'text';
      reminders: ReminderPreviewLine[];
      /** Why there is no line, when there is none ('' otherwise). */
      note: string;
    }
  | Failure;

export type TriggersResult =
  | {
      ok: true;
      lines: string[];
      triggers: TriggerState;
      budget: BudgetState;
      owners: TriggerOwners;
    }
  | Failure;

export type MarkCountResult =
  { ok: true; counts: Array<{ sheet: string; rows: number }>; total: number } | Failure;

export type MarkResult = { ok: true; message: string; marked: number } | Failure;

/** A new secret signs the actions' links (never returned): what that means, in words. */
export type ReplaceSecretResult = { ok: true; message: string } | Failure;

/**
 * The server functions the sidebar calls through google.script.run (entry points of
 * src/index.ts, ChatRelay_ members in api.ts): what the sidebar sends, and what each returns.
 * api.ts implements this interface and the sidebar's client (client/server.ts) calls through
 * it, so a change on either side that the other does not follow is a type error.
 */
export interface SettingsApi {
  settingsLoad(): LoadResult | Failure;
  settingsSave(configJson: string): SaveResult;
  /** `replace`: true to replace a webhook that is set (else the answer names it, path `replace`). */
  settingsSetWebhook(name: string, url: string, replace: boolean): SetWebhookResult;
  settingsRemoveWebhook(name: string): RemoveWebhookResult;
  settingsTestWebhook(name: string): TestWebhookResult;
  /** The row of that sheet; with a null sheet, the row under the cursor. */
  settingsPreview(configJson: string, sheet: string | null, row: number | null): PreviewResult;
  /** The digest of that name of that sheet as it would be posted now, and when it is next due. */
  settingsPreviewDigest(configJson: string, sheet: string, name: string): DigestPreviewResult;
  /** The reminders the row of that sheet (null: the row under the cursor) would get next, and when. */
  settingsPreviewReminders(
    configJson: string,
    sheet: string | null,
    row: number | null,
  ): RemindersPreviewResult;
  settingsInstallTriggers(): TriggersResult;
  settingsRemoveTriggers(): TriggersResult;
  settingsCountRowsToMark(): MarkCountResult;
  settingsMarkAllRowsSent(): MarkResult;
  /** Replaces the secret of the actions' links: every link sent so far stops working. */
  settingsReplaceActionSecret(): ReplaceSecretResult;
}
