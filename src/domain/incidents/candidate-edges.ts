// Step 2 of grouping: candidate edges per rule. Input: the AlertIndex. Output: Edges, cause → effect pairs with
// the rule that links them (inhibit-rule semantics: cause matchers match A, effect matchers match B, every `equal`
// label equal, missing on both = equal, never A = B), then the pairs Alertmanager's status.inhibitedBy links. A
// symptom may start up to toleranceMs before its cause; earlier than that there is no edge.
//
// No pair of alerts is compared unless a rule could join them: per rule, the alerts on its cause side are bucketed
// by the tuple of their `equal` label values (a counting sort on tuple ids), each bucket sorted by start time, so an
// effect finds its candidate causes with one array lookup and the tolerance check is a binary search.
import { matchValue, type Matcher } from '../matchers.js';
import type { Alert } from '../types.js';
import type { AlertIndex } from './index-alerts.js';
import { PairIds } from './hash.js';
import { countKeys, identity, placeByKey, prefixSums, sortRanges } from './typed-arrays.js';
import { MAX_EDGES_PER_EFFECT, type Edges } from './edges.js';
import { hasSetLabel, setRuleEdges, setTuples } from './set-rule-edges.js';

export { MAX_EDGES_PER_EFFECT, type Edges } from './edges.js';

const NONE = new Int32Array(0);

const textOrder = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Positions of the alerts on one side of rule r: name accepted by `ok`, every other matcher matching. */
function sideMembers(
  g: AlertIndex,
  byName: Int32Array,
  nameStart: Int32Array,
  ok: readonly Uint8Array[],
  r: number,
  rest: readonly Matcher[],
): number[] {
  const out: number[] = [];
  for (let id = 0; id < g.names.length; id++)
    if (ok[id]![r]) addMembers(out, g.alerts, byName, nameStart[id]!, nameStart[id + 1]!, rest);
  return out;
}

function addMembers(
  out: number[],
  alerts: readonly Alert[],
  byName: Int32Array,
  from: number,
  to: number,
  rest: readonly Matcher[],
): void {
  for (let p = from; p < to; p++)
    if (!rest.length || matchesRest(rest, alerts[byName[p]!]!.labels)) out.push(byName[p]!);
}

function matchesRest(rest: readonly Matcher[], labels: Alert['labels']): boolean {
  for (let j = 0; j < rest.length; j++) if (!matchValue(rest[j]!, labels[rest[j]!.name])) return false;
  return true;
}

/** Edges of every rule, then of inhibitedBy. */
export function candidateEdges(g: AlertIndex): Edges {
  const p = g.plan;
  const edges: Edges = { from: [], to: [], via: [], joinA: [], joinB: [], outStart: NONE, outTo: NONE, outVia: NONE };
  const { start, fp } = g;
  const byStart = (a: number, b: number) => start[a]! - start[b]! || textOrder(fp[a]!, fp[b]!);
  // Per signature (distinct `equal` list), the tuple id of each alert and how many tuples there are; made when a
  // rule first needs them.
  const tupleIdsOf: Int32Array[] = [];
  const tupleCount: number[] = [];
  const nameStart = nameOffsets(g);
  const byName = alertsByName(g, nameStart);
  for (let r = 0; r < p.sigOf.length; r++) {
    const causes = sideMembers(g, byName, nameStart, p.causeOk, r, p.causeRest[r]!);
    if (!causes.length) continue;
    const effects = sideMembers(g, byName, nameStart, p.effectOk, r, p.effectRest[r]!);
    if (!effects.length) continue;
    const s = p.sigOf[r]!;
    if (hasSetLabel(p, s)) {
      setRuleEdges(g, r, p.opts.toleranceMs, causes, effects, setTuples(g, s), edges, byStart);
      continue;
    }
    const ids = (tupleIdsOf[s] ??= tupleIds(g, s, tupleCount));
    ruleEdges(g, r, p.opts.toleranceMs, causes, effects, ids, tupleCount[s]!, edges, byStart);
  }
  if (g.inhibited) inhibitedEdges(g, p.opts.toleranceMs, edges);
  byCause(g.n, edges);
  return edges;
}

function ruleEdges(
  g: AlertIndex,
  r: number,
  tol: number,
  causes: number[],
  effects: number[],
  ids: Int32Array,
  count: number,
  edges: Edges,
  byStart: (a: number, b: number) => number,
): void {
  // Causes bucketed by tuple (a counting sort), each bucket by start time.
  const bounds = new Int32Array(count + 1);
  countKeys(bounds, ids, causes);
  prefixSums(bounds, count);
  const list = new Int32Array(causes.length);
  placeByKey(list, bounds.slice(0, count), ids, causes);
  sortRanges(list, bounds, count, byStart);
  const reach = new Int32Array(count);
  linkEffects(g.start, ids, bounds, list, effects, tol, r, edges, reach);
  joinReach(list, bounds, reach, edges);
}

/**
 * Edges from the causes in each effect's bucket that started no later than toleranceMs after it (a prefix of the
 * sorted bucket), at most MAX_EDGES_PER_EFFECT; reach[t] becomes the widest such prefix of bucket t.
 */
function linkEffects(
  start: Float64Array,
  ids: Int32Array,
  bounds: Int32Array,
  list: Int32Array,
  effects: readonly number[],
  tol: number,
  r: number,
  edges: Edges,
  reach: Int32Array,
): void {
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
    if (first >= 0 && lo - bs > reach[t]!) reach[t] = lo - bs;
  }
}

