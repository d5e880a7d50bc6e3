// Renders nothing: after each refresh, sorts the alerts in the alerts view's current order in slices, so the key
// that opens the view does not wait for a sort of every alert (see sortAhead).
import { useContext, useEffect } from 'react';
import { useOncall } from '../../app-context.js';
import { ViewStateContext } from '../../hooks/useViewState.js';
import { DEFAULT_SORT, sortAhead, type SortSpec } from './sort.js';

export function AlertsSortAhead(): null {
  const alerts = useOncall().data?.alerts;
  const store = useContext(ViewStateContext);
  // The order the view last used (it keeps it in the view state store), read when the data arrives.
  useEffect(
    () => (alerts ? sortAhead(alerts, (store.get('alerts.sort') as SortSpec | undefined) ?? DEFAULT_SORT) : undefined),
    [alerts, store],
  );
  return null;
}
