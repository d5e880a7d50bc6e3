// Glyph sets for charts. Unicode blocks by default; an ASCII set for terminals and logs that cannot show them.

export interface Glyphs {
  /** Eight levels, lowest first, for sparklines. */
  levels: readonly string[];
  /** Partial cells for bars, in eighths: index 1..7 (index 0 unused). */
  eighths: readonly string[];
  full: string;
  empty: string;
  /** A cell with no data (gap, NaN). */
  gap: string;
  /** Marks a threshold inside a bar. */
  marker: string;
  /** Shown at a bar's end when the value is beyond the scale. */
  overflow: string;
  /** Fill of a gauge whose value is unknown. */
  unknown: string;
}

export const UNICODE: Glyphs = {
  levels: ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'],
  eighths: ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'],
  full: '█',
  empty: '░',
  gap: ' ',
  marker: '│',
  overflow: '▶',
  unknown: '?',
};

export const ASCII: Glyphs = {
  levels: ['_', '.', '-', '~', '=', '+', '*', '#'],
  // ASCII has no partial cells: a cell is either full or empty, rounded to the nearest.
  eighths: ['', '', '', '', '#', '#', '#', '#'],
  full: '#',
  empty: '.',
  gap: ' ',
  marker: '|',
  overflow: '>',
  unknown: '?',
};

export function glyphs(ascii = false): Glyphs {
  return ascii ? ASCII : UNICODE;
}
