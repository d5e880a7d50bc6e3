// Co-started episodes of two alert names on series that agree on a set of labels, and how that compares with
// chance. Indexed by the labels' values and sorted by start, so a pair costs n log n, never all pairs.
import type { Labels } from '../types.js';

/** An episode's start and its series' labels. */
export interface Indexed {
  start: number;
  labels: Labels;
}

export interface PairStats {
  /** Effect episodes that started within the window around a cause episode. */
  support: number;
  confidence: number;
  reverseConfidence: number;
  lift: number;
  /** Effect start minus cause start, for each cause episode with an effect (the nearest one). */
  leads: number[];
}

const NOT_EQUAL = new Set(['alertname', 'alertstate', '__name__', 'severity']);

/** Label sets to try as `equal`, widest first: every label both sides always carry, then cluster with one of them, then cluster alone. */
export function candidateEqualSets(
  A: readonly Indexed[],
  B: readonly Indexed[],
  cluster: string,
  only?: readonly string[],
): string[][] {
  let common: Set<string> | undefined;
  const seen = new Set<Labels>();
  for (const e of [...A, ...B]) {
    if (seen.has(e.labels)) continue;
    seen.add(e.labels);
    const names = Object.keys(e.labels).filter((k) => !NOT_EQUAL.has(k) && e.labels[k] !== '');
    common = common ? new Set(names.filter((n) => common!.has(n))) : new Set(names);
  }
  // A label with one value on every series of both alerts (layer, team) belongs to the rules, not to what they
  // are about: it says nothing about which alerts go together.
  const varies = (xs: readonly Indexed[], l: string) => {
    const v = xs[0]?.labels[l];
    return xs.some((x) => x.labels[l] !== v);
  };
  let labels = [...(common ?? [])].filter((l) => l === cluster || varies(A, l) || varies(B, l));
  if (only?.length) labels = labels.filter((l) => l === cluster || only.includes(l));
  const base = labels.includes(cluster) ? [cluster] : [];
  const rest = labels.filter((l) => l !== cluster).sort();
  const out: string[][] = [[...base, ...rest]];
  if (rest.length > 1) for (const l of rest) out.push([...base, l]);
  if (rest.length) out.push(base);
  return out;
}

function keyOf(labels: Labels, equal: readonly string[]): string {
  return equal.map((l) => labels[l] ?? '').join('\u0001');
}

function index(xs: readonly Indexed[], equal: readonly string[]): Map<string, number[]> {
  const m = new Map<string, number[]>();
  for (const x of xs) {
    const k = keyOf(x.labels, equal);
    const l = m.get(k);
    if (l) l.push(x.start);
    else m.set(k, [x.start]);
  }
  for (const l of m.values()) l.sort((a, b) => a - b);
  return m;
}

/** Index of the first element ≥ x. */
function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0,
    hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The start in [from, to] nearest to `at`, or undefined. */
function nearestIn(xs: readonly number[] | undefined, from: number, to: number, at: number): number | undefined {
  if (!xs) return undefined;
  let best: number | undefined;
  for (let i = lowerBound(xs, from); i < xs.length && xs[i]! <= to; i++) {
    if (best === undefined || Math.abs(xs[i]! - at) < Math.abs(best - at)) best = xs[i]!;
  }
  return best;
}

export interface Window {
  /** The effect may start this many seconds before the cause… */
  before: number;
  /** …or this many after. */
  after: number;
  windowSeconds: number;
  /** Count only co-starts with no episode of `other` (agreeing on `equal`) starting near the cause. */
  without?: { other: readonly Indexed[]; equal: readonly string[] };
}

export function pairStats(
  cause: readonly Indexed[],
  effect: readonly Indexed[],
  equal: readonly string[],
  w: Window,
): PairStats {
  const byKeyEffect = index(effect, equal);
  const byKeyCause = index(cause, equal);
  const other = w.without ? index(w.without.other, w.without.equal) : undefined;
  const leads: number[] = [];
  let matchedCause = 0;
  for (const c of cause) {
    const e = nearestIn(byKeyEffect.get(keyOf(c.labels, equal)), c.start - w.before, c.start + w.after, c.start);
    if (e === undefined) continue;
    if (
      other &&
      nearestIn(other.get(keyOf(c.labels, w.without!.equal)), c.start - w.before, c.start + w.after, c.start) !==
        undefined
    )
      continue;
    matchedCause++;
    leads.push(e - c.start);
  }
  let matchedEffect = 0;
  for (const e of effect) {
    const k = keyOf(e.labels, equal);
    const c = nearestIn(byKeyCause.get(k), e.start - w.after, e.start + w.before, e.start);
    if (c === undefined) continue;
    if (other && nearestIn(other.get(keyOf(e.labels, w.without!.equal)), c - w.before, c + w.after, c) !== undefined)
      continue;
    matchedEffect++;
  }
  // What independent alerts would give: each cause episode meets an effect of its key by chance with probability
  // about (effects of that key) × (window width) / (history length).
  let expected = 0;
  for (const [k, starts] of byKeyCause) {
    const n = byKeyEffect.get(k)?.length ?? 0;
    expected += starts.length * Math.min(1, (n * (w.before + w.after)) / w.windowSeconds);
  }
  const lift = expected > 0 ? matchedCause / expected : matchedCause > 0 ? Infinity : 0;
  return {
    support: matchedEffect,
    confidence: cause.length ? matchedCause / cause.length : 0,
    reverseConfidence: effect.length ? matchedEffect / effect.length : 0,
    lift,
    leads,
  };
}
