// Ordering and belonging: which SLO is worst, and which alerts are about an SLO.
import { matchesAll } from '../matchers.js';
import type { Alert } from '../types.js';
import type { SloResult } from './types.js';

const STATE_RANK = { page: 0, ticket: 1, ok: 2 } as const;

/** Least budget remaining first; unknown budgets after known ones, by state then name. */
export function sortWorstFirst(slos: readonly SloResult[]): SloResult[] {
  return [...slos].sort((a, b) => {
    const ra = a.budgetRemaining;
    const rb = b.budgetRemaining;
    if (ra !== null && rb !== null && ra !== rb) return ra - rb;
    if ((ra === null) !== (rb === null)) return ra === null ? 1 : -1;
    const sa = a.state ? STATE_RANK[a.state] : 3;
    const sb = b.state ? STATE_RANK[b.state] : 3;
    return sa - sb || a.name.localeCompare(b.name);
  });
}

/**
 * Alerts that belong to an SLO: they match its alert matchers and, for a per-group instance, do not carry
 * a different value of the grouping label.
 */
export function alertsForSlo(slo: Pick<SloResult, 'alertMatchers' | 'group'>, alerts: readonly Alert[]): Alert[] {
  if (!slo.alertMatchers.length) return [];
  return alerts.filter((a) => {
    if (!matchesAll(slo.alertMatchers, a.labels)) return false;
    if (slo.group && a.labels[slo.group.label] !== undefined && a.labels[slo.group.label] !== slo.group.value)
      return false;
    return true;
  });
}
