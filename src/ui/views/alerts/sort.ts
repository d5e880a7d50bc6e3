// Sort orders of the flat alerts view.
import type { IncidentAlert } from '../../../domain/incidents/types.js';
import { SEVERITY_RANK } from '../../data/sort.js';
import { severityOf, stateText } from '../../format.js';

export const SORT_FIELDS = ['severity', 'age', 'alertname', 'state', 'layer'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

export interface SortSpec { field: SortField; descending: boolean }

export const DEFAULT_SORT: SortSpec = { field: 'severity', descending: false };

/** Ranks of the distinct strings in `values`, in the order `<` puts them. */
function stringRanks(values: string[]): Float64Array {
  const distinct = [...new Set(values)].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const rank = new Map(distinct.map((v, i) => [v, i]));
  return Float64Array.from(values, (v) => rank.get(v)!);
}

/** Per alert, in list order: severity rank and start time, the keys every order falls back on. */
interface BaseKeys { sev: Float64Array; t: Float64Array; done: number }

const baseKeys = new WeakMap<readonly IncidentAlert[], BaseKeys>();
const sorted = new WeakMap<readonly IncidentAlert[], Map<string, IncidentAlert[]>>();

/** Computes base keys up to alert `until` (they are kept per list, so the work can be spread over slices). */
function fillBaseKeys(alerts: readonly IncidentAlert[], until: number): BaseKeys {
  let k = baseKeys.get(alerts);
  if (!k) baseKeys.set(alerts, (k = { sev: new Float64Array(alerts.length), t: new Float64Array(alerts.length), done: 0 }));
  // Severity depends on the label value alone, and a storm has few of them.
  const ranks = new Map<string | undefined, number>();
  for (let i = k.done; i < Math.min(until, alerts.length); i++) {
    const a = alerts[i]!;
    const v = a.labels.severity;
    let r = ranks.get(v);
    if (r === undefined) ranks.set(v, (r = SEVERITY_RANK[severityOf(a)]));
    k.sev[i] = r;
    k.t[i] = Date.parse(a.startsAt) || 0; // earlier start = older = first
    k.done = i + 1;
  }
  return k;
}

/**
 * Stable: ties keep severity-then-age order. Keys are numbers in typed arrays (string keys as ranks) and an
 * index array is sorted. The result is kept per list and order, so coming back to the view costs nothing.
 */
export function sortAlerts(alerts: IncidentAlert[], spec: SortSpec): IncidentAlert[] {
  const id = `${spec.field} ${spec.descending}`;
  let byOrder = sorted.get(alerts);
  const hit = byOrder?.get(id);
  if (hit) return hit;
  const n = alerts.length;
  const dir = spec.descending ? -1 : 1;
  const { sev, t } = fillBaseKeys(alerts, n);
  let k: Float64Array;
  switch (spec.field) {
    case 'severity': k = sev; break;
    case 'age': k = t; break;
    case 'alertname': k = stringRanks(alerts.map((a) => a.labels.alertname ?? '')); break;
    case 'state': k = stringRanks(alerts.map(stateText)); break;
    case 'layer': k = stringRanks(alerts.map((a) => a.layer)); break;
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((x, y) => (k[x]! - k[y]!) * dir || sev[x]! - sev[y]! || t[x]! - t[y]! || x - y);
  const out = order.map((i) => alerts[i]!);
  if (!byOrder) sorted.set(alerts, (byOrder = new Map()));
  byOrder.set(id, out);
  return out;
}

/** Alerts per slice when sorting ahead: a slice stays well under a frame. */
const SLICE = 2000;

/**
 * Sorts `alerts` in `spec`'s order ahead of time, in slices between other work, so that opening the alerts
 * view after a refresh needs no sort of 20,000 alerts while a key waits. Returns a cancel function.
 */
export function sortAhead(alerts: IncidentAlert[], spec: SortSpec): () => void {
  let timer: NodeJS.Immediate | undefined;
  const step = () => {
    const k = fillBaseKeys(alerts, (baseKeys.get(alerts)?.done ?? 0) + SLICE);
    timer = k.done < alerts.length ? setImmediate(step) : setImmediate(() => { timer = undefined; sortAlerts(alerts, spec); });
  };
  timer = setImmediate(step);
  return () => { if (timer) clearImmediate(timer); };
}

export function nextSortField(f: SortField, step: 1 | -1 = 1): SortField {
  const n = SORT_FIELDS.length;
  return SORT_FIELDS[(SORT_FIELDS.indexOf(f) + step + n) % n]!;
}
