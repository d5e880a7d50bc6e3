// Sort orders of the flat alerts view.
import type { IncidentAlert } from '../../../domain/incidents/types.js';
import { SEVERITY_RANK } from '../../../domain/incidents/severity.js';
import { severityOf } from '../../format.js';
import { alertStateText } from '../../../domain/alert-state.js';
import { parseTime } from '../../../domain/incidents/time.js';

export const SORT_FIELDS = ['severity', 'age', 'alertname', 'state', 'layer'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

export interface SortSpec {
  field: SortField;
  descending: boolean;
}

export const DEFAULT_SORT: SortSpec = { field: 'severity', descending: false };

/** Ranks of the distinct strings in `values`, in the order `<` puts them. */
function stringRanks(values: string[]): Float64Array {
  const distinct = [...new Set(values)].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const rank = new Map(distinct.map((v, i) => [v, i]));
  return Float64Array.from(values, (v) => rank.get(v)!);
}

/** Per alert, in list order: severity rank and start time, the keys every order falls back on. */
interface BaseKeys {
  sev: Float64Array;
  t: Float64Array;
  done: number;
}

const baseKeys = new WeakMap<readonly IncidentAlert[], BaseKeys>();
const sorted = new WeakMap<readonly IncidentAlert[], Map<string, IncidentAlert[]>>();

/** Computes base keys up to alert `until` (they are kept per list, so the work can be spread over slices). */
function fillBaseKeys(alerts: readonly IncidentAlert[], until: number): BaseKeys {
  let k = baseKeys.get(alerts);
  if (!k)
    baseKeys.set(alerts, (k = { sev: new Float64Array(alerts.length), t: new Float64Array(alerts.length), done: 0 }));
  // Severity depends on the label value alone, and a storm has few of them.
  const ranks = new Map<string | undefined, number>();
  for (let i = k.done; i < Math.min(until, alerts.length); i++) {
    const a = alerts[i]!;
    const v = a.labels.severity;
    let r = ranks.get(v);
    if (r === undefined) ranks.set(v, (r = -SEVERITY_RANK[severityOf(a)])); // negated: critical sorts first
    k.sev[i] = r;
    k.t[i] = parseTime(a.startsAt); // earlier start = older = first (unparseable: 0)
    k.done = i + 1;
  }
  return k;
}

/** Alerts per slice when sorting ahead: a slice stays well under a frame. */
const SLICE = 2000;

/**
 * The sort as a series of slices of at most SLICE alerts each (yield = a slice done): base keys, then runs of
 * SLICE sorted, then merged pairwise. The comparison is a total order (own key, severity, age, list position),
 * so the result is the same whichever way it is reached; sortAhead spreads the slices over several ticks,
 * sortAlerts runs them at once.
 */
function* sortSlices(alerts: IncidentAlert[], spec: SortSpec): Generator<void, IncidentAlert[]> {
  const n = alerts.length;
  let keys = fillBaseKeys(alerts, SLICE);
  while (keys.done < n) {
    yield;
    keys = fillBaseKeys(alerts, keys.done + SLICE);
  }
  const { sev, t } = keys;
  const dir = spec.descending ? -1 : 1;
  let k: Float64Array;
  switch (spec.field) {
    case 'severity':
      k = sev;
      break;
    case 'age':
      k = t;
      break;
    case 'alertname':
      k = stringRanks(alerts.map((a) => a.labels.alertname ?? ''));
      break;
    case 'state':
      k = stringRanks(alerts.map(alertStateText));
      break;
    case 'layer':
      k = stringRanks(alerts.map((a) => a.layer));
      break;
  }
  const cmp = (x: number, y: number) => (k[x]! - k[y]!) * dir || sev[x]! - sev[y]! || t[x]! - t[y]! || x - y;
  let from = Int32Array.from({ length: n }, (_, i) => i);
  let to = new Int32Array(n);
  for (let lo = 0; lo < n; lo += SLICE) {
    yield;
    from.subarray(lo, Math.min(n, lo + SLICE)).sort(cmp);
  }
  let work = 0;
  for (let width = SLICE; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      for (let o = lo; o < hi; o++) {
        to[o] = j >= hi || (i < mid && cmp(from[i]!, from[j]!) <= 0) ? from[i++]! : from[j++]!;
        if (++work % SLICE === 0) yield;
      }
    }
    [from, to] = [to, from];
  }
  return Array.from(from, (i) => alerts[i]!);
}

function remember(alerts: IncidentAlert[], id: string, out: IncidentAlert[]): IncidentAlert[] {
  let byOrder = sorted.get(alerts);
  if (!byOrder) sorted.set(alerts, (byOrder = new Map()));
  byOrder.set(id, out);
  return out;
}

const orderId = (spec: SortSpec) => `${spec.field} ${spec.descending}`;

/** True when `alerts` in `spec`'s order is at hand (sorted on demand or ahead). */
export function sortedAlready(alerts: IncidentAlert[], spec: SortSpec): boolean {
  return !!sorted.get(alerts)?.has(orderId(spec));
}

/**
 * Stable: ties keep severity-then-age order. Keys are numbers in typed arrays (string keys as ranks) and an
 * index array is sorted. The result is kept per list and order, so coming back to the view costs nothing.
 */
export function sortAlerts(alerts: IncidentAlert[], spec: SortSpec): IncidentAlert[] {
  const hit = sorted.get(alerts)?.get(orderId(spec));
  if (hit) return hit;
  const steps = sortSlices(alerts, spec);
  let r = steps.next();
  while (!r.done) r = steps.next();
  return remember(alerts, orderId(spec), r.value);
}

/**
 * Sorts `alerts` in `spec`'s order ahead of time, a slice per tick between other work, so that neither the
 * refresh nor opening the alerts view afterwards has the UI wait for a sort of 20,000 alerts. Returns a cancel
 * function.
 */
export function sortAhead(alerts: IncidentAlert[], spec: SortSpec): () => void {
  if (sortedAlready(alerts, spec)) return () => {};
  const steps = sortSlices(alerts, spec);
  let timer: NodeJS.Immediate | undefined;
  const step = () => {
    // The view may have sorted on demand meanwhile: then the rest is not needed.
    if (sortedAlready(alerts, spec)) {
      timer = undefined;
      return;
    }
    const r = steps.next();
    if (r.done) {
      timer = undefined;
      remember(alerts, orderId(spec), r.value);
    } else timer = setImmediate(step);
  };
  timer = setImmediate(step);
  return () => {
    if (timer) clearImmediate(timer);
  };
}

export function nextSortField(f: SortField, step: 1 | -1 = 1): SortField {
  const n = SORT_FIELDS.length;
  return SORT_FIELDS[(SORT_FIELDS.indexOf(f) + step + n) % n]!;
}
