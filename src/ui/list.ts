// Cursor and scroll position of a virtual list: only `height` rows are ever rendered. Pure, so the paging and
// the anchoring of the selection across refreshes are tested without a terminal.

export interface Cursor {
  index: number;
  /** First visible row. */
  offset: number;
  /** Identity of the selected row, kept across refreshes (incident id / fingerprint). */
  key?: string;
}

export type Move = 'down' | 'up' | 'top' | 'bottom' | 'pageDown' | 'pageUp';

export const START: Cursor = { index: 0, offset: 0 };

/** Keeps the cursor inside [0, count) and visible inside a window of `height` rows. */
export function clamp(c: Cursor, count: number, height: number): Cursor {
  const h = Math.max(1, height);
  const index = count === 0 ? 0 : Math.min(Math.max(0, c.index), count - 1);
  let offset = Math.min(Math.max(0, c.offset), Math.max(0, count - h));
  if (index < offset) offset = index;
  if (index >= offset + h) offset = index - h + 1;
  return index === c.index && offset === c.offset ? c : { ...c, index, offset };
}

export function move(
  c: Cursor,
  m: Move,
  count: number,
  height: number,
  keyAt: (i: number) => string | undefined,
): Cursor {
  const h = Math.max(1, height);
  let index = c.index;
  let offset = c.offset;
  switch (m) {
    case 'down':
      index++;
      break;
    case 'up':
      index--;
      break;
    case 'top':
      index = 0;
      break;
    case 'bottom':
      index = count - 1;
      break;
    case 'pageDown':
      index += h;
      offset += h;
      break;
    case 'pageUp':
      index -= h;
      offset -= h;
      break;
  }
  const next = clamp({ index, offset }, count, h);
  return { ...next, key: keyAt(next.index) };
}

/**
 * After the rows changed (a refresh, a filter): find the selected row again by its key, else by a fallback key
 * (e.g. its incident), else stay at the same position. The selected row stays at the same screen line if it can.
 * With no rows (a view polling its own data has none again after it was switched away and back, a filter that
 * matches nothing) the cursor is kept whole, to find its row when rows come.
 */
export function reanchor(
  c: Cursor,
  count: number,
  height: number,
  indexOf: (key: string) => number | undefined,
  keyAt: (i: number) => string | undefined,
  fallbackIndex?: () => number | undefined,
): Cursor {
  if (count === 0) return c;
  let index = c.key !== undefined ? indexOf(c.key) : undefined;
  if (index === undefined) index = fallbackIndex?.() ?? c.index;
  const screenLine = c.index - c.offset;
  const next = clamp({ index, offset: index - screenLine }, count, height);
  return { ...next, key: keyAt(next.index) };
}

/** "n of M" position text, e.g. "12 of 20000". */
export function positionText(c: Cursor, count: number): string {
  return count === 0 ? '0 of 0' : `${c.index + 1} of ${count}`;
}
