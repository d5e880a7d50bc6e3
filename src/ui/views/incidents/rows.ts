// Incidents as tree rows: the root first, each symptom under its cause, indented one step per causal edge.
import type { Incident, IncidentAlert } from '../../../domain/incidents/types.js';
import type { Alert } from '../../../domain/types.js';

export interface IncidentRow {
  /** `<incident id>/<fingerprint>`: identity of the row across refreshes. */
  key: string;
  incident: Incident;
  alert: IncidentAlert;
  /** 0 for the root, 1 for its direct symptoms, … */
  depth: number;
  /** Whether a later sibling follows at the same depth (for drawing ├ vs └). */
  hasNextSibling: boolean;
  /** Alert name of the cause, for symptoms. */
  causeName?: string;
}

export function rowKey(incidentId: string, fingerprint: string): string {
  return `${incidentId}/${fingerprint}`;
}

/** Depth-first tree of one incident. Alerts whose cause is not in the incident hang under the root. */
export function treeRows(inc: Incident): IncidentRow[] {
  if (inc.alerts.length === 1) {
    const a = inc.alerts[0]!;
    return [{ key: rowKey(inc.id, a.fingerprint), incident: inc, alert: a, depth: 0, hasNextSibling: false }];
  }
  const fps = new Set(inc.alerts.map((a) => a.fingerprint));
  const children = new Map<string, IncidentAlert[]>();
  let root: IncidentAlert | undefined;
  for (const a of inc.alerts) {
    if (a.fingerprint === inc.root) { root = a; continue; }
    const parent = a.causedBy && fps.has(a.causedBy) && a.causedBy !== a.fingerprint ? a.causedBy : inc.root;
    const list = children.get(parent) ?? [];
    list.push(a);
    children.set(parent, list);
  }
  root ??= inc.alerts[0];
  if (!root) return [];
  const out: IncidentRow[] = [];
  const seen = new Set<string>();
  const names = new Map(inc.alerts.map((a) => [a.fingerprint, a.labels.alertname ?? '']));
  const visit = (a: IncidentAlert, depth: number, hasNextSibling: boolean) => {
    if (seen.has(a.fingerprint)) return; // a cycle in bad data must not hang the UI
    seen.add(a.fingerprint);
    out.push({ key: rowKey(inc.id, a.fingerprint), incident: inc, alert: a, depth, hasNextSibling, causeName: depth > 0 ? names.get(a.causedBy ?? inc.root) : undefined });
    const kids = children.get(a.fingerprint) ?? [];
    kids.forEach((k, i) => visit(k, depth + 1, i < kids.length - 1));
  };
  visit(root, 0, false);
  // Anything unreachable (e.g. a cycle that excludes the root) is still shown, once.
  for (const a of inc.alerts) if (!seen.has(a.fingerprint)) visit(a, 1, false);
  return out;
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
