/**
 * What the Schedule section says of digests and quiet hours: when the saved
 * settings' next digest is due, and whether quiet hours are on now (as
 * settingsLoad found them; see src/app/settings/ops-state.ts).
 */
import type { OpsState } from '../types';
import { S } from './state';
import { esc, isolated } from './words';

/** The lines (HTML) for these digests and quiet hours; none when neither is configured. */
export function opsLines(ops: OpsState | undefined): string[] {
  if (!ops) return [];
  const lines: string[] = [];
  const d = ops.nextDigest;
  if (d) {
    const when = d.now ? 'due now: the next run posts it' : `next due ${d.when}`;
    lines.push(esc(`Digest "${isolated(d.name)}" of ${isolated(d.sheet)}: ${when}.`));
  }
  if (ops.quiet.length) {
    const each = ops.quiet.map((q) => `${isolated(q.sheet)} until ${q.until}`);
    lines.push(`<b>Quiet hours are on</b>: ${esc(each.join(', '))}. Messages wait until then.`);
  } else if (ops.quietConfigured) lines.push('Quiet hours are off now.');
  return lines;
}

/** The lines for the saved settings, as loaded. */
export function savedOpsLines(): string[] {
  return opsLines(S.load ? S.load.ops : undefined);
}
