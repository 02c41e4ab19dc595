/**
 * Webhooks that fail every message the same way. Google does not document
 * what a deleted webhook answers: should it be a 400, as for a message Chat
 * refuses, every row routed to it would become FAILED, one by one. So within
 * a run, while no message of a webhook NAME has been accepted, the messages
 * Chat refuses for good (for a reason that is not plainly about the webhook,
 * see refusesWebhook) wait before their rows fail: once `limit` of them have
 * the same error, the webhook is taken to be at fault and their rows stay
 * PENDING; once a message of that webhook is accepted, or nothing more goes
 * to it, they fail as any refused message does.
 */
import { SendResult } from '../chat/client';
import { OutboxEntry } from './ledger-codec';
import { refusesWebhook } from './outcome';

/** A message Chat refused, whose outcome waits: its item, the message, Chat's answer. */
export interface WaitingFailure<T> {
  item: T;
  send: OutboxEntry;
  result: Extract<SendResult, { ok: false }>;
}

export class FailingWebhooks<T> {
  private readonly accepted = new Set<string>();
  private readonly waiting = new Map<string, Array<WaitingFailure<T>>>();

  constructor(private readonly limit: number) {}

  /** Whether Chat's answer to a message of `webhook` waits (see the top of this file). */
  waits(webhook: string, result: SendResult): boolean {
    return (
      !result.ok &&
      result.kind === 'permanent' &&
      result.attempts > 0 &&
      !refusesWebhook(result) &&
      !this.accepted.has(webhook)
    );
  }

  /**
   * Adds a failure of `webhook` to those that wait. Once `limit` of them have the same error,
   * returns every failure of that webhook, no longer waiting: the webhook is at fault.
   */
  add(webhook: string, failure: WaitingFailure<T>): Array<WaitingFailure<T>> | null {
    const list = (this.waiting.get(webhook) || []).concat(failure);
    const same = list.filter((w) => w.result.message === failure.result.message).length;
    if (same < this.limit) {
      this.waiting.set(webhook, list);
      return null;
    }
    this.waiting.delete(webhook);
    return list;
  }

  /** A message of `webhook` was accepted: the failures that waited are their messages' own. */
  accept(webhook: string): Array<WaitingFailure<T>> {
    this.accepted.add(webhook);
    return this.release([webhook]);
  }

  /** The webhooks with failures waiting. */
  webhooks(): string[] {
    return Array.from(this.waiting.keys());
  }

  /** The failures of these webhooks, no longer waiting. */
  release(webhooks: string[]): Array<WaitingFailure<T>> {
    const out: Array<WaitingFailure<T>> = [];
    webhooks.forEach((w) => {
      out.push(...(this.waiting.get(w) || []));
      this.waiting.delete(w);
    });
    return out;
  }
}
