/** The status line at the top of the sidebar. */
import { byId } from './dom';

export function setStatus(text: string, kind?: 'ok' | 'error'): void {
  const el = byId('status');
  el.textContent = text;
  el.className = `status${kind ? ` ${kind}` : ''}`;
}
