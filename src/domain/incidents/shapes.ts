// V8 keeps a function's optimised code only while the object shapes (hidden classes) it was built for exist, and a
// shape exists only while some object has it. Grouping's working structures (the index, the node arrays, the walk
// state...) live for one call, so after a garbage collection their shapes were gone, and each later call ran in
// part unoptimised while the same functions were compiled again (`node --trace-deopt` shows "weak objects" and
// "wrong map" in every call). Keeping the latest structure of each kind between calls keeps the shapes, and with
// them the compiled code: at 100,000 alerts the median call went from about 380 to about 300 ms on the benchmark
// machine. What is kept holds no alerts (see groupIncidents): about 14 MB of arrays and fingerprints at 100,000
// alerts, 3 MB at 20,000.
const kept = new Map<string, unknown>();

/** Keeps `value` as the latest of its kind until the next one replaces it; returns it. */
export function keepShape<T>(kind: string, value: T): T {
  kept.set(kind, value);
  return value;
}

/** What is kept, by kind (for tests). */
export function keptShapes(): ReadonlyMap<string, unknown> {
  return kept;
}
