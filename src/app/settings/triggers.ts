/**
 * The Schedule section: the relay's triggers as ScriptApp reports them for the
 * current user (installable triggers belong to the user who installed them),
 * Start (install) and Stop (remove).
 *
 * ScriptApp's Trigger does not expose its period, so the period is recorded in
 * this user's properties when this user installs, with the trigger's unique ID:
 * it is shown only while that very trigger is installed.
 */
import { createConfigSource } from '../../config/config';
import { SCHEDULE_MINUTES, defaultSettings } from '../../config/settings';
import { projectBudget } from '../health/budget';
import { installedMinutes, readInstalls } from '../health/installers';
import { STATE_PROPERTY, parseState, secondsPerRun } from '../health/state';
import { installTriggers, installTriggersReport } from '../install-triggers';
import { removeOwnTriggers } from '../remove-triggers';
import { FORM_HANDLER, SCHEDULED_HANDLER } from '../triggers';
import { WORDS, safe } from '../wording';
import { SettingsServices } from './services';
import { BudgetState, PeriodCost, TriggerOwners, TriggerState, TriggersResult } from './types';
import { settingsError } from './validate';

/** The user property that records the period of the time-driven trigger this user installed. */
export const SCHEDULE_RECORD_PROPERTY = 'CHAT_RELAY_SCHEDULE';

interface ScheduleRecord {
  minutes: number;
  triggerId: string;
}

function scheduledTrigger(services: SettingsServices) {
  const service = services.triggers();
  return service
    .getProjectTriggers()
    .filter(
      (t) =>
        t.getHandlerFunction() === SCHEDULED_HANDLER &&
        String(t.getEventType()) === String(service.EventType.CLOCK),
    )[0];
}

function readRecord(services: SettingsServices): ScheduleRecord | null {
  const raw = services.userProperties().getProperty(SCHEDULE_RECORD_PROPERTY);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as ScheduleRecord;
    return typeof value.minutes === 'number' && typeof value.triggerId === 'string' ? value : null;
  } catch {
    return null;
  }
}

export function triggerState(services: SettingsServices): TriggerState {
  const service = services.triggers();
  const scheduled = scheduledTrigger(services);
  const record = scheduled ? readRecord(services) : null;
  return {
    scheduled: !!scheduled,
    minutes:
      scheduled && record && record.triggerId === scheduled.getUniqueId() ? record.minutes : null,
    formSubmit: service
      .getProjectTriggers()
      .some(
        (t) =>
          t.getHandlerFunction() === FORM_HANDLER &&
          String(t.getEventType()) === String(service.EventType.ON_FORM_SUBMIT),
      ),
  };
}

function periodCost(seconds: number | null, runs: number, minutes: number): PeriodCost {
  const p = projectBudget(seconds, runs, minutes);
  return {
    minutes,
    hoursPerDay: p.hoursPerDay,
    projection: p.text,
    warn: p.warn,
    over: p.over,
  };
}

/**
 * The time per run measured by the trigger runs, and what the schedule costs
 * a day: the period installed last (any editor's), else the saved one.
 */
export function budgetState(services: SettingsServices): BudgetState {
  const properties = services.properties();
  const loaded = createConfigSource(properties).load();
  const saved = loaded.ok
    ? loaded.value.settings.scheduleMinutes
    : defaultSettings().scheduleMinutes;
  const minutes = installedMinutes(properties, saved);
  const state = parseState(properties.getProperty(STATE_PROPERTY));
  const seconds = secondsPerRun(state);
  const p = projectBudget(seconds, state.runs.length, minutes);
  return {
    ...periodCost(seconds, state.runs.length, minutes),
    secondsPerRun: p.secondsPerRun,
    runsMeasured: p.runsMeasured,
    suggestedMinutes: p.suggestedMinutes,
    periods: SCHEDULE_MINUTES.map((m) => periodCost(seconds, state.runs.length, m)),
  };
}

/** Who installed the relay's triggers, as recorded by every editor's Install triggers and Start. */
export function triggerOwners(services: SettingsServices): TriggerOwners {
  const emails = readInstalls(services.properties()).map((i) => i.email);
  return { triggersInstalledBy: emails.map(safe), triggersNote: safe(WORDS.installedBy(emails)) };
}

/** Records the period of the time-driven trigger just installed, from the saved configuration. */
export function recordSchedule(services: SettingsServices): void {
  const scheduled = scheduledTrigger(services);
  const loaded = createConfigSource(services.properties()).load();
  if (!scheduled || !loaded.ok) return;
  const record: ScheduleRecord = {
    minutes: loaded.value.settings.scheduleMinutes,
    triggerId: scheduled.getUniqueId(),
  };
  services.userProperties().setProperty(SCHEDULE_RECORD_PROPERTY, JSON.stringify(record));
}

/** Start: installs the triggers for the saved configuration (or says what to fix first). */
export function startSchedule(services: SettingsServices): TriggersResult {
  const report = installTriggersReport(services);
  if (!report.ok) {
    return {
      ok: false,
      errors: report.lines.map((line) =>
        settingsError('', line, `Fix the configuration first; no trigger was changed: ${line}`),
      ),
    };
  }
  recordSchedule(services);
  return {
    ok: true,
    lines: report.lines.map(safe),
    triggers: triggerState(services),
    budget: budgetState(services),
    owners: triggerOwners(services),
  };
}

/** Stop: removes Chat Relay's triggers of this user, and only those. */
export function stopSchedule(services: SettingsServices): TriggersResult {
  const removed = removeOwnTriggers(services);
  services.userProperties().deleteProperty(SCHEDULE_RECORD_PROPERTY);
  return {
    ok: true,
    lines: [WORDS.triggersRemoved(removed)],
    triggers: triggerState(services),
    budget: budgetState(services),
    owners: triggerOwners(services),
  };
}

/** Menu → Install triggers, which records the period too, as the sidebar's Start does. */
export function installTriggersAndRecord(services: SettingsServices): void {
  installTriggers(services);
  recordSchedule(services);
}
