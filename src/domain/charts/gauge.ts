// A horizontal gauge for a share in [0, 1] (e.g. error budget remaining), in eighth-cell resolution.
import { glyphs } from './glyphs.js';

export interface GaugeSegments {
  /** The filled part. */
  filled: string;
  /** The rest, up to `width` cells. */
  empty: string;
  /** The value was below 0 or above 1 and is drawn clamped. */
  clamped: 'below' | 'above' | null;
  /** The value was null or NaN: the whole gauge is drawn as unknown in `empty`. */
  unknown: boolean;
}

export function gaugeSegments(value: number | null | undefined, width: number, ascii = false): GaugeSegments {
  const g = glyphs(ascii);
  const w = Math.max(0, Math.floor(width));
  if (value === null || value === undefined || Number.isNaN(value)) {
    return { filled: '', empty: g.unknown.repeat(w), clamped: null, unknown: true };
  }
  const clamped = value < 0 ? 'below' : value > 1 ? 'above' : null;
  const v = Math.max(0, Math.min(1, value));
  const eighths = Math.round(v * w * 8);
  let full = Math.floor(eighths / 8);
  const part = eighths % 8;
  let partial = part ? g.eighths[part]! : '';
  if (ascii && part) {
    // ASCII cells round to whole cells.
    partial = '';
    if (part >= 4) full += 1;
  }
  const filled = g.full.repeat(full) + partial;
  const used = full + (partial ? 1 : 0);
  return { filled, empty: g.empty.repeat(Math.max(0, w - used)), clamped, unknown: false };
}

export function gauge(value: number | null | undefined, width: number, ascii = false): string {
  const s = gaugeSegments(value, width, ascii);
  return s.filled + s.empty;
}
