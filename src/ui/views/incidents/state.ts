// The incidents view's state hook: the filtered incidents as tree rows, the cursor, the selection it publishes
// to the app (for s, a, A, b), and the view's named actions. Its keys are mapped to these in ./input.ts.
import { useEffect, useMemo } from 'react';
import { useOncall } from '../../app-context.js';
import { useFilter, type FilterState } from '../../components/FilterBar.js';
import { useListState, type ListActions } from '../../hooks/useListState.js';
import type { Cursor } from '../../list.js';
import type { Incident } from '../../../domain/incidents/types.js';
import { filterIncidents, IncidentRowIndex } from './rows.js';
import { useViewState } from '../../hooks/useViewState.js';
import { splitResolved } from '../../../domain/memory/resolved.js';

export interface IncidentsActions extends ListActions {
  /** The detail pane of the selected alert. */
  openDetails(): void;
  /** Shows or hides the recently resolved incidents. */
  toggleResolved(): void;
}

export interface IncidentsState {
  filter: FilterState;
  /** All incidents, undefined before the first answer. */
  incidents: Incident[] | undefined;
  shown: Incident[];
  rows: IncidentRowIndex;
  cursor: Cursor;
  listHeight: number;
  /** Recently resolved incidents (incident memory), shown last unless hidden. */
  resolvedCount: number;
  showResolved: boolean;
  /** Row of the first resolved incident shown, where the "recently resolved" line goes. */
  firstResolvedRow: number | undefined;
  actions: IncidentsActions;
}

export function useIncidentsState(height: number): IncidentsState {
  const app = useOncall();
  const filter = useFilter('incidents', true);
  const incidents = app.data?.incidents;
  // Recently resolved incidents come last, under a line of their own; `t` hides them.
  const [showResolved, setShowResolved] = useViewState('incidents.resolved', true);
  const split = useMemo(
    () =>
      splitResolved(filterIncidents(incidents ?? [], filter.filter.kind === 'none' ? undefined : filter.filter.test)),
    [incidents, filter.filter],
  );
  const shown = useMemo(() => (showResolved ? [...split.open, ...split.resolved] : split.open), [split, showResolved]);
  const rows = useMemo(() => new IncidentRowIndex(shown), [shown]);
  const resolvedCount = split.resolved.length;
  // One line is kept for that line, in the list where it falls, else at the bottom.
  const listHeight = Math.max(1, height - 2 - (resolvedCount ? 1 : 0));
  const firstResolvedRow = showResolved && resolvedCount ? rows.firstRowOf(split.resolved[0]!.id) : undefined;
  const list = useListState({
    stateKey: 'incidents.cursor',
    count: rows.count,
    height: listHeight,
    rows,
    keyAt: (i) => rows.rowAt(i)?.key,
    indexOf: (k) => rows.indexOfKey(k),
    // The selected alert resolved: stay on its incident.
    fallback: (k) => (k ? rows.firstRowOf(k.slice(0, k.lastIndexOf('/'))) : undefined),
  });
  const cursor = list.cursor;
  const selected = rows.rowAt(cursor.index);
  const selKey = selected ? `${selected.key}@${app.data?.generatedAt}` : '';
  useEffect(() => {
    app.setSelection(selected ? { incident: selected.incident, alerts: selected.incident.alerts } : undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- publish the selection when it or the data changes (selKey), not on every render
  }, [selKey]);
  const actions: IncidentsActions = {
    ...list.actions,
    openDetails: () => {
      if (selected) app.openOverlay('detail', { fingerprint: selected.alert.fingerprint });
    },
    toggleResolved: () => setShowResolved((v) => !v),
  };
  return { filter, incidents, shown, rows, cursor, listHeight, resolvedCount, showResolved, firstResolvedRow, actions };
}
