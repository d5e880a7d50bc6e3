// Orders for grouping: each incident's alerts in causal order (root first, then breadth first along the edges,
// children in rank order), and the incidents themselves (most severe first, then the most recently started).
import type { Adjacency, Components } from './graph.js';
import { identity, placeByKey, prefixSums, stronglyConnected } from './graph.js';
import type { Edges } from './edges.js';
import type { Nodes } from './nodes.js';
import { keepShape } from './shapes.js';

const textOrder = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Rank: higher severity, then earlier start, then fingerprint. Decides roots, cycle breaks and child order. */
function rankOrder(sev: Uint8Array, start: Float64Array, fp: readonly string[], a: number, b: number): number {
  return sev[b]! - sev[a]! || start[a]! - start[b]! || textOrder(fp[a]!, fp[b]!);
}

/** Sorts list[lo, hi) by rank; insertion sort, as incidents are small, Array#sort for the rare big one. */
function sortByRank(g: Nodes, list: Int32Array, lo: number, hi: number): void {
  const { sev, start, fp } = g;
  if (hi - lo > 32) {
    list.set(Array.from(list.subarray(lo, hi)).sort((a, b) => rankOrder(sev, start, fp, a, b)), lo);
    return;
  }
  for (let i = lo + 1; i < hi; i++) {
    const x = list[i]!;
    let j = i - 1;
    while (j >= lo && rankOrder(sev, start, fp, list[j]!, x) > 0) {
      list[j + 1] = list[j]!;
      j--;
    }
    list[j + 1] = x;
  }
}

/** Sorts edge positions list[0, len) by the rank of their targets, then position. */
function sortEdgesByRank(g: Nodes, outTo: Int32Array, list: Int32Array, len: number): void {
  const { sev, start, fp } = g;
  const cmp = (x: number, y: number) => rankOrder(sev, start, fp, outTo[x]!, outTo[y]!) || x - y;
  if (len > 32) {
    list.set(Array.from(list.subarray(0, len)).sort(cmp), 0);
    return;
  }
  for (let i = 1; i < len; i++) {
    const x = list[i]!;
    let j = i - 1;
    while (j >= 0 && (rankOrder(sev, start, fp, outTo[list[j]!]!, outTo[x]!) || list[j]! - x) > 0) {
      list[j + 1] = list[j]!;
      j--;
    }
    list[j + 1] = x;
  }
}

/** Each incident's alerts in causal order, root first, and what the incidents are sorted by. */
export interface CausalOrder {
  /** Alerts of component k at order[start[k] … start[k + 1]) (the components' ranges), root first. */
  order: Int32Array;
  parent: Int32Array;
  /** Rule index of the edge from the parent, or -1 for inhibitedBy. */
  parentVia: Int32Array;
  incSev: Uint8Array;
  incStart: Float64Array;
  /** The alert whose startsAt is the incident's. */
  incEarliest: Int32Array;
}

interface Walk {
  g: Nodes;
  order: Int32Array;
  visited: Uint8Array;
  parent: Int32Array;
  parentVia: Int32Array;
  adj: Adjacency;
  scratch: Int32Array;
}

/** Breadth first from `s` over unvisited alerts, children in rank order, written at order[tail …); returns the new tail. */
function bfs(w: Walk, s: number, tail: number): number {
  const { order, visited, parent, parentVia, scratch } = w;
  const { outStart, outTo, outVia } = w.adj;
  let head = tail;
  visited[s] = 1;
  order[tail++] = s;
  while (head < tail) {
    const u = order[head++]!;
    let len = 0;
    for (let p = outStart[u]!; p < outStart[u + 1]!; p++) if (!visited[outTo[p]!]) scratch[len++] = p;
    if (len > 1) sortEdgesByRank(w.g, outTo, scratch, len);
    for (let j = 0; j < len; j++) {
      const p = scratch[j]!;
      const v = outTo[p]!;
      if (visited[v]) continue;
      visited[v] = 1;
      parent[v] = u;
      parentVia[v] = outVia[p]!;
      order[tail++] = v;
    }
  }
  return tail;
}

/** entered[c] = 1 for each strongly connected component c that an edge enters from outside. */
function markEntered(id: Int32Array, edges: Edges, entered: Uint8Array): void {
  for (let i = 0; i < edges.from.length; i++) if (id[edges.from[i]!] !== id[edges.to[i]!]) entered[id[edges.to[i]!]!] = 1;
}

/**
 * The root of an incident is the best alert (by rank) of a strongly connected component that no edge enters from
 * outside; the best of the other such components head subtrees of their own (co-causes).
 */
export function causalOrder(g: Nodes, comps: Components, adj: Adjacency, edges: Edges): CausalOrder {
  const n = g.n;
  const scc = stronglyConnected(n, adj.outStart, adj.outTo);
  const entered = new Uint8Array(scc.count);
  markEntered(scc.id, edges, entered);
  const w = keepShape<Walk>('walk', {
    g,
    order: new Int32Array(n),
    visited: new Uint8Array(n),
    parent: new Int32Array(n).fill(-1),
    parentVia: new Int32Array(n),
    adj,
    scratch: new Int32Array(Math.max(1, edges.from.length)),
  });
  const K = comps.count;
  const c: CausalOrder = { order: w.order, parent: w.parent, parentVia: w.parentVia, incSev: new Uint8Array(K), incStart: new Float64Array(K), incEarliest: new Int32Array(K) };
  walkComponents(w, comps, scc.id, entered, new Uint8Array(scc.count), c);
  return c;
}

