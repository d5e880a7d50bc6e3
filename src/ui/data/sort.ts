// Incident order in the TUI: incidents with an active alert first (a silenced storm must not push live trouble
// off screen), resolved ones (remembered, all alerts resolved) last, then severity (critical first), then age (oldest first: the trouble that started the storm).
import type { Incident } from '../../domain/incidents/types.js';
import { SEVERITY_RANK } from '../../domain/incidents/severity.js';

export function isIncidentActive(i: Incident): boolean {
  return i.alerts.some((a) => a.state === 'active' && !a.resolvedAt);
}

export function sortIncidents(incidents: Incident[]): Incident[] {
  const keyed = incidents.map((i) => ({
    i,
    active: i.resolvedAt ? 2 : isIncidentActive(i) ? 0 : 1,
    sev: -(SEVERITY_RANK[i.severity] ?? 0),
    t: Date.parse(i.startsAt) || 0,
  }));
  keyed.sort(
    (a, b) => a.active - b.active || a.sev - b.sev || a.t - b.t || (a.i.id < b.i.id ? -1 : a.i.id > b.i.id ? 1 : 0),
  );
  return keyed.map((k) => k.i);
}
