// Wires a virtual list to the shared navigation keys (nav.* in src/ui/global-keys.ts) and keeps the selection on
// the same row (by key) when the rows change, e.g. after a refresh or a new filter.
import { useMemo } from 'react';
import { useKeys } from '../keys.js';
import { useViewState } from './useViewState.js';
import { clamp, move, reanchor, START, type Cursor, type Move } from '../list.js';

export interface ListNavOptions {
  /** Persists the cursor across view switches (useViewState key). */
  stateKey: string;
  count: number;
  /** Visible rows. */
  height: number;
  active: boolean;
  /** Changes whenever the rows change (their array, say). */
  rows: unknown;
  keyAt: (i: number) => string | undefined;
  indexOf: (key: string) => number | undefined;
  /** Where to land when the selected key is gone (e.g. the same incident's first row). */
  fallback?: (key: string | undefined) => number | undefined;
  onOpen?: (index: number) => void;
}

export function useListNav(o: ListNavOptions): Cursor {
  const [st, setSt] = useViewState<{ cursor: Cursor; rows: unknown }>(o.stateKey, { cursor: START, rows: o.rows });
  let cursor = st.cursor;
  if (st.rows !== o.rows) {
    const again = (c: Cursor) => reanchor(c, o.count, o.height, o.indexOf, o.keyAt, () => o.fallback?.(c.key));
    cursor = again(cursor);
    // Adjusting state while rendering: React re-renders at once, no stale frame. Functional, so a key press
    // queued in the same batch is applied first and then re-anchored, never overwritten.
    setSt((s) => (s.rows === o.rows ? s : { cursor: again(s.cursor), rows: o.rows }));
  }
  cursor = clamp(cursor, o.count, o.height);
  if (cursor.key === undefined && o.count > 0) cursor = { ...cursor, key: o.keyAt(cursor.index) };

  const go = (m: Move) => setSt((s) => ({ ...s, cursor: move(clamp(s.cursor, o.count, o.height), m, o.count, o.height, o.keyAt) }));
  useKeys({
    'nav.down': () => go('down'),
    'nav.up': () => go('up'),
    'nav.top': () => go('top'),
    'nav.bottom': () => go('bottom'),
    'nav.pageDown': () => go('pageDown'),
    'nav.pageUp': () => go('pageUp'),
    ...(o.onOpen ? { 'nav.open': () => { if (o.count > 0) o.onOpen!(cursor.index); } } : {}),
  }, { active: o.active });
  return cursor;
}

export interface KeyedListNavOptions<T> extends Omit<ListNavOptions, 'count' | 'rows' | 'keyAt' | 'indexOf' | 'active'> {
  /** The rows; undefined while loading. */
  items: readonly T[] | undefined;
  /** A row's stable key (an SLO id, "host/gpu", a silence ID). */
  keyOf: (item: T) => string;
  active?: boolean;
}

/** useListNav for a plain array of rows with a key each: the index by key is built once per array. */
export function useKeyedListNav<T>(o: KeyedListNavOptions<T>): Cursor {
  const { items, keyOf } = o;
  // keyOf is left out on purpose: callers pass a fresh arrow each render, and the key of a row never changes.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyOf is a fresh arrow each render; a row's key never changes
  const index = useMemo(() => new Map((items ?? []).map((it, i) => [keyOf(it), i])), [items]);
  return useListNav({
    ...o,
    active: o.active ?? true,
    count: items?.length ?? 0,
    rows: items,
    keyAt: (i) => (items?.[i] === undefined ? undefined : keyOf(items[i]!)),
    indexOf: (k) => index.get(k),
  });
}
