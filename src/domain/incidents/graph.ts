// Graph pieces of the grouping, on typed arrays: union-find, compressed adjacency, strongly connected components,
// counting sorts. Top-level functions with one hot loop each, on purpose: V8 compiles a loop that runs long while
// its function is still interpreted ("on-stack replacement") together with the code after it, which has not run
// yet; that code then falls back to the interpreter on every later call too. With one loop per function there is
// nothing after the loop to fall back from, and nothing is specialised to (and thrown away with) one call's closures.

/** 0, 1, …, n − 1: every node its own set. */
export function identity(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

/** Representative of x's set, halving the path on the way. */
export function find(uf: Int32Array, x: number): number {
  while (uf[x] !== x) {
    uf[x] = uf[uf[x]!]!;
    x = uf[x]!;
  }
  return x;
}

export function union(uf: Int32Array, a: number, b: number): void {
  const ra = find(uf, a);
  const rb = find(uf, b);
  if (ra !== rb) uf[ra] = rb;
}

/** Counts to offsets: a[i + 1] += a[i] for i < len. */
export function prefixSums(a: Int32Array, len: number): void {
  for (let i = 0; i < len; i++) a[i + 1]! += a[i]!;
}

/** counts[key[i] + 1]++ for each i of `items` (or of 0 … items − 1): the first step of a counting sort. */
export function countKeys(counts: Int32Array, key: Int32Array, items: readonly number[] | Int32Array): void {
  for (let j = 0; j < items.length; j++) counts[key[items[j]!]! + 1]!++;
}

/** Places each of `items` at fill[key[item]]++: the last step of a counting sort (fill: the offsets, consumed). */
export function placeByKey(out: Int32Array, fill: Int32Array, key: Int32Array, items: readonly number[] | Int32Array): void {
  for (let j = 0; j < items.length; j++) {
    const x = items[j]!;
    out[fill[key[x]!]!++] = x;
  }
}

/** Sorts list[lo, hi) by `cmp`: insertion sort for the small ranges grouping mostly sees, Array#sort beyond. */
export function sortRange(list: Int32Array, lo: number, hi: number, cmp: (a: number, b: number) => number): void {
  if (hi - lo > 16) {
    list.set(Array.from(list.subarray(lo, hi)).sort(cmp), lo);
    return;
  }
  for (let i = lo + 1; i < hi; i++) {
    const x = list[i]!;
    let j = i - 1;
    while (j >= lo && cmp(list[j]!, x) > 0) {
      list[j + 1] = list[j]!;
      j--;
    }
    list[j + 1] = x;
  }
}

/** Sorts each range list[bounds[t] … bounds[t + 1]) of more than one element by `cmp`. */
export function sortRanges(list: Int32Array, bounds: Int32Array, ranges: number, cmp: (a: number, b: number) => number): void {
  for (let t = 0; t < ranges; t++) if (bounds[t + 1]! - bounds[t]! > 1) sortRange(list, bounds[t]!, bounds[t + 1]!, cmp);
}

/** Adjacency in compressed form: the edges from node v are outTo/outVia[outStart[v] … outStart[v + 1]), in insertion order. */
export interface Adjacency {
  outStart: Int32Array;
  outTo: Int32Array;
  outVia: Int32Array;
}

function scatterEdges(fill: Int32Array, from: readonly number[], to: readonly number[], via: readonly number[], outTo: Int32Array, outVia: Int32Array): void {
  for (let i = 0; i < from.length; i++) {
    const p = fill[from[i]!]!++;
    outTo[p] = to[i]!;
    outVia[p] = via[i]!;
  }
}

function countFrom(outStart: Int32Array, from: readonly number[]): void {
  for (let i = 0; i < from.length; i++) outStart[from[i]! + 1]!++;
}

export function adjacency(n: number, from: readonly number[], to: readonly number[], via: readonly number[]): Adjacency {
  const outStart = new Int32Array(n + 1);
  countFrom(outStart, from);
  prefixSums(outStart, n);
  const outTo = new Int32Array(from.length);
  const outVia = new Int32Array(from.length);
  scatterEdges(outStart.slice(0, n), from, to, via, outTo, outVia);
  return { outStart, outTo, outVia };
}

/** Tarjan's algorithm without recursion (components can be long chains). */
export function stronglyConnected(n: number, outStart: Int32Array, outTo: Int32Array): { id: Int32Array; count: number } {
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const id = new Int32Array(n).fill(-1);
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
  return { id, count };
}

/**
 * Components of the union-find as contiguous ranges: members[start[k] … start[k + 1]) is component k, ascending;
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

export function components(uf: Int32Array): Components {
  const n = uf.length;
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
