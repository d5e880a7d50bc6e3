// V8 keeps a function's optimised code only while the object shapes (hidden classes) it was built for exist, and a
// shape exists only while some object has it. Grouping's working structures live for one call, so after a garbage
// collection their shapes were gone, and each later call ran in part unoptimised while the same functions were
// compiled again (`node --trace-deopt` shows "weak objects" and "wrong map"). So the process keeps one small
// example of each: the structures of grouping a built-in sample of three alerts, made once when the module loads
// (a few kilobytes, no caller's alert). At 20,000 alerts the settled call takes about half as long with them.
const kept = new Map<string, unknown>();

/** Keeps `value` for the life of the process, as the example of its kind; returns it. */
export function keepShape<T>(kind: string, value: T): T {
  kept.set(kind, value);
  return value;
}

/** What is kept, by kind (for tests). */
export function keptShapes(): ReadonlyMap<string, unknown> {
  return kept;
}
