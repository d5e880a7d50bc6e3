// Incidents once remembered alerts are grouped beside the firing ones: an incident whose every alert resolved is
// "recently resolved"; one that resolved before the window is not shown at all, so remembered alerts never make
// old incidents of their own.
import type { Incident } from '../incidents/types.js';
import type { Alert } from '../types.js';
import { resolvedAlerts, type IncidentMemory } from './memory.js';

/**
 * Groups the firing alerts together with the remembered resolved ones (`group` is the context's grouping), and
 * keeps the resolved incidents that resolved within `windowMs` (none when undefined).
 */
export function withMemory(
  firing: Alert[],
  memory: IncidentMemory,
  group: (alerts: Alert[]) => Incident[],
  now: number,
  windowMs: number | undefined,
): Incident[] {
  const resolved = resolvedAlerts(memory, firing);
  return withinWindow(group(resolved.length ? [...firing, ...resolved] : firing), now, windowMs);
}

/** Drops the resolved incidents that resolved more than `windowMs` before `now` (all of them when undefined). */
export function withinWindow(incidents: readonly Incident[], now: number, windowMs: number | undefined): Incident[] {
  return incidents.filter(
    (i) => !i.resolvedAt || (windowMs !== undefined && Date.parse(i.resolvedAt) >= now - windowMs),
  );
}

/** Open incidents (some alert fires) in their order, then the resolved ones, most recently resolved first. */
export function splitResolved(incidents: readonly Incident[]): { open: Incident[]; resolved: Incident[] } {
  const open = incidents.filter((i) => !i.resolvedAt);
  const resolved = incidents
    .filter((i) => !!i.resolvedAt)
    .sort((a, b) => (a.resolvedAt! < b.resolvedAt! ? 1 : a.resolvedAt! > b.resolvedAt! ? -1 : 0));
  return { open, resolved };
}
