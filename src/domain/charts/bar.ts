// A bar for a value against a threshold (a burn rate against its alert multiple). The scale runs to twice
// the threshold so the threshold marker sits in the middle; a value beyond the scale ends in an overflow mark.
import { glyphs } from './glyphs.js';

export interface BarSegments {
  /** Filled cells below the threshold. */
  below: string;
  /** Filled cells at or above the threshold. */
  above: string;
  /** Unfilled cells, with the threshold marker if the fill does not reach it. */
  rest: string;
  /** Value beyond the right edge. */
  overflow: boolean;
  unknown: boolean;
}

export interface BarOptions {
  width: number;
  threshold: number;
  /** Right edge of the scale; default 2 × threshold. */
  max?: number;
  ascii?: boolean;
}

export function barSegments(value: number | null | undefined, o: BarOptions): BarSegments {
  const g = glyphs(o.ascii);
  const w = Math.max(0, Math.floor(o.width));
  if (value === null || value === undefined || Number.isNaN(value) || !(o.threshold > 0)) {
    return { below: '', above: '', rest: g.unknown.repeat(w), overflow: false, unknown: true };
  }
  const max = o.max && o.max > 0 ? o.max : o.threshold * 2;
  const overflow = value > max;
  const v = Math.max(0, Math.min(value, max));
  let cells = Math.round((v / max) * w);
  if (v > 0 && cells === 0 && w > 0) cells = 1; // anything above zero is visible
  const mark = Math.min(w - 1, Math.round((o.threshold / max) * w));
  // Rounding must never put a value on the wrong side of its threshold.
  if (value > o.threshold) cells = Math.min(w, Math.max(cells, mark + 1));
  else cells = Math.min(cells, Math.max(mark, v > 0 ? 1 : 0));
  const belowCells = Math.min(cells, mark);
  const aboveCells = cells - belowCells;
  const body = g.full;
  let above = body.repeat(aboveCells);
  if (overflow && aboveCells > 0) above = above.slice(0, -1) + g.overflow;
  let rest = '';
  for (let i = cells; i < w; i++) rest += i === mark ? g.marker : ' ';
  return { below: body.repeat(belowCells), above, rest, overflow, unknown: false };
}

export function bar(value: number | null | undefined, o: BarOptions): string {
  const s = barSegments(value, o);
  return s.below + s.above + s.rest;
}
