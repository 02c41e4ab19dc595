/**
 * `npm run conformance`, minus the process: reads the command line, runs the
 * five points against the webhook, prints what Chat answered and returns the
 * exit code. Every line printed goes through the webhook's secret scrubber.
 */
import { UsageError } from '../cli-args';
import { parseConformanceArgs, USAGE } from './args';
import { ChatLine, type Clock, type Fetch } from './chat';
import { newTestRun, TOTAL } from './messages';
import { PointRunner, POINTS, type PointResult } from './points';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_UNDECIDED = 3;

export interface CliDeps {
  fetch: Fetch;
  clock: Clock;
  random: () => number;
  /** Standard output and standard error, one line each. */
  out(line: string): void;
  err(line: string): void;
}

/** The exit code: 1 when point 1, 2 or 3 failed, 3 when one of them is undecided, else 0. */
export function exitCode(results: PointResult[]): number {
  const relied = results.filter((r) => POINTS[r.point - 1].relayDependsOn);
  if (relied.some((r) => r.verdict === 'FAIL')) return EXIT_FAILED;
  if (relied.length < 3 || relied.some((r) => r.verdict !== 'PASS')) return EXIT_UNDECIDED;
  return EXIT_OK;
}

/** What a failed point means for the relay, and what to do. */
const ADVICE: Record<number, string> = {
  1: 'Chat refused a card like the relay\'s, so its rows would end FAILED: check Chat\'s answer above; "format": "text" in CHAT_RELAY_CONFIG posts text messages instead of cards.',
  2: "Thread keys do not keep a row's messages together in this space: a row's updates would not reply in its thread. Google documents threading for named spaces only: in a direct message or a group chat, use a named space instead.",
  3: "Chat does not deduplicate requestId in this space: a message whose answer was lost (a timeout, a 503 after Chat created it) may be posted twice when the relay retries it. See the README's setup section.",
};

function conclusion(results: PointResult[]): string[] {
  const failed = results.filter((r) => r.verdict === 'FAIL' && r.point <= 3).map((r) => r.point);
  switch (exitCode(results)) {
    case EXIT_OK:
      return ['Points 1 to 3 passed: this space answers as the relay expects.'];
    case EXIT_FAILED:
      return [
        `${failed.length === 1 ? 'Point' : 'Points'} ${failed.join(' and ')} failed, and the relay depends on ${failed.length === 1 ? 'it' : 'them'}:`,
        ...failed.map((point) => `  ${point}. ${ADVICE[point]}`),
      ];
    default:
      return ['Points 1 to 3 could not all be decided: see above, and run the check again.'];
  }
}

function printResults(results: PointResult[], print: (line: string) => void): void {
  print('');
  for (const result of results) {
    print(`${result.point}. ${result.verdict.padEnd(8)} ${POINTS[result.point - 1].title}`);
    for (const line of result.lines) print(`   ${' '.repeat(8)} ${line}`);
  }
  print('');
}

/** Runs `npm run conformance -- ...argv`; resolves with the exit code. */
export async function runConformanceCli(
  argv: string[],
  env: Record<string, string | undefined>,
  deps: CliDeps,
): Promise<number> {
  let args;
  try {
    args = parseConformanceArgs(argv, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    deps.err(`npm run conformance: ${error.message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (args.help) {
    deps.out(USAGE);
    return EXIT_OK;
  }
  const chat = new ChatLine(args.webhook, deps.fetch, deps.clock, deps.random);
  const print = (line: string) => deps.out(chat.scrub(line));
  print(
    `Chat Relay conformance check: space spaces/${args.webhook.space}, webhook from ${args.source} (its key and token are not printed)`,
  );
  print(`Posting ${TOTAL} test messages, one a second (${TOTAL + 1} if point 3 fails):`);
  const runner = new PointRunner(chat, newTestRun(deps.clock.now(), deps.random), print);
  let results: PointResult[];
  try {
    results = await runner.runAll();
  } catch (error) {
    deps.err(chat.scrub(`npm run conformance: ${error instanceof Error ? error.message : error}`));
    return EXIT_FAILED;
  }
  printResults(results, print);
  const created = runner.createdMessages().length;
  print(`Chat reported creating ${created} message${created === 1 ? '' : 's'} in the space.`);
  conclusion(results).forEach(print);
  return exitCode(results);
}
