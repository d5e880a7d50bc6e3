// Sort orders of the flat alerts view.
import type { IncidentAlert } from '../../../domain/incidents/types.js';
import { SEVERITY_RANK } from '../../data/sort.js';
import { severityOf, stateText } from '../../format.js';

export const SORT_FIELDS = ['severity', 'age', 'alertname', 'state', 'layer'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

export interface SortSpec { field: SortField; descending: boolean }

function keyOf(a: IncidentAlert, f: SortField): string | number {
  switch (f) {
    case 'severity': return SEVERITY_RANK[severityOf(a)];
    case 'age': return Date.parse(a.startsAt) || 0; // earlier start = older = first
    case 'alertname': return a.labels.alertname ?? '';
    case 'state': return stateText(a);
    case 'layer': return a.layer;
  }
}

/** Stable: ties keep severity-then-age order. */
export function sortAlerts(alerts: IncidentAlert[], spec: SortSpec): IncidentAlert[] {
  const dir = spec.descending ? -1 : 1;
  const keyed = alerts.map((a, i) => ({ a, k: keyOf(a, spec.field), sev: SEVERITY_RANK[severityOf(a)], t: Date.parse(a.startsAt) || 0, i }));
  keyed.sort((x, y) => (x.k < y.k ? -dir : x.k > y.k ? dir : 0) || x.sev - y.sev || x.t - y.t || x.i - y.i);
  return keyed.map((k) => k.a);
}

export function nextSortField(f: SortField, step: 1 | -1 = 1): SortField {
  const n = SORT_FIELDS.length;
  return SORT_FIELDS[(SORT_FIELDS.indexOf(f) + step + n) % n]!;
}
