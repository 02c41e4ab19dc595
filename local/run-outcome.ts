/**
 * Reading a menu run's outcome from the alert the bundle showed (the local
 * runtime records alerts in runtime.ui.alerts). The wording is the bundle's
 * (menuReport and WORDS in src/app/); test/local/run-outcome.test.ts runs
 * the real bundle so that a change of wording fails there, not silently here.
 */

export interface RelayProblem {
  kind: 'configuration' | 'webhook';
  /** The alert, as the bundle showed it. */
  alert: string;
  /** The problems it names, one per line (the alert's bullets, or its text). */
  problems: string[];
}

/** "Chat Relay cannot send pending rows: nothing was sent.\n\n• problem…" */
const MISCONFIGURED = /^Chat Relay cannot [^\n]*: nothing was sent\./;
/** A line of the run's report: 'Chat refused the webhook in CHAT_WEBHOOK_URL: …' */
const REFUSED = /^(Chat refused the webhook[^\n]*)$/m;

/** The first alert that reports a configuration problem or a refused webhook, if any. */
export function relayProblem(alerts: readonly string[]): RelayProblem | null {
  for (const alert of alerts) {
    if (MISCONFIGURED.test(alert)) {
      const bullets = alert
        .split('\n')
        .filter((line) => line.startsWith('• '))
        .map((line) => line.slice(2));
      return { kind: 'configuration', alert, problems: bullets.length ? bullets : [alert] };
    }
    const refused = REFUSED.exec(alert);
    if (refused) return { kind: 'webhook', alert, problems: [refused[1]] };
  }
  return null;
}
