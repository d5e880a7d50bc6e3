// Step 4 of grouping: order within each incident. Input: the AlertIndex, the Components and the Edges. Output:
// CausalOrder, each component's alerts root first, then breadth first along the edges (children by rank), each
// alert's parent and the edge to it, and each incident's severity and start (what incidents are sorted by).
//
// The root is the best alert (rank: higher severity, then earlier start, then fingerprint) of a strongly connected
// component of the edges that no edge enters from outside; it is never picked just for starting first. The best
// of any other such components head subtrees of their own (co-causes).
import type { Edges } from './candidate-edges.js';
import type { Components } from './components.js';
import type { AlertIndex } from './index-alerts.js';

const textOrder = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Rank: higher severity, then earlier start, then fingerprint. Decides roots, cycle breaks and child order. */
function rankOrder(sev: Uint8Array, start: Float64Array, fp: readonly string[], a: number, b: number): number {
  return sev[b]! - sev[a]! || start[a]! - start[b]! || textOrder(fp[a]!, fp[b]!);
}

/** Sorts list[lo, hi) by rank; insertion sort, as incidents are small, Array#sort for the rare big one. */
function sortByRank(g: AlertIndex, list: Int32Array, lo: number, hi: number): void {
  const { sev, start, fp } = g;
  if (hi - lo > 32) {
    list.set(
      Array.from(list.subarray(lo, hi)).sort((a, b) => rankOrder(sev, start, fp, a, b)),
      lo,
    );
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
function sortEdgesByRank(g: AlertIndex, outTo: Int32Array, list: Int32Array, len: number): void {
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

/** Breadth first from `s` over unvisited alerts, children in rank order, written at order[tail …); returns the new tail. */
function bfs(
  g: AlertIndex,
  edges: Edges,
  c: CausalOrder,
  visited: Uint8Array,
  scratch: Int32Array,
  s: number,
  tail: number,
): number {
  const { order, parent, parentVia } = c;
  const { outStart, outTo, outVia } = edges;
  let head = tail;
  visited[s] = 1;
  order[tail++] = s;
  while (head < tail) {
    const u = order[head++]!;
    let len = 0;
    for (let p = outStart[u]!; p < outStart[u + 1]!; p++) if (!visited[outTo[p]!]) scratch[len++] = p;
    if (len > 1) sortEdgesByRank(g, outTo, scratch, len);
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
  for (let i = 0; i < edges.from.length; i++)
    if (id[edges.from[i]!] !== id[edges.to[i]!]) entered[id[edges.to[i]!]!] = 1;
}

/**
 * The root of an incident is the best alert (by rank) of a strongly connected component that no edge enters from
 * outside; the best of the other such components head subtrees of their own (co-causes).
 */
export function causalOrder(g: AlertIndex, comps: Components, edges: Edges): CausalOrder {
  const n = g.n;
  const sccId = new Int32Array(n).fill(-1);
  const sccCount = stronglyConnected(n, edges.outStart, edges.outTo, sccId);
  const entered = new Uint8Array(sccCount);
  markEntered(sccId, edges, entered);
  const K = comps.count;
  const c: CausalOrder = {
    order: new Int32Array(n),
    parent: new Int32Array(n).fill(-1),
    parentVia: new Int32Array(n),
    incSev: new Uint8Array(K),
    incStart: new Float64Array(K),
    incEarliest: new Int32Array(K),
  };
  const visited = new Uint8Array(n);
  const scratch = new Int32Array(Math.max(1, edges.from.length));
  walkComponents(g, edges, comps, sccId, entered, new Uint8Array(sccCount), visited, scratch, c);
  return c;
}

function walkComponents(
  g: AlertIndex,
  edges: Edges,
  comps: Components,
  sccId: Int32Array,
  entered: Uint8Array,
  seen: Uint8Array,
  visited: Uint8Array,
  scratch: Int32Array,
  c: CausalOrder,
): void {
  const { sev, start } = g;
  const order = c.order;
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
    sortByRank(g, members, off, end);
    // Best alert of each source SCC (no edge from outside it), in rank order: the root, then any co-causes.
    for (let j = off; j < end; j++) {
      const v = members[j]!;
      const sc = sccId[v]!;
      if (entered[sc] || seen[sc]) continue;
      seen[sc] = 1;
      if (!visited[v]) tail = bfs(g, edges, c, visited, scratch, v, tail);
    }
    // Only past the edge cap can an alert be unreached; it then heads its own subtree.
    for (let j = off; j < end; j++)
      if (!visited[members[j]!]) tail = bfs(g, edges, c, visited, scratch, members[j]!, tail);
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

/** Tarjan's algorithm without recursion (components can be long chains): id[v] = v's component; returns how many. */
function stronglyConnected(n: number, outStart: Int32Array, outTo: Int32Array, id: Int32Array): number {
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  let sp = 0;
  let csp = 0;
  let counter = 0;
  let count = 0;
  for (let s = 0; s < n; s++) {
    if (index[s] !== -1) continue;
    if (outStart[s] === outStart[s + 1]) {
      // No outgoing edge: a component of its own, the common case.
      index[s] = counter++;
      id[s] = count++;
      continue;
    }
    index[s] = low[s] = counter++;
    stack[sp++] = s;
    onStack[s] = 1;
    callNode[csp] = s;
    callEdge[csp] = outStart[s]!;
    csp++;
    while (csp > 0) {
      const v = callNode[csp - 1]!;
      const p = callEdge[csp - 1]!;
      if (p < outStart[v + 1]!) {
        callEdge[csp - 1] = p + 1;
        const w = outTo[p]!;
        if (index[w] === -1) {
          if (outStart[w] === outStart[w + 1]) {
            index[w] = counter++;
            id[w] = count++;
          } else {
            index[w] = low[w] = counter++;
            stack[sp++] = w;
            onStack[w] = 1;
            callNode[csp] = w;
            callEdge[csp] = outStart[w]!;
            csp++;
          }
        } else if (onStack[w] && index[w]! < low[v]!) low[v] = index[w]!;
        continue;
      }
      if (low[v] === index[v]) {
        let x: number;
        do {
          x = stack[--sp]!;
          onStack[x] = 0;
          id[x] = count;
        } while (x !== v);
        count++;
      }
      csp--;
      if (csp > 0) {
        const u = callNode[csp - 1]!;
        if (low[v]! < low[u]!) low[u] = low[v]!;
      }
    }
  }
  return count;
}
