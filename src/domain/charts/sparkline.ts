// Sparklines: a series squeezed into `width` cells of eight levels. Gaps and NaN stay visible as blanks
// instead of being drawn as zero, so a missing scrape never looks like a healthy value.
import { glyphs } from './glyphs.js';

export interface SparklineOptions {
  width: number;
  /** Fixed scale; defaults to the data's own range. Values outside are clamped to the lowest/highest level. */
  min?: number;
  max?: number;
  ascii?: boolean;
}

function finite(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * Reduces `values` to `width` buckets. Each bucket keeps its maximum, so a short spike survives the squeeze
 * (a sparkline that hides the one bad minute is worse than none). A bucket with no finite value is null.
 */
export function bucketize(values: readonly (number | null | undefined)[], width: number): (number | null)[] {
  const w = Math.max(0, Math.floor(width));
  if (w === 0) return [];
  if (values.length === 0) return new Array<number | null>(w).fill(null);
  if (values.length <= w) {
    // Fewer points than cells: right-align, so the newest value is always at the right edge.
    const out = new Array<number | null>(w - values.length).fill(null);
    for (const v of values) out.push(finite(v) ? v : null);
    return out;
  }
  const out: (number | null)[] = [];
  for (let i = 0; i < w; i++) {
    const from = Math.floor((i * values.length) / w);
    const to = Math.floor(((i + 1) * values.length) / w);
    let best: number | null = null;
    for (let j = from; j < to; j++) {
      const v = values[j];
      if (finite(v) && (best === null || v > best)) best = v;
    }
    out.push(best);
  }
  return out;
}

/** The level index (0..7) of each cell, or null for a gap. */
export function sparkLevels(values: readonly (number | null | undefined)[], o: SparklineOptions): (number | null)[] {
  const cells = bucketize(values, o.width);
  const present = cells.filter((v): v is number => v !== null);
  if (!present.length) return cells.map(() => null);
  const lo = finite(o.min) ? o.min : Math.min(...present);
  const hi = finite(o.max) ? o.max : Math.max(...present);
  return cells.map((v) => {
    if (v === null) return null;
    // A flat series has no range: draw it at mid height rather than dividing by zero.
    if (hi <= lo) return v > hi ? 7 : v < lo ? 0 : 3;
    const t = (v - lo) / (hi - lo);
    return Math.max(0, Math.min(7, Math.round(t * 7)));
  });
}

export function sparkline(values: readonly (number | null | undefined)[], o: SparklineOptions): string {
  const g = glyphs(o.ascii);
  return sparkLevels(values, o)
    .map((l) => (l === null ? g.gap : g.levels[l]!))
    .join('');
}
