// The header's counts of incidents and alerts. Made while the data arrives, chunk by chunk (DataAssembler), so
// that the frame that first shows a refresh does not also walk every alert of a storm.
import type { Incident } from '../../domain/incidents/types.js';

export interface Counts {
  incidents: { critical: number; warning: number; info: number; total: number };
  alerts: { total: number; suppressed: number };
  layers: Record<string, number>;
}

export function emptyCounts(): Counts {
  return {
    incidents: { critical: 0, warning: 0, info: 0, total: 0 },
    alerts: { total: 0, suppressed: 0 },
    layers: { infrastructure: 0, service: 0, quality: 0, unknown: 0 },
  };
}

/** Adds one incident and its alerts to `c`. */
export function countIncident(c: Counts, inc: Incident): void {
  if (inc.resolvedAt) return; // recently resolved: shown, not counted
  c.incidents.total++;
  c.incidents[inc.severity]++;
  const alerts = inc.alerts;
  for (let j = 0; j < alerts.length; j++) {
    const a = alerts[j]!;
    if (a.resolvedAt) continue;
    c.alerts.total++;
    if (a.state === 'suppressed') c.alerts.suppressed++;
    c.layers[a.layer] = (c.layers[a.layer] ?? 0) + 1;
  }
}
