/**
 * An action's label as what was done, for "claimed from Chat by …" and
 * "Already claimed by …": the past participle of the common verbs of a
 * ticket's life, from a table (English verbs do not conjugate by rule:
 * "Stop" → "stopped", "Take" → "taken"). A label the table does not know has
 * none: its sentence names it as it is (“Stop all” from Chat by …).
 */

/** Label (lower case) → past participle. A label that already is one stands for itself. */
const DONE: { [label: string]: string } = {
  accept: 'accepted',
  ack: 'acknowledged',
  acknowledge: 'acknowledged',
  approve: 'approved',
  archive: 'archived',
  assign: 'assigned',
  block: 'blocked',
  cancel: 'cancelled',
  check: 'checked',
  claim: 'claimed',
  close: 'closed',
  complete: 'completed',
  confirm: 'confirmed',
  decline: 'declined',
  deny: 'denied',
  dismiss: 'dismissed',
  done: 'done',
  escalate: 'escalated',
  finish: 'finished',
  fix: 'fixed',
  'follow up': 'followed up',
  handle: 'handled',
  ignore: 'ignored',
  'mark done': 'marked done',
  mute: 'muted',
  pause: 'paused',
  'pick up': 'picked up',
  reject: 'rejected',
  reopen: 'reopened',
  resolve: 'resolved',
  restart: 'restarted',
  resume: 'resumed',
  review: 'reviewed',
  'sign off': 'signed off',
  snooze: 'snoozed',
  start: 'started',
  stop: 'stopped',
  take: 'taken',
  'take over': 'taken over',
  triage: 'triaged',
  unassign: 'unassigned',
  verify: 'verified',
};

const PARTICIPLES: string[] = Object.keys(DONE).map((k) => DONE[k]);

/**
 * The past participle of a label ("Claim" → "claimed", "ACK" → "acknowledged", "Take over" →
 * "taken over", "Closed" → "closed"), or null when the table does not know it.
 */
export function pastParticiple(label: string): string | null {
  const key = label.trim().replace(/\s+/g, ' ').toLowerCase();
  if (Object.prototype.hasOwnProperty.call(DONE, key)) return DONE[key];
  return PARTICIPLES.indexOf(key) >= 0 ? key : null;
}
