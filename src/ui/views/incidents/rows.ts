// Incidents as list rows: the root first, each symptom under its cause (the grouping engine's tree), keyed so
// the selection survives refreshes.
import type { Incident, IncidentAlert } from '../../../domain/incidents/types.js';
import type { Alert } from '../../../domain/types.js';
import { treeRows as domainTreeRows } from '../../../domain/incidents/tree.js';

export interface IncidentRow {
  /** `<incident id>/<fingerprint>`: identity of the row across refreshes. */
  key: string;
  incident: Incident;
  alert: IncidentAlert;
  /** 0 for the root (and co-causes), 1 for its direct symptoms, … */
  depth: number;
  /** Tree drawing before the name: "├─ ", "│  └─ ", "+ " for a co-cause. */
  prefix: string;
  isRoot: boolean;
}

export function rowKey(incidentId: string, fingerprint: string): string {
  return `${incidentId}/${fingerprint}`;
}

export function treeRows(inc: Incident): IncidentRow[] {
  if (inc.alerts.length === 1) {
    const a = inc.alerts[0]!;
    return [{ key: rowKey(inc.id, a.fingerprint), incident: inc, alert: a, depth: 0, prefix: '', isRoot: true }];
  }
  return domainTreeRows(inc).map((r) => ({
    key: rowKey(inc.id, r.alert.fingerprint),
    incident: inc,
    alert: r.alert,
    depth: r.depth,
    prefix: r.coCause ? '+ ' : r.prefix,
    isRoot: r.alert.fingerprint === inc.root,
  }));
}

/** All rows; with a filter, incidents that have at least one matching alert (shown whole, for context). */
export function incidentRows(incidents: Incident[], test?: (a: Alert) => boolean): { rows: IncidentRow[]; incidents: number } {
  const rows: IncidentRow[] = [];
  let n = 0;
  for (const inc of incidents) {
    if (test && !inc.alerts.some(test)) continue;
    n++;
    for (const r of treeRows(inc)) rows.push(r);
  }
  return { rows, incidents: n };
}