/** Every cause in the widest prefix shares an effect, so they belong together even past the edge cap. */
function joinReach(list: Int32Array, bounds: Int32Array, reach: Int32Array, edges: Edges): void {
  const { joinA, joinB } = edges;
  for (let t = 0; t < reach.length; t++) {
    for (let j = bounds[t]! + 1; j < bounds[t]! + reach[t]!; j++) {
      joinA.push(list[j - 1]!);
      joinB.push(list[j]!);
    }
  }
}

function inhibitedEdges(g: AlertIndex, tol: number, edges: Edges): void {
  const { alerts, start, index, nameOf } = g;
  const alone = g.plan.nameAlone;
  for (let e = 0; e < g.n; e++) {
    const by = alerts[e]!.inhibitedBy;
    if (by.length && alone[nameOf[e]!]![0]) continue;
    for (let j = 0; j < by.length; j++) {
      const c = index.get(by[j]!);
      if (c < 0 || c === e || start[c]! > start[e]! + tol || alone[nameOf[c]!]![0]) continue;
      edges.from.push(c);
      edges.to.push(e);
      edges.via.push(-1);
    }
  }
}

/**
 * Tuple ids of signature s (equal ⇔ every label of it equal, missing = ""), set for the alerts whose name needs
 * them; how many there are goes to count[s]. Value ids combine arithmetically while the product of the label's value counts
 * stays small (one cluster label times a few thousand hosts), else through a hash table of pairs.
 */
function tupleIds(g: AlertIndex, s: number, count: number[]): Int32Array {
  const p = g.plan;
  const ls = p.sigs[s]!;
  if (ls.length === 0) {
    count[s] = 1;
    return new Int32Array(g.n);
  }
  if (ls.length === 1) {
    count[s] = g.values[ls[0]!]!.size;
    return g.valueIds[ls[0]!]!;
  }
  const needs = new Uint8Array(g.names.length);
  for (let id = 0; id < needs.length; id++) needs[id] = p.nameSigs[id]![s]!;
  const sizes = Int32Array.from(ls, (l) => g.values[l]!.size);
  const product = sizes.reduce((a, b) => a * b, 1);
  const ids = new Int32Array(g.n);
  if (product <= Math.max(g.n, 1024)) {
    combineDense(ids, needs, g.nameOf, g.n, ls, sizes, g.valueIds);
    count[s] = product;
    return ids;
  }
  const pairs = new PairIds(1024);
  combinePairs(ids, pairs, needs, g.nameOf, g.n, ls, g.valueIds);
  count[s] = pairs.size;
  return ids;
}

function combineDense(
  ids: Int32Array,
  needs: Uint8Array,
  nameOf: Int32Array,
  n: number,
  ls: Int32Array,
  sizes: Int32Array,
  valueIds: Int32Array[],
): void {
  const first = valueIds[ls[0]!]!;
  for (let i = 0; i < n; i++) {
    if (!needs[nameOf[i]!]) continue;
    let t = first[i]!;
    for (let k = 1; k < ls.length; k++) t = t * sizes[k]! + valueIds[ls[k]!]![i]!;
    ids[i] = t;
  }
}

function combinePairs(
  ids: Int32Array,
  pairs: PairIds,
  needs: Uint8Array,
  nameOf: Int32Array,
  n: number,
  ls: Int32Array,
  valueIds: Int32Array[],
): void {
  const first = valueIds[ls[0]!]!;
  for (let i = 0; i < n; i++) {
    if (!needs[nameOf[i]!]) continue;
    let t = first[i]!;
    for (let k = 1; k < ls.length; k++) t = pairs.id(t, valueIds[ls[k]!]![i]!);
    ids[i] = t;
  }
}

/** Where each name's alerts begin in alertsByName: start[id] … start[id + 1]. */
function nameOffsets(g: AlertIndex): Int32Array {
  const start = new Int32Array(g.names.length + 1);
  countKeys(start, g.nameOf, identity(g.n));
  prefixSums(start, g.names.length);
  return start;
}

/** Alert numbers by name number, ascending within a name (a counting sort). */
function alertsByName(g: AlertIndex, start: Int32Array): Int32Array {
  const byName = new Int32Array(g.n);
  placeByKey(byName, start.slice(0, g.names.length), g.nameOf, identity(g.n));
  return byName;
}

function scatterEdges(
  fill: Int32Array,
  from: readonly number[],
  to: readonly number[],
  via: readonly number[],
  outTo: Int32Array,
  outVia: Int32Array,
): void {
  for (let i = 0; i < from.length; i++) {
    const p = fill[from[i]!]!++;
    outTo[p] = to[i]!;
    outVia[p] = via[i]!;
  }
}

function countFrom(outStart: Int32Array, from: readonly number[]): void {
  for (let i = 0; i < from.length; i++) outStart[from[i]! + 1]!++;
}

/** The edges by cause (compressed rows), in the order they were found. */
function byCause(n: number, edges: Edges): void {
  const { from, to, via } = edges;
  const outStart = new Int32Array(n + 1);
  countFrom(outStart, from);
  prefixSums(outStart, n);
  const outTo = new Int32Array(from.length);
  const outVia = new Int32Array(from.length);
  scatterEdges(outStart.slice(0, n), from, to, via, outTo, outVia);
  edges.outStart = outStart;
  edges.outTo = outTo;
  edges.outVia = outVia;
}

// Rules whose `equal` names a topology label (node, workload): an alert has a set of values there, and two alerts
// are equal on it when their sets intersect. Each alert then has one tuple per combination of its set values (most
// have one node and one workload), a cause sits in the bucket of each of its tuples, and an effect gathers the
// causes of all its buckets, each once.