function walkComponents(w: Walk, comps: Components, sccId: Int32Array, entered: Uint8Array, seen: Uint8Array, c: CausalOrder): void {
  const { sev, start } = w.g;
  const { order, visited } = w;
  const members = comps.members; // sorted in place by rank, component by component
  let tail = 0;
  for (let k = 0; k < comps.count; k++) {
    const off = comps.start[k]!;
    const end = comps.start[k + 1]!;
    if (end - off === 1) {
      const v = members[off]!;
      order[tail++] = v;
      c.incSev[k] = sev[v]!;
      c.incStart[k] = start[v]!;
      c.incEarliest[k] = v;
      continue;
    }
    sortByRank(w.g, members, off, end);
    // Best alert of each source SCC (no edge from outside it), in rank order: the root, then any co-causes.
    for (let j = off; j < end; j++) {
      const v = members[j]!;
      const sc = sccId[v]!;
      if (entered[sc] || seen[sc]) continue;
      seen[sc] = 1;
      if (!visited[v]) tail = bfs(w, v, tail);
    }
    // Only past the edge cap can an alert be unreached; it then heads its own subtree.
    for (let j = off; j < end; j++) if (!visited[members[j]!]) tail = bfs(w, members[j]!, tail);
    let maxSev = 0;
    let earliest = order[off]!;
    for (let j = off; j < end; j++) {
      const v = order[j]!;
      if (sev[v]! > maxSev) maxSev = sev[v]!;
      if (start[v]! < start[earliest]!) earliest = v;
    }
    c.incSev[k] = maxSev;
    c.incStart[k] = start[earliest]!;
    c.incEarliest[k] = earliest;
  }
}

/**
 * Incident numbers by severity (descending), then start (latest first), then the root's ID and fingerprint. A
 * counting sort on (severity, rank of the start time); only incidents that share both are compared.
 */
export function incidentOrder(g: Nodes, comps: Components, c: CausalOrder): Int32Array {
  const K = comps.count;
  const times = c.incStart.slice().sort();
  const R = dedupeSorted(times);
  const bucket = new Int32Array(K);
  const count = new Int32Array(4 * R + 1);
  bucketIncidents(c.incSev, c.incStart, times, R, bucket, count);
  prefixSums(count, 4 * R);
  const out = new Int32Array(K);
  placeByKey(out, count, bucket, identity(K));
  const roots = new Int32Array(K);
  rootsOf(comps.start, c.order, roots);
  sortRuns(out, bucket, roots, g.fpHash, g.fpHash2, g.fp);
  return out;
}

function rootsOf(start: Int32Array, order: Int32Array, roots: Int32Array): void {
  for (let k = 0; k < roots.length; k++) roots[k] = order[start[k]!]!;
}

/** Drops repeats from a sorted array in place; returns how many distinct values lead it. */
function dedupeSorted(a: Float64Array): number {
  let R = 0;
  for (let j = 0; j < a.length; j++) if (R === 0 || a[j] !== a[R - 1]) a[R++] = a[j]!;
  return R;
}

/** Bucket of each incident: severity 3 (critical) first, then the latest start first; counts per bucket. */
function bucketIncidents(sev: Uint8Array, start: Float64Array, times: Float64Array, R: number, bucket: Int32Array, count: Int32Array): void {
  for (let k = 0; k < bucket.length; k++) {
    const t = start[k]!;
    let lo = 0;
    let hi = R - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    const b = (3 - Math.min(3, sev[k]!)) * R + (R - 1 - lo);
    bucket[k] = b;
    count[b + 1]!++;
  }
}

/**
 * By the root's ID, then fingerprint. An ID is "inc-" + 8 hex digits of fnv1a + 4 of the second hash, so comparing
 * IDs as text is comparing those numbers.
 */
function tieOrder(roots: Int32Array, h1: Uint32Array, h2: Uint32Array, fp: readonly string[], a: number, b: number): number {
  const ra = roots[a]!;
  const rb = roots[b]!;
  return h1[ra]! - h1[rb]! || (h2[ra]! >>> 16) - (h2[rb]! >>> 16) || textOrder(fp[ra]!, fp[rb]!);
}

/** Sorts each run of equal buckets in `out` by the tie-breakers. */
function sortRuns(out: Int32Array, bucket: Int32Array, roots: Int32Array, h1: Uint32Array, h2: Uint32Array, fp: readonly string[]): void {
  for (let i = 0; i < out.length; ) {
    let j = i + 1;
    while (j < out.length && bucket[out[j]!] === bucket[out[i]!]) j++;
    if (j - i > 32) out.set(Array.from(out.subarray(i, j)).sort((a, b) => tieOrder(roots, h1, h2, fp, a, b)), i);
    else {
      for (let x = i + 1; x < j; x++) {
        const v = out[x]!;
        let y = x - 1;
        while (y >= i && tieOrder(roots, h1, h2, fp, out[y]!, v) > 0) {
          out[y + 1] = out[y]!;
          y--;
        }
        out[y + 1] = v;
      }
    }
    i = j;
  }
}
