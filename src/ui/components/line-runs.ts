// How a one-line row of styled segments is cut into pieces that are cheap for Ink to draw (see Line.tsx).
// Pure: no React, no Ink.
import type { Style } from '../theme.js';

export interface Segment {
  text: string;
  style?: Style;
}

/** A piece of the line: text in one style, or `gap` columns of blank terminal. */
export type Run =
  { text: string; style?: Style; gap?: undefined } | { gap: number; text?: undefined; style?: undefined };

/** Blank runs this long or longer become empty boxes; shorter ones are cheaper as text. */
export const MIN_GAP = 3;

/**
 * Text after a blank run this long starts a run of its own. Ink turns every distinct string written in a frame
 * into styled cells once (the costliest step of a frame, per character); columns set apart by two blanks (an
 * alert's labels, then its summary) repeat from row to row, so as separate runs most of them are converted once
 * per frame instead of once per row.
 */
export const MIN_BREAK = 2;

const ASCII = /^[\x20-\x7e]*$/;
const isAscii = (c: number) => c >= 0x20 && c <= 0x7e;

/**
 * Characters outside ASCII whose width Ink measures as exactly one column (string-width, ambiguous as narrow):
 * Latin-1, dashes and punctuation such as … and ›, arrows, box drawing, block elements, geometric shapes.
 */
function isNarrow(c: number): boolean {
  return (
    (c >= 0xa1 && c <= 0xff && c !== 0xad) ||
    (c >= 0x2010 && c <= 0x2027) ||
    (c >= 0x2030 && c <= 0x205e) ||
    (c >= 0x2190 && c <= 0x21ff) ||
    (c >= 0x2500 && c <= 0x25fc)
  );
}

/** Blank cells look the same with or without these. */
function showsOnBlanks(s: Style | undefined): boolean {
  return Boolean(s && (s.inverse || s.backgroundColor || s.underline));
}

function sameStyle(a: Style | undefined, b: Style | undefined): boolean {
  if (a === b) return true;
  const ka = a ? (Object.keys(a) as (keyof Style)[]).filter((k) => a[k] !== undefined) : [];
  const kb = b ? (Object.keys(b) as (keyof Style)[]).filter((k) => b[k] !== undefined) : [];
  return ka.length === kb.length && ka.every((k) => a![k] === b?.[k]);
}

/**
 * The line as runs: ASCII text, other text (each run of non-ASCII characters on its own, so measuring the ASCII
 * runs takes string-width's fast path), and gaps for blanks of MIN_GAP or more in styles that do not show on
 * blanks. Adjacent text in the same style is joined, except where MIN_BREAK blanks end. Trailing blanks that do not show are dropped (Ink trims
 * them from every line anyway).
 *
 * Returns undefined when the line holds a character of another width, or is wider than `width`: such a line
 * must be drawn as one text so Ink truncates it at the end as before.
 */
export function lineRuns(segments: readonly Segment[], width: number): Run[] | undefined {
  let total = 0;
  for (const s of segments) {
    total += s.text.length;
    if (!ASCII.test(s.text)) {
      for (let i = 0; i < s.text.length; i++) {
        const c = s.text.charCodeAt(i);
        if ((c < 0x20 || c > 0x7e) && !isNarrow(c)) return undefined;
      }
    }
  }
  if (total > width) return undefined;

  // Blank cells that may become gaps: maximal runs of MIN_GAP or more blanks in styles that do not show on
  // blanks, across segment boundaries.
  const line = segments.map((s) => s.text).join('');
  const gap = new Uint8Array(line.length);
  let pos = 0;
  const blankOk = new Uint8Array(line.length);
  for (const s of segments) {
    if (!showsOnBlanks(s.style))
      for (let i = 0; i < s.text.length; i++) if (s.text.charCodeAt(i) === 0x20) blankOk[pos + i] = 1;
    pos += s.text.length;
  }
  // Where a run breaks: after MIN_BREAK or more such blanks kept as text (fewer than MIN_GAP).
  const brk = new Uint8Array(line.length);
  for (let i = 0; i < line.length;) {
    if (!blankOk[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < line.length && blankOk[j]) j++;
    if (j - i >= MIN_GAP) gap.fill(1, i, j);
    else if (j - i >= MIN_BREAK && j < line.length) brk[j] = 1;
    i = j;
  }

  const runs: Run[] = [];
  pos = 0;
  for (const { text, style } of segments) {
    for (let i = 0; i < text.length;) {
      let j = i + 1;
      if (gap[pos + i]) {
        while (j < text.length && gap[pos + j]) j++;
        const last = runs[runs.length - 1];
        if (last?.gap !== undefined) runs[runs.length - 1] = { gap: last.gap + j - i };
        else runs.push({ gap: j - i });
        i = j;
        continue;
      }
      const ascii = isAscii(text.charCodeAt(i));
      while (j < text.length && !gap[pos + j] && !brk[pos + j] && isAscii(text.charCodeAt(j)) === ascii) j++;
      const piece = text.slice(i, j);
      const last = runs[runs.length - 1];
      // Joined with the previous piece only when both are ASCII, so non-ASCII stays in short runs of its own.
      if (
        ascii &&
        !brk[pos + i] &&
        last &&
        last.gap === undefined &&
        sameStyle(last.style, style) &&
        ASCII.test(last.text)
      ) {
        runs[runs.length - 1] = { text: last.text + piece, style: last.style };
      } else {
        runs.push({ text: piece, style });
      }
      i = j;
    }
    pos += text.length;
  }
  if (runs[runs.length - 1]?.gap !== undefined) runs.pop();
  return runs;
}

/**
 * The runs split at column `at`: those before it (a run across it is cut in two) and those after. Undefined when
 * a text before `at` is not ASCII.
 */
export function splitRuns(runs: readonly Run[], at: number): { head: Run[]; rest: Run[] } | undefined {
  const head: Run[] = [];
  const rest: Run[] = [];
  let col = 0;
  for (const r of runs) {
    const w = r.gap ?? r.text.length;
    if (col >= at) {
      rest.push(r);
    } else if (col + w <= at) {
      if (r.gap === undefined && !ASCII.test(r.text)) return undefined;
      head.push(r);
    } else {
      const n = at - col;
      if (r.gap !== undefined) {
        head.push({ gap: n });
        rest.push({ gap: w - n });
      } else {
        if (!ASCII.test(r.text.slice(0, n))) return undefined;
        head.push({ text: r.text.slice(0, n), style: r.style });
        rest.push({ text: r.text.slice(n), style: r.style });
      }
    }
    col += w;
  }
  return { head, rest };
}
