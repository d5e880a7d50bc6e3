// Step 3 of grouping: components. Input: the number of alerts and the candidate edges (with the pairs joined past
// the edge cap). Output: Components, the connected components (the incidents to be) as contiguous ranges of alert
// numbers. Union-find with path halving, then a counting sort by representative.
import type { Edges } from './candidate-edges.js';
import { identity } from './typed-arrays.js';

/** Representative of x's set, halving the path on the way. */
function find(uf: Int32Array, x: number): number {
  while (uf[x] !== x) {
    uf[x] = uf[uf[x]!]!;
    x = uf[x]!;
  }
  return x;
}

function union(uf: Int32Array, a: number, b: number): void {
  const ra = find(uf, a);
  const rb = find(uf, b);
  if (ra !== rb) uf[ra] = rb;
}

function joinPairs(uf: Int32Array, a: readonly number[], b: readonly number[]): void {
  for (let i = 0; i < a.length; i++) union(uf, a[i]!, b[i]!);
}

/**
 * The components as contiguous ranges: members[start[k] … start[k + 1]) is component k, ascending;
 * components numbered in order of their representative; `of` gives each node's component.
 */
export interface Components {
  count: number;
  start: Int32Array;
  members: Int32Array;
  of: Int32Array;
}

function representatives(uf: Int32Array, of: Int32Array, size: Int32Array): void {
  for (let i = 0; i < uf.length; i++) {
    const r = find(uf, i);
    of[i] = r;
    size[r]!++;
  }
}

/** Numbers the non-empty sets in order; start[k + 1] − start[k] is set k's size. Returns how many there are. */
function numberSets(size: Int32Array, numberOf: Int32Array, start: Int32Array): number {
  let count = 0;
  for (let c = 0; c < size.length; c++) {
    if (!size[c]) continue;
    numberOf[c] = count;
    start[count + 1] = start[count]! + size[c]!;
    count++;
  }
  return count;
}

function placeMembers(of: Int32Array, numberOf: Int32Array, fill: Int32Array, members: Int32Array): void {
  for (let i = 0; i < of.length; i++) {
    const k = numberOf[of[i]!]!;
    of[i] = k;
    members[fill[k]!++] = i;
  }
}

export function components(n: number, edges: Edges): Components {
  const uf = identity(n);
  joinPairs(uf, edges.from, edges.to);
  joinPairs(uf, edges.joinA, edges.joinB);
  const of = new Int32Array(n);
  const size = new Int32Array(n);
  representatives(uf, of, size);
  const numberOf = new Int32Array(n);
  const start = new Int32Array(n + 1);
  const count = numberSets(size, numberOf, start);
  const members = new Int32Array(n);
  placeMembers(of, numberOf, start.slice(0, count), members);
  return { count, start, members, of };
}
