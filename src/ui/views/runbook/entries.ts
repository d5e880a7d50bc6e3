// Which runbooks an incident (or a selected alert) brings up, in order: the root's first, then its symptoms',
// each runbook once. Pure: resolution is passed in.
import type { Incident, IncidentAlert } from '../../../domain/incidents/types.js';
import type { Alert, Labels } from '../../../domain/types.js';
import type { Resolution } from '../../../backends/runbooks.js';
import type { WebOrigin } from '../../../domain/runbook/web-source.js';

export interface RunbookEntry {
  alertname: string;
  /** Labels of the alert the runbook is filled for. */
  labels: Labels;
  /** That alert's fingerprint (saved with the progress beside its labels). */
  fingerprint?: string;
  role: 'root' | 'symptom' | 'selected';
  resolution: Resolution;
  /** Set when the runbook is a fetched web page: untrusted, its checks run only on a key press. */
  web?: WebOrigin;
}

/** The alerts to look runbooks up for: the selected alert first when one was picked, then root, then symptoms. */
export function alertsInOrder(
  incident: Incident | undefined,
  selected: readonly Alert[],
): { alert: Alert; role: RunbookEntry['role'] }[] {
  const out: { alert: Alert; role: RunbookEntry['role'] }[] = [];
  const seen = new Set<string>();
  const add = (a: Alert, role: RunbookEntry['role']) => {
    if (!seen.has(a.fingerprint)) {
      seen.add(a.fingerprint);
      out.push({ alert: a, role });
    }
  };
  const single = selected.length === 1 && incident && incident.alerts.length > 1 ? selected[0] : undefined;
  if (single && single.fingerprint !== incident?.root) add(single, 'selected');
  if (incident)
    for (const a of incident.alerts as IncidentAlert[]) add(a, a.fingerprint === incident.root ? 'root' : 'symptom');
  else for (const a of selected) add(a, 'selected');
  return out;
}

/** One entry per runbook (alerts sharing a runbook, such as a burn-rate family, show it once). */
export function runbookEntries(
  alerts: { alert: Alert; role: RunbookEntry['role'] }[],
  resolve: (a: Alert) => Resolution,
): RunbookEntry[] {
  const out: RunbookEntry[] = [];
  const seen = new Set<string>();
  for (const { alert, role } of alerts) {
    const r = resolve(alert);
    const alertname = alert.labels.alertname ?? '(no alertname)';
    const key = r.runbook ? `rb:${r.runbook.path}` : r.webUrl ? `web:${r.webUrl}` : `none:${alertname}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ alertname, labels: alert.labels, fingerprint: alert.fingerprint, role, resolution: r });
  }
  return out;
}
