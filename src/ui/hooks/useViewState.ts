// useState that survives the view being switched away and back (views unmount when hidden): the cursor, the
// filter and the sort order are where the user left them.
//   const [sort, setSort] = useViewState('alerts.sort', { field: 'severity', descending: false });
import { createContext, useCallback, useContext, useState, type SetStateAction } from 'react';

export type ViewStateStore = Map<string, unknown>;

export const ViewStateContext = createContext<ViewStateStore>(new Map());

export function useViewState<T>(key: string, initial: T | (() => T)): [T, (v: SetStateAction<T>) => void] {
  const store = useContext(ViewStateContext);
  const [value, setValue] = useState<T>(() =>
    store.has(key) ? (store.get(key) as T) : typeof initial === 'function' ? (initial as () => T)() : initial,
  );
  const set = useCallback(
    (v: SetStateAction<T>) => {
      setValue((prev) => {
        const next = typeof v === 'function' ? (v as (p: T) => T)(prev) : v;
        store.set(key, next);
        return next;
      });
    },
    [store, key],
  );
  return [value, set];
}
