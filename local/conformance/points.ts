/**
 * The five points of the conformance check, run in order against one webhook.
 * Each ends PASS, FAIL or UNKNOWN with the lines that say what Chat answered.
 * Points 1 to 3 are what the relay depends on (a card like its own is taken,
 * a thread key keeps a row's messages together, a repeated requestId posts
 * nothing new); 4 measures Chat's quota; 5 asks a person to look.
 *
 * Messages: 1 (point 1) + 2 (point 2) + 1 (point 3) + 2 (point 4) + 1
 * (point 5) = 7, and an 8th when point 3's repeat creates a second message.
 * A send that gets no usable answer ends the run (and so does a point 1 that
 * fails: every test message is a card like it): the points after it are
 * UNKNOWN, "not run".
 */
import type { ChatMessage } from '../../src/chat/message-types';
import {
  describeAttempt,
  MAX_RETRY_AFTER_MS,
  type Attempt,
  type ChatLine,
  type Sent,
} from './chat';
import {
  cardFeatures,
  escapingExpected,
  escapingMessage,
  requestId,
  testMessage,
  TOTAL,
  type TestRun,
  type ThreadName,
} from './messages';

export type Verdict = 'PASS' | 'FAIL' | 'UNKNOWN';

export interface PointResult {
  point: number;
  verdict: Verdict;
  /** What was seen, one line each (already scrubbed of secrets). */
  lines: string[];
}

export const POINTS: ReadonlyArray<{ point: number; title: string; relayDependsOn: boolean }> = [
  {
    point: 1,
    title: 'a card with a header, decorated text, an openLink button and fallbackText is accepted',
    relayDependsOn: true,
  },
  {
    point: 2,
    title: 'two posts with the same thread key land in one thread',
    relayDependsOn: true,
  },
  {
    point: 3,
    title: 'a repeated requestId returns the first message instead of creating a second one',
    relayDependsOn: true,
  },
  {
    point: 4,
    title: 'two creates within one second: a 429, and how long until a retry is accepted',
    relayDependsOn: false,
  },
  {
    point: 5,
    title: 'a card with &, quotes and angle brackets in its values and & in a label reads as typed',
    relayDependsOn: false,
  },
];

/** Retries of point 4's second create, in ms after the previous one: fine near 1 s, then longer. */
export const BURST_RETRY_STEPS_MS = [400, 400, 400, 400, 400, 400, 1000, 2000, 4000];

type Created = Extract<Attempt, { kind: 'created' }>;
type Refused = Extract<Attempt, { kind: 'transient' }>;

