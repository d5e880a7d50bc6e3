// Incident order in the TUI: incidents with an active alert first (a silenced storm must not push live trouble
// off screen), resolved ones (remembered, all alerts resolved) last, then severity (critical first), then age (oldest
// first: the trouble that started the storm), then ID.
import type { Incident } from '../../domain/incidents/types.js';
import { SEVERITY_RANK } from '../../domain/incidents/severity.js';
import { parseTime } from '../../domain/incidents/time.js';
import { dedupeSorted, rankOf } from '../../domain/incidents/typed-arrays.js';

/** 0: an alert fires unsilenced; 1: every alert silenced or inhibited; 2: resolved (remembered). */
function activity(i: Incident): number {
  if (i.resolvedAt) return 2;
  const alerts = i.alerts;
  for (let j = 0; j < alerts.length; j++) if (alerts[j]!.state === 'active' && !alerts[j]!.resolvedAt) return 0;
  return 1;
}

/** Activity (3) × severity (critical, warning, info, unknown). */
const CLASSES = 12;

/**
 * Sorted by one number per incident, (class × start rank) × n + position, which Float64Array#sort orders without
 * calling back into JavaScript: a comparator sort of a storm's 20,000 incidents took 30-50 ms of the first picture's
 * path in a data worker whose code V8 had not compiled yet. The position keeps the input order among equals; runs
 * of equal class and start whose IDs are not in order are then sorted by ID. One loop per function, as in the
 * grouping (src/domain/incidents/typed-arrays.ts).
 */
export function sortIncidents(incidents: Incident[]): Incident[] {
  const n = incidents.length;
  const start = startTimes(incidents);
  const times = start.slice().sort();
  const R = dedupeSorted(times);
  // Every key an exact integer below 2^53 (some 10^7 incidents); never exceeded in practice.
  if (CLASSES * R * n >= Number.MAX_SAFE_INTEGER) return byComparator(incidents, start);
  const keys = sortKeys(incidents, start, times, R);
  keys.sort();
  const out = byKey(incidents, keys);
  idsInRuns(out, keys, n);
  return out;
}

function startTimes(incidents: Incident[]): Float64Array {
  const start = new Float64Array(incidents.length);
  for (let i = 0; i < incidents.length; i++) start[i] = parseTime(incidents[i]!.startsAt);
  return start;
}

function sortKeys(incidents: Incident[], start: Float64Array, times: Float64Array, R: number): Float64Array {
  const n = incidents.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const inc = incidents[i]!;
    const cls = activity(inc) * 4 + 3 - (SEVERITY_RANK[inc.severity] ?? 0);
    keys[i] = (cls * R + rankOf(times, R, start[i]!)) * n + i;
  }
  return keys;
}

function byKey(incidents: Incident[], keys: Float64Array): Incident[] {
  const n = incidents.length;
  const out: Incident[] = new Array(n);
  for (let j = 0; j < n; j++) out[j] = incidents[keys[j]! % n]!;
  return out;
}

const byId = (a: Incident, b: Incident) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Sorts by ID each run of equal class and start (keys[j] without its position) not already in ID order. */
function idsInRuns(out: Incident[], keys: Float64Array, n: number): void {
  const group = (j: number) => (keys[j]! - (keys[j]! % n)) / n;
  for (let i = 0; i < n;) {
    const g = group(i);
    let j = i + 1;
    let ordered = true;
    for (; j < n && group(j) === g; j++) if (out[j - 1]!.id > out[j]!.id) ordered = false;
    if (!ordered) {
      const run = out.slice(i, j).sort(byId); // stable: equal IDs keep their order
      for (let k = 0; k < run.length; k++) out[i + k] = run[k]!;
    }
    i = j;
  }
}

/** The same order by a comparator, for lists too long for exact keys. */
function byComparator(incidents: Incident[], start: Float64Array): Incident[] {
  const keyed = incidents.map((i, k) => ({
    i,
    active: activity(i),
    sev: -(SEVERITY_RANK[i.severity] ?? 0),
    t: start[k]!,
  }));
  keyed.sort((a, b) => a.active - b.active || a.sev - b.sev || a.t - b.t || byId(a.i, b.i));
  return keyed.map((k) => k.i);
}
