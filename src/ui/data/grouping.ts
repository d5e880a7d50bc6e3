// Builds the grouping function for a context: causal rules from the config and from the Alertmanagers' own
// inhibit_rules. Until the rule engine lands, alerts join only through Alertmanager's inhibitedBy edges.
import type { ContextConfig } from '../../backends/config/schema.js';
import type { Incident, IncidentAlert } from '../../domain/incidents/types.js';
import type { Alert, Layer, Severity } from '../../domain/types.js';

export type Grouper = (alerts: Alert[], now: number) => Incident[];

const SEV: Severity[] = ['critical', 'warning', 'info'];
function severityOf(a: Alert): Severity {
  const s = (a.labels.severity ?? '').toLowerCase();
  return (SEV as string[]).includes(s) ? (s as Severity) : s === 'page' ? 'critical' : 'info';
}

export function createGrouper(settings: ContextConfig, _amConfigs: string[]): Grouper {
  const layerLabels = settings.layer_labels;
  const layerOf = (a: Alert): Layer => {
    for (const l of layerLabels) {
      const v = a.labels[l];
      if (v === 'infrastructure' || v === 'service' || v === 'quality') return v;
    }
    return 'unknown';
  };
  return (alerts) => {
    const byFp = new Map(alerts.map((a) => [a.fingerprint, a]));
    const parent = new Map<string, string>();
    for (const a of alerts) {
      const cause = a.inhibitedBy.find((fp) => byFp.has(fp) && fp !== a.fingerprint);
      if (cause) parent.set(a.fingerprint, cause);
    }
    const rootOf = (fp: string): string => {
      const seen = new Set<string>();
      let cur = fp;
      while (parent.has(cur) && !seen.has(cur)) { seen.add(cur); cur = parent.get(cur)!; }
      return cur;
    };
    const groups = new Map<string, IncidentAlert[]>();
    for (const a of alerts) {
      const r = rootOf(a.fingerprint);
      const ia: IncidentAlert = { ...a, layer: layerOf(a), causedBy: parent.get(a.fingerprint) ?? null };
      if (r === a.fingerprint) ia.causedBy = null;
      const list = groups.get(r) ?? [];
      if (r === a.fingerprint) list.unshift(ia); else list.push(ia);
      groups.set(r, list);
    }
    return [...groups.entries()].map(([root, list]) => {
      const r = list[0]!;
      const severity = list.map(severityOf).sort((x, y) => SEV.indexOf(x) - SEV.indexOf(y))[0]!;
      return {
        id: root,
        title: r.labels.alertname ?? root,
        severity,
        layer: r.layer,
        root,
        alerts: list,
        startsAt: list.map((a) => a.startsAt).sort()[0]!,
      };
    });
  };
}
