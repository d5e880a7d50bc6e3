// Causal edges between alerts: from rules (inhibit-rule semantics) and from Alertmanager's status.inhibitedBy.
//
// No pair of alerts is compared unless a rule could join them: the alerts on a rule's cause side are bucketed by
// the tuple of their `equal` label values (a counting sort on tuple ids), each bucket sorted by start time, so an
// effect finds its candidate causes with one array lookup and the tolerance check is a binary search.
import { matchValue, type Matcher } from '../matchers.js';
import type { Alert } from '../types.js';
import { countKeys, placeByKey, prefixSums, sortRanges, union } from './graph.js';
import { byNameIndex, tupleIds, type Nodes, type Plan } from './nodes.js';

/**
 * Explicit edges kept per effect and rule. Connectivity stays exact beyond it (the causes of one effect are
 * joined anyway); only the tree under the root may then show a cause as a second root. Real storms stay far
 * below: it takes 64 alerts of one cause name with identical `equal` labels.
 */
export const MAX_EDGES_PER_EFFECT = 64;

export interface Edges {
  from: number[];
  to: number[];
  /** Rule index, or -1 for inhibitedBy. */
  via: number[];
}

const textOrder = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Positions of the alerts on one side of rule r: name accepted by `ok`, every other matcher matching. */
function sideMembers(g: Nodes, names: { start: Int32Array; byName: Int32Array }, ok: readonly Uint8Array[], r: number, rest: readonly Matcher[]): number[] {
  const out: number[] = [];
  for (let id = 0; id < g.names.length; id++) if (ok[id]![r]) addMembers(out, g.alerts, names.byName, names.start[id]!, names.start[id + 1]!, rest);
  return out;
}

function addMembers(out: number[], alerts: readonly Alert[], byName: Int32Array, from: number, to: number, rest: readonly Matcher[]): void {
  for (let p = from; p < to; p++) if (!rest.length || matchesRest(rest, alerts[byName[p]!]!.labels)) out.push(byName[p]!);
}

function matchesRest(rest: readonly Matcher[], labels: Alert['labels']): boolean {
  for (let j = 0; j < rest.length; j++) if (!matchValue(rest[j]!, labels[rest[j]!.name])) return false;
  return true;
}

/** Edges of every rule and of inhibitedBy, with the unions they imply in `uf`. */
export function causalEdges(g: Nodes, p: Plan, uf: Int32Array): Edges {
  const edges: Edges = { from: [], to: [], via: [] };
  const { start, fp } = g;
  const byStart = (a: number, b: number) => start[a]! - start[b]! || textOrder(fp[a]!, fp[b]!);
  const tuples: ({ ids: Int32Array; count: number } | undefined)[] = [];
  const names = byNameIndex(g);
  for (let r = 0; r < p.sigOf.length; r++) {
    const causes = sideMembers(g, names, p.causeOk, r, p.causeRest[r]!);
    if (!causes.length) continue;
    const effects = sideMembers(g, names, p.effectOk, r, p.effectRest[r]!);
    if (!effects.length) continue;
    const s = p.sigOf[r]!;
    const t = (tuples[s] ??= tupleIds(g, p, s));
    ruleEdges(g, r, p.opts.toleranceMs, causes, effects, t.ids, t.count, uf, edges, byStart);
  }
  if (g.inhibited) inhibitedEdges(g, p.opts.toleranceMs, uf, edges);
  return edges;
}

function ruleEdges(g: Nodes, r: number, tol: number, causes: number[], effects: number[], ids: Int32Array, count: number, uf: Int32Array, edges: Edges, byStart: (a: number, b: number) => number): void {
  // Causes bucketed by tuple (a counting sort), each bucket by start time.
  const bounds = new Int32Array(count + 1);
  countKeys(bounds, ids, causes);
  prefixSums(bounds, count);
  const list = new Int32Array(causes.length);
  placeByKey(list, bounds.slice(0, count), ids, causes);
  sortRanges(list, bounds, count, byStart);
  const reach = new Int32Array(count);
  linkEffects(g.start, ids, bounds, list, effects, tol, r, uf, edges, reach);
  joinReach(list, bounds, reach, uf);
}

/**
 * Edges from the causes in each effect's bucket that started no later than toleranceMs after it (a prefix of the
 * sorted bucket), at most MAX_EDGES_PER_EFFECT; reach[t] becomes the widest such prefix of bucket t.
 */
function linkEffects(start: Float64Array, ids: Int32Array, bounds: Int32Array, list: Int32Array, effects: readonly number[], tol: number, r: number, uf: Int32Array, edges: Edges, reach: Int32Array): void {
  const { from, to, via } = edges;
  for (let k = 0; k < effects.length; k++) {
    const e = effects[k]!;
    const t = ids[e]!;
    const bs = bounds[t]!;
    const limit = start[e]! + tol;
    let lo = bs;
    let hi = bounds[t + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (start[list[mid]!]! <= limit) lo = mid + 1;
      else hi = mid;
    }
    let first = -1;
    let added = 0;
    for (let j = bs; j < lo; j++) {
      const c = list[j]!;
      if (c === e) continue; // an alert never causes itself
      if (first < 0) first = c;
      if (added === MAX_EDGES_PER_EFFECT) break;
      from.push(c);
      to.push(e);
      via.push(r);
      added++;
    }
    if (first < 0) continue;
    union(uf, e, first);
    if (lo - bs > reach[t]!) reach[t] = lo - bs;
  }
}

/** Every cause in the widest prefix shares an effect, so they belong together even past the edge cap. */
function joinReach(list: Int32Array, bounds: Int32Array, reach: Int32Array, uf: Int32Array): void {
  for (let t = 0; t < reach.length; t++) for (let j = bounds[t]! + 1; j < bounds[t]! + reach[t]!; j++) union(uf, list[j - 1]!, list[j]!);
}

function inhibitedEdges(g: Nodes, tol: number, uf: Int32Array, edges: Edges): void {
  const { alerts, start, index } = g;
  for (let e = 0; e < g.n; e++) {
    const by = alerts[e]!.inhibitedBy;
    for (let j = 0; j < by.length; j++) {
      const c = index.get(by[j]!);
      if (c < 0 || c === e || start[c]! > start[e]! + tol) continue;
      edges.from.push(c);
      edges.to.push(e);
      edges.via.push(-1);
      union(uf, c, e);
    }
  }
}
