// An alert's state in one word, as every table and row shows it.
import type { Alert } from './types.js';

/** active, new (not yet processed), silenced, inhibited, or both. */
export function alertStateText(a: Pick<Alert, 'state' | 'silencedBy' | 'inhibitedBy'>): string {
  const s = a.silencedBy.length > 0;
  const i = a.inhibitedBy.length > 0;
  if (s && i) return 'silenced+inh';
  if (s) return 'silenced';
  if (i) return 'inhibited';
  if (a.state === 'suppressed') return 'suppressed';
  return a.state === 'unprocessed' ? 'new' : 'active';
}
