// Typed-array helpers the grouping steps share: the identity permutation, counting sorts, range sorts.
//
// Top-level functions with one hot loop each, on purpose: V8 compiles a loop that runs long while its function is
// still interpreted ("on-stack replacement") together with the code after it, which has not run yet; that code
// then falls back to the interpreter on every later call too. With one loop per function there is nothing after
// the loop to fall back from, and nothing is specialised to (and thrown away with) one call's closures. The steps
// follow the same rule.

/** 0, 1, …, n − 1: every node its own set. */
export function identity(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
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
export function placeByKey(
  out: Int32Array,
  fill: Int32Array,
  key: Int32Array,
  items: readonly number[] | Int32Array,
): void {
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
export function sortRanges(
  list: Int32Array,
  bounds: Int32Array,
  ranges: number,
  cmp: (a: number, b: number) => number,
): void {
  for (let t = 0; t < ranges; t++)
    if (bounds[t + 1]! - bounds[t]! > 1) sortRange(list, bounds[t]!, bounds[t + 1]!, cmp);
}

/** Drops repeats from a sorted array in place; returns how many distinct values lead it. */
export function dedupeSorted(a: Float64Array): number {
  let R = 0;
  for (let j = 0; j < a.length; j++) if (R === 0 || a[j] !== a[R - 1]) a[R++] = a[j]!;
  return R;
}

/** Position of `t` among the first R values of `sorted` (distinct, ascending): its rank when it is one of them. */
export function rankOf(sorted: Float64Array, R: number, t: number): number {
  let lo = 0;
  let hi = R - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
