/**
 * What a run does for its own health at its end: record how long it took (a
 * trigger run), keep track of rows left PENDING, post the alerts due, and
 * write CHAT_RELAY_STATE once, when worth it. The properties are the run's
 * snapshot (readOnce): nothing here reads Script Properties again.
 */
import { createChatClient } from '../../chat/client';
import { CONFIG_PROPERTY, RelaySettings, readAlertWebhook } from '../../config/settings';
import { parseWebhooks, webhookProperty } from '../../config/webhooks';
import { PropertyStore } from '../../ports';
import { RunReport, totals } from '../../relay/summary';
import { WritableProperties } from '../ports';
import { Services, lazy } from '../services';
import {
  AlertTarget,
  Problem,
  budgetProblem,
  configProblem,
  sendAlerts,
  stuckProblem,
  webhookProblems,
} from './alerts';
import { projectBudget } from './budget';
import { installedMinutes } from './installers';
import {
  RelayState,
  RunSample,
  STATE_PROPERTY,
  dayOf,
  forgetOldAlerts,
  parseState,
  secondsPerRun,
  serializeState,
  withRun,
  worthWriting,
} from './state';

/** How long an alert may take, at most, after the run's work. */
const ALERT_WINDOW_MS = 20000;

/** The run whose end is watched. */
export interface WatchedRun {
  /** A trigger's run: its time counts against the daily budget (a menu action's does not). */
  trigger: boolean;
  /** When its execution started, epoch ms. */
  startedAt: number;
}

/** Where alerts go, from a snapshot of the Script Properties; null: no alertWebhook. */
export function alertTarget(properties: PropertyStore, name: string | null): AlertTarget | null {
  if (name === null) return null;
  const property = webhookProperty(name);
  const set = parseWebhooks(properties.getProperties());
  const hook = set.webhooks.filter((w) => w.property === property)[0];
  if (hook) return { name, webhook: hook.webhook };
  const broken = set.broken.filter((w) => w.property === property)[0];
  return { name, webhook: null, reason: broken ? broken.problem.text : `${property} is not set` };
}

/** Posts the problems due to the alert webhook named `name`, if any; the state with them recorded. */
function alert(
  services: Services,
  properties: PropertyStore,
  name: string | null,
  problems: Problem[],
  state: RelayState,
): { state: RelayState; lines: string[] } {
  const target = alertTarget(properties, name);
  if (!target || !problems.length) return { state, lines: [] };
  const now = services.clock.now();
  const spreadsheet = lazy(() => services.spreadsheet());
  const client = () =>
    createChatClient(services.http(), services.clock, {
      random: () => services.random(),
      log: services.log,
      maxAttempts: 2,
      maxTotalWaitMs: 5000,
      // The run may have just posted to the same space.
      previousPostAt: now,
    });
  return sendAlerts(problems, state, target, {
    client,
    place: {
      id: () => spreadsheet().getId(),
      name: () => spreadsheet().getName(),
      url: () => spreadsheet().getUrl(),
    },
    day: dayOf(now),
    deadline: now + ALERT_WINDOW_MS,
  });
}

/**
 * Since when trigger runs have been leaving rows PENDING after failures: set
 * by the first such run, kept while they do, cleared by a run that left
 * nothing behind. A run that left rows unreached (the time limit) says
 * nothing about the PENDING ones.
 */
export function stuckSince(since: number | null, report: RunReport, now: number): number | null {
  const all = totals(report);
  if (all.pending + all.held > 0) return since === null ? now : since;
  return all.notReached > 0 ? since : null;
}

function save(
  properties: WritableProperties,
  before: RelayState,
  after: RelayState,
  sample: RunSample | null,
): void {
  if (worthWriting(before, after, sample))
    properties.setProperty(STATE_PROPERTY, serializeState(after));
}

/** A trigger run's time, PENDING rows and budget: the state with them, and the problems they make. */
function triggerHealth(
  properties: PropertyStore,
  settings: RelaySettings,
  state: RelayState,
  sample: RunSample,
  report: RunReport,
): { state: RelayState; problems: Problem[] } {
  const next = withRun(state, sample);
  next.stuckSince = stuckSince(state.stuckSince, report, sample.at);
  const all = totals(report);
  const minutes = installedMinutes(properties, settings.scheduleMinutes);
  const problems = [
    stuckProblem(all.pending + all.held, next.stuckSince, sample.at),
    budgetProblem(projectBudget(secondsPerRun(next), next.runs.length, minutes)),
  ].filter((p): p is Problem => p !== null);
  return { state: next, problems };
}

/** After a run that did its job; returns the lines its summary adds (alerts sent or not). */
export function watchRun(
  services: Services,
  properties: WritableProperties,
  settings: RelaySettings,
  run: WatchedRun,
  report: RunReport,
): string[] {
  const now = services.clock.now();
  const before = parseState(properties.getProperty(STATE_PROPERTY));
  let state = forgetOldAlerts(before, dayOf(now));
  let problems = webhookProblems(report);
  const sample = run.trigger ? { at: now, ms: Math.max(0, now - run.startedAt) } : null;
  if (sample) {
    const health = triggerHealth(properties, settings, state, sample, report);
    state = health.state;
    problems = problems.concat(health.problems);
  }
  const sent = alert(services, properties, settings.alertWebhook, problems, state);
  save(properties, before, sent.state, sample);
  return sent.lines;
}

/** After a run refused a bad configuration: the alert names its first problem. */
export function watchRefusal(
  services: Services,
  properties: WritableProperties,
  problems: string[],
): string[] {
  if (!problems.length) return [];
  const name = readAlertWebhook(properties.getProperty(CONFIG_PROPERTY));
  if (name === null) return [];
  const before = parseState(properties.getProperty(STATE_PROPERTY));
  const state = forgetOldAlerts(before, dayOf(services.clock.now()));
  const sent = alert(services, properties, name, [configProblem(problems)], state);
  save(properties, before, sent.state, null);
  return sent.lines;
}