function retryAfterText(attempt: Refused): string {
  return attempt.retryAfterMs === null
    ? 'no Retry-After'
    : `Retry-After ${seconds(attempt.retryAfterMs)}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** A point that ends the run: its verdict, and why the points after it are not run. */
class Stop extends Error {
  constructor(readonly result: PointResult) {
    super(`point ${result.point}: ${result.verdict}`);
  }
}

export interface Progress {
  (line: string): void;
}

export class PointRunner {
  private n = 0;
  private readonly created: string[] = [];
  /** The thread of point 1's message, which points 2 to 4 post to. */
  private mainThread: string | null = null;

  constructor(
    private readonly chat: ChatLine,
    private readonly run: TestRun,
    private readonly progress: Progress,
  ) {}

  /** Names of the messages Chat reported creating, each once. */
  createdMessages(): string[] {
    return [...new Set(this.created)];
  }

  /** Runs every point in order; after one that stops the run, the rest are UNKNOWN. */
  async runAll(): Promise<PointResult[]> {
    const points = [
      () => this.point1(),
      () => this.point2(),
      () => this.point3(),
      () => this.point4(),
      () => this.point5(),
    ];
    const results: PointResult[] = [];
    let stopped: string | null = null;
    for (const [i, run] of points.entries()) {
      if (stopped !== null) {
        results.push({ point: i + 1, verdict: 'UNKNOWN', lines: [`not run: ${stopped}`] });
        continue;
      }
      try {
        results.push(await run());
      } catch (error) {
        if (!(error instanceof Stop)) throw error;
        results.push(error.result);
        stopped = `point ${i + 1} ended the run (${error.result.verdict})`;
      }
    }
    return results;
  }

  private message(point: number, thread: ThreadName) {
    const n = ++this.n;
    const title = POINTS[point - 1].title;
    return { n, body: testMessage(this.run, n, `Point ${point}: ${title}`, thread) };
  }

  private note(n: number, point: number, sent: Sent, repeat = ''): void {
    const what = `test message ${n} of ${TOTAL}${repeat} (point ${point})`;
    const last = sent.last;
    const tries = sent.attempts > 1 ? ` after ${sent.attempts} attempts` : '';
    if (last.kind === 'created') this.created.push(last.messageName);
    this.progress(`  ${what}: ${describeAttempt(last)}${tries}`);
  }

  /** The created message, or a Stop: UNKNOWN (no usable answer), or `refusal` when Chat refused. */
  private expectCreated(point: number, sent: Sent, refusal: Verdict = 'UNKNOWN'): Created {
    const last = sent.last;
    if (last.kind === 'created') return last;
    const tries = sent.attempts > 1 ? ` (after ${sent.attempts} attempts)` : '';
    const verdict = last.kind === 'refused' ? refusal : 'UNKNOWN';
    const lines = [`Chat answered: ${describeAttempt(last)}${tries}`];
    if (last.kind === 'transient') lines.push('no usable answer, so this point cannot be decided');
    throw new Stop({ point, verdict, lines });
  }

  private async post(point: number, thread: ThreadName) {
    const { n, body } = this.message(point, thread);
    const sent = await this.chat.send(body, requestId(this.run, n));
    this.note(n, point, sent);
    return { n, body, created: this.expectCreated(point, sent) };
  }

  async point1(): Promise<PointResult> {
    const { n, body } = this.message(1, 'main');
    const features = cardFeatures(body);
    const missing = [
      features.header ? '' : 'a header',
      features.decoratedTexts > 0 ? '' : 'decorated text',
      features.openLinks > 0 ? '' : 'an openLink button',
      features.fallbackText ? '' : 'fallbackText',
    ].filter((m) => m !== '');
    if (missing.length) {
      const lines = [`the relay's card has no ${missing.join(', ')}: nothing to check`];
      throw new Stop({ point: 1, verdict: 'UNKNOWN', lines });
    }
    const sent = await this.chat.send(body, requestId(this.run, n));
    this.note(n, 1, sent);
    const created = this.expectCreated(1, sent, 'FAIL');
    this.mainThread = created.threadName;
    return {
      point: 1,
      verdict: 'PASS',
      lines: [
        `Chat took test message ${n} (HTTP ${created.status}): ${created.messageName}`,
        `its card: a header, ${features.decoratedTexts} decorated texts, ${features.openLinks} openLink button, fallbackText`,
      ],
    };
  }

  async point2(): Promise<PointResult> {
    const first = this.mainThread;
    const same = (await this.post(2, 'main')).created;
    const other = (await this.post(2, 'other')).created;
    if (first === null || same.threadName === null || other.threadName === null) {
      const lines = ["Chat's answer named no thread, so the threads cannot be compared"];
      return { point: 2, verdict: 'UNKNOWN', lines };
    }
    if (same.threadName !== first) {
      const lines = [
        `the second post with the thread key started ${same.threadName}, not ${first}`,
        'every update of a row would start a new thread',
      ];
      return { point: 2, verdict: 'FAIL', lines };
    }
    if (other.threadName === first) {
      const lines = [
        `a post with another thread key landed in ${first} too: thread keys are not told apart`,
      ];
      return { point: 2, verdict: 'FAIL', lines };
    }
    return {
      point: 2,
      verdict: 'PASS',
      lines: [
        `two posts with one thread key are both in ${first}`,
        `a post with another key started ${other.threadName}`,
      ],
    };
  }

  async point3(): Promise<PointResult> {
    const { n, body, created } = await this.post(3, 'main');
    const again = await this.chat.send(body, requestId(this.run, n));
    this.note(n, 3, again, ', repeated with its requestId');
    const repeat = this.expectCreated(3, again);
    if (repeat.messageName !== created.messageName) {
      const lines = [
        `the repeat created ${repeat.messageName}; the first was ${created.messageName}`,
        `Chat did not deduplicate the requestId: test message ${n} shows twice in the space`,
      ];
      return { point: 3, verdict: 'FAIL', lines };
    }
    return {
      point: 3,
      verdict: 'PASS',
      lines: [`the repeat returned ${created.messageName}, the message already created`],
    };
  }

  async point4(): Promise<PointResult> {
    const first = await this.post(4, 'main');
    const acceptedAt = this.chat.clock.now();
    const { n, body } = this.message(4, 'main');
    const id = requestId(this.run, n);
    const burst = await this.chat.attempt(body, id);
    const gap = this.chat.clock.now() - acceptedAt;
    if (burst.kind === 'created') {
      this.note(n, 4, { last: burst, attempts: 1 });
      const lines = [
        `no 429: Chat took test messages ${first.n} and ${n} ${seconds(gap)} apart`,
        'the relay still waits 1 s between posts to a space',
      ];
      return { point: 4, verdict: 'PASS', lines };
    }
    if (burst.kind !== 'transient') {
      this.note(n, 4, { last: burst, attempts: 1 });
      throw new Stop({
        point: 4,
        verdict: 'UNKNOWN',
        lines: [`Chat answered the second create: ${describeAttempt(burst)}`],
      });
    }
    return this.burstRetries(first.n, n, body, id, burst, acceptedAt);
  }

  /**
   * Retries point 4's refused create with the same requestId, after its Retry-After or on a
   * fixed schedule (fine near 1 s, then longer), until Chat takes it.
   */
  private async burstRetries(
    firstN: number,
    n: number,
    body: ChatMessage,
    id: string,
    refused: Refused,
    acceptedAt: number,
  ): Promise<PointResult> {
    const clock = this.chat.clock;
    const after = () => seconds(clock.now() - acceptedAt);
    const lines = [
      `the second create, right after test message ${firstN}: ${refused.detail} (${retryAfterText(refused)})`,
    ];
    let refusedAt = after();
    let last: Attempt = refused;
    let attempts = 1;
    for (const [i, step] of BURST_RETRY_STEPS_MS.entries()) {
      const retryAfter = last.kind === 'transient' ? last.retryAfterMs : null;
      if (retryAfter !== null && retryAfter > MAX_RETRY_AFTER_MS) {
        lines.push(`Chat asked to wait ${seconds(retryAfter)}, longer than this check waits`);
        throw new Stop({ point: 4, verdict: 'UNKNOWN', lines });
      }
      await clock.sleep(retryAfter ?? step);
      last = await this.chat.attempt(body, id);
      attempts++;
      if (last.kind === 'created') {
        this.note(n, 4, { last, attempts });
        const accepted = clock.now() - acceptedAt;
        lines.push(
          `retry ${i + 1} was accepted ${seconds(accepted)} after test message ${firstN} was; ` +
            `the one before, at ${refusedAt}, was refused`,
          accepted > 1500
            ? "longer than the relay's 1 s pace: expect 429s in busy runs (the relay retries them)"
            : "the relay's 1 s pace between posts to a space fits this",
        );
        return { point: 4, verdict: 'PASS', lines };
      }
      if (last.kind !== 'transient') {
        this.note(n, 4, { last, attempts });
        lines.push(`retry ${i + 1} was refused outright: ${describeAttempt(last)}`);
        throw new Stop({ point: 4, verdict: 'UNKNOWN', lines });
      }
      refusedAt = after();
    }
    this.note(n, 4, { last, attempts });
    lines.push(`no retry was accepted within ${refusedAt}; the last: ${describeAttempt(last)}`);
    throw new Stop({ point: 4, verdict: 'FAIL', lines });
  }

  async point5(): Promise<PointResult> {
    const n = ++this.n;
    const body = escapingMessage(this.run, n, `Point 5: ${POINTS[4].title}`);
    const sent = await this.chat.send(body, requestId(this.run, n));
    this.note(n, 5, sent);
    const created = this.expectCreated(5, sent, 'FAIL');
    const expected = escapingExpected();
    return {
      point: 5,
      verdict: 'UNKNOWN',
      lines: [
        `Chat took test message ${n} (${created.messageName}); a person must confirm how it reads.`,
        `Look at this message in the space (test message ${n} of ${TOTAL}): it should read`,
        `  under the title:  ${expected.subtitle}`,
        `  a field labelled: ${expected.label}`,
        `  with the value:   ${expected.value}`,
        'If any shows &amp; &quot; &#39; &lt; or &gt; instead of the character, or a',
        "character is missing, the relay's escaping does not match Chat: please report it.",
      ],
    };
  }
}
