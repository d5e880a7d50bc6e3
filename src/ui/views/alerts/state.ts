// The alerts view's state hook: every alert, sorted and filtered, the cursor, the selection it publishes to the
// app (for s, a, A, b), and the view's named actions. Its keys are mapped to these in ./input.ts.
import { useEffect, useMemo } from 'react';
import { useOncall } from '../../app-context.js';
import { useFilter, type FilterState } from '../../components/FilterBar.js';
import { useListState, type ListActions } from '../../hooks/useListState.js';
import { useViewState } from '../../hooks/useViewState.js';
import type { Cursor } from '../../list.js';
import type { IncidentAlert } from '../../../domain/incidents/types.js';
import { DEFAULT_SORT, nextSortField, sortAlerts, type SortSpec } from './sort.js';

export interface AlertsActions extends ListActions {
  /** The detail pane of the selected alert. */
  openDetails(): void;
  sortNext(): void;
  sortPrev(): void;
  reverse(): void;
}

export interface AlertsState {
  filter: FilterState;
  /** Every alert, undefined before the first answer. */
  all: IncidentAlert[] | undefined;
  rows: IncidentAlert[];
  sort: SortSpec;
  cursor: Cursor;
  listHeight: number;
  actions: AlertsActions;
}

export function useAlertsState(height: number): AlertsState {
  const app = useOncall();
  const filter = useFilter('alerts', true);
  const [sort, setSort] = useViewState<SortSpec>('alerts.sort', DEFAULT_SORT);
  const all = app.data?.alerts;
  const sorted = useMemo(() => sortAlerts(all ?? [], sort), [all, sort]);
  const rows = useMemo(
    () => (filter.filter.kind === 'none' ? sorted : sorted.filter(filter.filter.test)),
    [sorted, filter.filter],
  );
  const listHeight = Math.max(1, height - 2);
  const list = useListState({
    stateKey: 'alerts.cursor',
    count: rows.length,
    height: listHeight,
    rows,
    keyAt: (i) => rows[i]?.fingerprint,
    indexOf: (k) => {
      const i = rows.findIndex((a) => a.fingerprint === k);
      return i < 0 ? undefined : i;
    }, // once per refresh
  });
  const cursor = list.cursor;
  const selected = rows[cursor.index];
  const selKey = selected ? `${selected.fingerprint}@${app.data?.generatedAt}` : '';
  useEffect(() => {
    if (!selected) {
      app.setSelection(undefined);
      return;
    }
    const id = app.data?.incidentOf.get(selected.fingerprint);
    const incident = id ? app.data?.incidents.find((i) => i.id === id) : undefined;
    app.setSelection({ incident, alerts: [selected] });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- publish the selection when it or the data changes (selKey), not on every render
  }, [selKey]);
  const actions: AlertsActions = {
    ...list.actions,
    openDetails: () => {
      if (selected) app.openOverlay('detail', { fingerprint: selected.fingerprint });
    },
    sortNext: () => setSort((s) => ({ field: nextSortField(s.field, 1), descending: false })),
    sortPrev: () => setSort((s) => ({ field: nextSortField(s.field, -1), descending: false })),
    reverse: () => setSort((s) => ({ ...s, descending: !s.descending })),
  };
  return { filter, all, rows, sort, cursor, listHeight, actions };
}
