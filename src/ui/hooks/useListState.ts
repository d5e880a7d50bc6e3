// A virtual list's cursor, kept on the same row (by key) when the rows change (a refresh, a new filter), as a
// state hook with named actions (useListState) and the mapping of the list keys to them (LIST_INPUT, the nav.*
// bindings of src/ui/views/extensions.ts, which each view's input mapping includes). useKeyedListState takes a
// plain array of rows with a key each.
import { useMemo } from 'react';
import { useViewState } from './useViewState.js';
import { clamp, move, reanchor, START, type Cursor, type Move } from '../list.js';

export interface ListNavOptions {
  /** Persists the cursor across view switches (useViewState key). */
  stateKey: string;
  count: number;
  /** Visible rows. */
  height: number;
  /** Changes whenever the rows change (their array, say). */
  rows: unknown;
  keyAt: (i: number) => string | undefined;
  indexOf: (key: string) => number | undefined;
  /** Where to land when the selected key is gone (e.g. the same incident's first row). */
  fallback?: (key: string | undefined) => number | undefined;
}

export interface ListActions {
  down(): void;
  up(): void;
  top(): void;
  bottom(): void;
  pageDown(): void;
  pageUp(): void;
}

/** Which list action each list key binding runs. */
export const LIST_INPUT = {
  'nav.down': 'down',
  'nav.up': 'up',
  'nav.top': 'top',
  'nav.bottom': 'bottom',
  'nav.pageDown': 'pageDown',
  'nav.pageUp': 'pageUp',
} as const satisfies Record<string, keyof ListActions>;

/** The cursor of a list and the actions that move it. */
export function useListState(o: ListNavOptions): { cursor: Cursor; actions: ListActions } {
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

  const go = (m: Move) =>
    setSt((s) => ({ ...s, cursor: move(clamp(s.cursor, o.count, o.height), m, o.count, o.height, o.keyAt) }));
  const actions: ListActions = {
    down: () => go('down'),
    up: () => go('up'),
    top: () => go('top'),
    bottom: () => go('bottom'),
    pageDown: () => go('pageDown'),
    pageUp: () => go('pageUp'),
  };
  return { cursor, actions };
}

export interface KeyedListNavOptions<T> extends Omit<ListNavOptions, 'count' | 'rows' | 'keyAt' | 'indexOf'> {
  /** The rows; undefined while loading. */
  items: readonly T[] | undefined;
  /** A row's stable key (an SLO id, "host/gpu", a silence ID). */
  keyOf: (item: T) => string;
}

/** The list options of a plain array of rows with a key each: the index by key is built once per array. */
function useKeyedRows<T>(items: readonly T[] | undefined, keyOf: (item: T) => string) {
  // keyOf is left out on purpose: callers pass a fresh arrow each render, and the key of a row never changes.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyOf is a fresh arrow each render; a row's key never changes
  const index = useMemo(() => new Map((items ?? []).map((it, i) => [keyOf(it), i])), [items]);
  return {
    count: items?.length ?? 0,
    rows: items,
    keyAt: (i: number) => (items?.[i] === undefined ? undefined : keyOf(items[i]!)),
    indexOf: (k: string) => index.get(k),
  };
}

/** useListState for a plain array of rows with a key each. */
export function useKeyedListState<T>(o: KeyedListNavOptions<T>): {
  cursor: Cursor;
  actions: ListActions;
} {
  return useListState({ ...o, ...useKeyedRows(o.items, o.keyOf) });
}
