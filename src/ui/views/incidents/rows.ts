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

const trees = new WeakMap<Incident, IncidentRow[]>();

function cachedTree(inc: Incident): IncidentRow[] {
  let t = trees.get(inc);
  if (!t) {
    t = treeRows(inc);
    trees.set(inc, t);
  }
  return t;
}

/**
 * The rows of many incidents without building them: a prefix sum of row counts finds the incident behind any
 * row, and only the incidents on screen are turned into tree rows. With 20,000 alerts a refresh costs the UI
 * thread one pass over the incidents instead of 20,000 row objects and maps.
 */
export class IncidentRowIndex {
  readonly count: number;
  private readonly offsets: Int32Array;
  private ids: Map<string, number> | undefined;

  constructor(readonly incidents: readonly Incident[]) {
    this.offsets = new Int32Array(incidents.length + 1);
    for (let k = 0; k < incidents.length; k++) this.offsets[k + 1] = this.offsets[k]! + incidents[k]!.alerts.length;
    this.count = this.offsets[incidents.length]!;
  }

  /** Index of the incident that row `i` belongs to. */
  incidentAt(i: number): number {
    let lo = 0;
    let hi = this.incidents.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.offsets[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  rowAt(i: number): IncidentRow | undefined {
    if (i < 0 || i >= this.count) return undefined;
    const k = this.incidentAt(i);
    return cachedTree(this.incidents[k]!)[i - this.offsets[k]!];
  }

  /** Rows [from, from + n). */
  slice(from: number, n: number): IncidentRow[] {
    const out: IncidentRow[] = [];
    for (let i = Math.max(0, from); i < Math.min(this.count, from + n); i++) out.push(this.rowAt(i)!);
    return out;
  }

  private incidentIndex(id: string): number | undefined {
    if (!this.ids) {
      this.ids = new Map();
      this.incidents.forEach((inc, k) => this.ids!.set(inc.id, k));
    }
    return this.ids.get(id);
  }

  /** First row of the incident `id`. */
  firstRowOf(id: string): number | undefined {
    const k = this.incidentIndex(id);
    return k === undefined ? undefined : this.offsets[k];
  }

  /** Row of a key made by rowKey(). */
  indexOfKey(key: string): number | undefined {
    const cut = key.lastIndexOf('/');
    const k = this.incidentIndex(key.slice(0, cut));
    if (k === undefined) return undefined;
    const fp = key.slice(cut + 1);
    const pos = cachedTree(this.incidents[k]!).findIndex((r) => r.alert.fingerprint === fp);
    return pos < 0 ? undefined : this.offsets[k]! + pos;
  }
}

/** Incidents with at least one alert passing `test` (shown whole, for context). */
export function filterIncidents(incidents: Incident[], test?: (a: Alert) => boolean): Incident[] {
  return test ? incidents.filter((inc) => inc.alerts.some(test)) : incidents;
}
