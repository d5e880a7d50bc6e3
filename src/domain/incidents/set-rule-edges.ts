// Step 2 for rules whose `equal` names a derived set (topology's node or workload): two alerts are equal on such
// a label when their sets intersect. Each alert gets one tuple id per combination of its values (the cross product
// over the rule's labels); causes are bucketed by every tuple they have, and an effect links to each cause found in
// any of its buckets, once.
import type { AlertIndex } from './index-alerts.js';
import { PairIds } from './hash.js';
import { prefixSums, sortRanges } from './typed-arrays.js';
import { MAX_EDGES_PER_EFFECT, type Edges } from './edges.js';

export function hasSetLabel(p: AlertIndex['plan'], s: number): boolean {
  for (const l of p.sigs[s]!) if (p.setLabel[l]) return true;
  return false;
}

/** Alert v's tuple ids are list[start[v] … start[v + 1]); `count` of them in all. An empty set: no tuple. */
interface SetTuples {
  start: Int32Array;
  list: number[];
  count: number;
}

export function setTuples(g: AlertIndex, s: number): SetTuples {
  const p = g.plan;
  const ls = p.sigs[s]!;
  const needs = new Uint8Array(g.names.length);
  for (let id = 0; id < needs.length; id++) needs[id] = p.nameSigs[id]![s]!;
  const pairs = new PairIds(1024);
  const start = new Int32Array(g.n + 1);
  const list: number[] = [];
  let cur: number[];
  for (let i = 0; i < g.n; i++) {
    start[i] = list.length;
    if (!needs[g.nameOf[i]!]) continue;
    cur = [0];
    for (let k = 0; k < ls.length && cur.length; k++) {
      const l = ls[k]!;
      const next: number[] = [];
      if (p.setLabel[l]) {
        const from = g.setFrom[l]![i]!;
        const to = from + g.setCount[l]![i]!;
        for (const t of cur) for (let j = from; j < to; j++) next.push(pairs.id(t, g.setIds[l]![j]!));
      } else for (const t of cur) next.push(pairs.id(t, g.valueIds[l]![i]!));
      cur = next;
    }
    for (const t of cur) list.push(t);
  }
  start[g.n] = list.length;
  return { start, list, count: pairs.size };
}

export function setRuleEdges(
  g: AlertIndex,
  r: number,
  tol: number,
  causes: number[],
  effects: number[],
  t: SetTuples,
  edges: Edges,
  byStart: (a: number, b: number) => number,
): void {
  // Causes bucketed by each of their tuples (a counting sort), each bucket by start time.
  const bounds = new Int32Array(t.count + 1);
  for (const c of causes) for (let j = t.start[c]!; j < t.start[c + 1]!; j++) bounds[t.list[j]! + 1]!++;
  prefixSums(bounds, t.count);
  const fill = bounds.slice(0, t.count);
  const list = new Int32Array(bounds[t.count]!);
  for (const c of causes) for (let j = t.start[c]!; j < t.start[c + 1]!; j++) list[fill[t.list[j]!]!++] = c;
  sortRanges(list, bounds, t.count, byStart);
  const seen = new Int32Array(g.n).fill(-1);
  for (const e of effects) linkSetEffect(g.start, t, bounds, list, e, tol, r, edges, seen);
}

/** Edges from the causes in any of effect e's buckets that started no later than tol after it, each cause once. */
function linkSetEffect(
  start: Float64Array,
  t: SetTuples,
  bounds: Int32Array,
  list: Int32Array,
  e: number,
  tol: number,
  r: number,
  edges: Edges,
  seen: Int32Array,
): void {
  const limit = start[e]! + tol;
  let first = -1;
  let added = 0;
  for (let q = t.start[e]!; q < t.start[e + 1]!; q++) {
    const b = t.list[q]!;
    for (let j = bounds[b]!; j < bounds[b + 1]! && start[list[j]!]! <= limit; j++) {
      const c = list[j]!;
      if (c === e || seen[c] === e) continue;
      seen[c] = e;
      if (first < 0) first = c;
      if (added < MAX_EDGES_PER_EFFECT) {
        edges.from.push(c);
        edges.to.push(e);
        edges.via.push(r);
        added++;
      } else {
        // Past the cap: no edge, but the cause still belongs to the incident.
        edges.joinA.push(first);
        edges.joinB.push(c);
      }
    }
  }
}
