/**
 * Alerts: when a run cannot do its job for a reason an admin must fix, one
 * short text message to the space `alertWebhook` names, naming the problem
 * and what to do, at most once per problem per day. An alert never carries a
 * key or token (every text is redacted, cell-borne text neutralised), and an
 * alert webhook that does not work is only reported, never in the way of the
 * relay.
 */
import { ChatClient } from '../../chat/client';
import { neutralizeText } from '../../chat/safety';
import { WebhookUrl } from '../../chat/webhook-url';
import { webhookProperty } from '../../config/webhooks';
import { hashHex } from '../../relay/hash';
import { RunReport } from '../../relay/summary';
import { describeWebhook, plural, safe } from '../wording';
import { BudgetProjection } from './budget';
import { RelayState } from './state';

/** Rows left PENDING by every trigger run for this long make an alert. */
export const STUCK_AFTER_MS = 60 * 60 * 1000;

/** One problem an admin must fix. */
export interface Problem {
  /** What "the same problem" means for once a day: its kind and what it is about. */
  key: string;
  /** A few words for the run's summary ("Chat refused the webhook INFRA"). */
  label: string;
  /** The alert: what is wrong and what to do. */
  text: string;
}

/** Where alerts go: the alertWebhook NAME and its URL, or why it cannot be used. */
export type AlertTarget =
  { name: string; webhook: WebhookUrl } | { name: string; webhook: null; reason: string };

/** The spreadsheet the alerts are about, read only when an alert is sent. */
export interface AlertPlace {
  id(): string;
  name(): string;
  url(): string;
}

const SETTINGS = 'Chat Relay → Settings…';

/** The run refused to start: the configuration (or every webhook it uses) is unusable. */
export function configProblem(problems: string[]): Problem {
  const more = problems.length > 1 ? ` (and ${plural(problems.length - 1, 'more problem')})` : '';
  return {
    key: `config:${hashHex(problems[0]).slice(0, 12)}`,
    label: 'the configuration is invalid',
    text: `Chat Relay cannot run, so nothing is sent: ${problems[0]}${more}. Fix it in ${SETTINGS} (or the Script Properties); the next run then sends what waited.`,
  };
}

/** Each webhook Chat refused, or whose property is unusable, that stopped rows of this run. */
export function webhookProblems(report: RunReport): Problem[] {
  const refused = report.refused.map((r) => ({
    key: `webhook:${r.webhook}`,
    label: `Chat refused the webhook ${r.webhook}`,
    text: `Chat refused the webhook ${r.webhook} (${webhookProperty(r.webhook)}): ${r.message}. Its rows stay PENDING until it works: replace its URL under Webhooks in ${SETTINGS}, then press Test.`,
  }));
  const broken = report.broken.map((b) => ({
    key: `webhook:${b.webhook}`,
    label: `the webhook ${b.webhook} is unusable`,
    text: `${b.message}. Rows routed to it stay PENDING until it is fixed: paste its URL under Webhooks in ${SETTINGS}, then press Test.`,
  }));
  return refused.concat(broken);
}

/** Rows left PENDING by failures in this run, when runs have been leaving some for over an hour. */
export function stuckProblem(count: number, since: number | null, now: number): Problem | null {
  if (!count || since === null || now - since < STUCK_AFTER_MS) return null;
  const hours = Math.floor((now - since) / STUCK_AFTER_MS);
  return {
    key: 'pending',
    label: `${plural(count, 'row')} PENDING for more than an hour`,
    text: `${plural(count, 'row')} ${count === 1 ? 'has' : 'have'} been waiting PENDING for more than ${plural(hours, 'hour')}. Read their Chat Error: a webhook Chat refuses needs its URL replaced (Test webhooks says which); when Chat is down, they go out once it is back.`,
  };
}

/** The schedule would spend the day's trigger budget (measured over at least `minRuns` runs). */
export function budgetProblem(projection: BudgetProjection, minRuns = 3): Problem | null {
  if (!projection.over || projection.runsMeasured < minRuns) return null;
  return {
    key: 'budget',
    label: 'the daily trigger budget is projected to run out',
    text: `${projection.text} Change the schedule under Schedule in ${SETTINGS} and press Start.`,
  };
}

/** The message posted: the spreadsheet (a link), then the problem; nothing in it can ping or link. */
export function alertMessage(problem: Problem, place: AlertPlace): string {
  const name = neutralizeText(safe(place.name()));
  return `⚠ *Chat Relay* in "${name}": ${neutralizeText(safe(problem.text))}\n<${place.url()}|Open the spreadsheet>`;
}

/** The requestId of a problem's alert of the day: a retry (or a second run) never posts it twice. */
export function alertRequestId(spreadsheetId: string, key: string, day: number): string {
  return `chat-relay-alert-${hashHex(`${spreadsheetId}\n${key}\n${day}`)}`;
}

export interface AlertDeps {
  /** Made only when an alert is due. */
  client: () => ChatClient;
  place: AlertPlace;
  day: number;
  deadline: number;
}

/**
 * Posts the problems not alerted about today to `target`; returns the state
 * with each problem handled today recorded (sent, or refused for good: a
 * transient failure is tried again by the next run), and one line per
 * problem for the run's summary.
 */
export function sendAlerts(
  problems: Problem[],
  state: RelayState,
  target: AlertTarget,
  deps: AlertDeps,
): { state: RelayState; lines: string[] } {
  const due = problems.filter(
    (p, i) => state.alerts[p.key] !== deps.day && problems.findIndex((q) => q.key === p.key) === i,
  );
  const alerts = { ...state.alerts };
  const lines: string[] = [];
  if (!due.length) return { state, lines };
  const space = describeWebhook(target.name);
  if (target.webhook === null) {
    due.forEach((p) => {
      alerts[p.key] = deps.day;
      lines.push(`The alert to ${space} could not be sent (${target.reason}): ${p.label}.`);
    });
    return { state: { ...state, alerts }, lines };
  }
  const hook = target.webhook;
  const results = deps.client().sendAll(
    due.map((p) => ({
      webhook: hook,
      message: { text: alertMessage(p, deps.place) },
      options: {
        requestId: alertRequestId(deps.place.id(), p.key, deps.day),
        deadline: deps.deadline,
      },
    })),
  );
  due.forEach((p, i) => {
    const result = results[i];
    if (result && result.ok) {
      alerts[p.key] = deps.day;
      lines.push(`Alert sent to ${space}: ${p.label}.`);
      return;
    }
    if (result && result.kind !== 'transient') alerts[p.key] = deps.day;
    const why = result ? result.message : 'not sent';
    lines.push(`The alert to ${space} could not be sent (${why}): ${p.label}.`);
  });
  return { state: { ...state, alerts }, lines: lines.map(safe) };
}
