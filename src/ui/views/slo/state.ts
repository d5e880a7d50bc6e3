// The SLO view's state hook: the SLO figures (polled: a fixed number of requests, whatever the number of SLOs),
// the cursor, which SLO's detail is open and that detail (its error ratio over the period, loaded on open; its
// alerts from the app's shared alert data), and the view's named actions. Its keys are mapped to these in
// ./input.ts. The reducer of the open detail and the status line are pure, tested alone.
import { useEffect, useMemo, useReducer } from 'react';
import { useOncall } from '../../app-context.js';
import { usePoll } from '../../hooks/usePoll.js';
import { useKeyedListState, type ListActions } from '../../hooks/useListState.js';
import type { Cursor } from '../../list.js';
import { configuredSlos, fetchSloErrorSeries, fetchSlos } from '../../../backends/slo.js';
import { alertsForSlo } from '../../../domain/slo/order.js';
import type { SloResult } from '../../../domain/slo/types.js';
import { asciiCharts } from '../charts.js';
import { detailLines, type SloDetail } from './SloPanel.js';
import { visibleSlos } from './layout.js';

export { burnBarWidth, visibleSlos } from './layout.js';

export interface SloViewState {
  /** Id of the SLO whose detail (error ratio over the period, alerts) is open. */
  expanded: string | null;
}

export type SloViewAction =
  | { type: 'toggle'; id: string }
  | { type: 'close' }
  /** After a refresh: close the detail of an SLO that is gone. */
  | { type: 'refreshed'; ids: readonly string[] };

export const INITIAL_SLO_VIEW: SloViewState = { expanded: null };

export function sloViewReducer(s: SloViewState, a: SloViewAction): SloViewState {
  switch (a.type) {
    case 'toggle':
      return { expanded: s.expanded === a.id ? null : a.id };
    case 'close':
      return s.expanded === null ? s : { expanded: null };
    case 'refreshed':
      return s.expanded !== null && !a.ids.includes(s.expanded) ? { expanded: null } : s;
  }
}

/** The line above the list: Prometheus's error (and whether older data is on screen), else its first warning. */
export function sloStatus(
  error: string | undefined,
  data: { warnings: readonly string[] } | undefined,
): string | undefined {
  return error ? `Prometheus: ${error}${data ? ' (showing the last good data)' : ''}` : data?.warnings[0];
}

export interface SloActions extends ListActions {
  /** Opens the selected SLO's detail, or closes it when it is open. */
  toggleDetail(): void;
  /** Closes the open detail. */
  closeDetail(): void;
}

export interface SloState {
  /** The SLOs worst first, undefined before the first answer. */
  slos: readonly SloResult[] | undefined;
  /** Prometheus's error of the last poll. */
  error: string | undefined;
  status: string | undefined;
  cursor: Cursor;
  /** SLOs on screen. */
  visible: number;
  ascii: boolean;
  expanded: string | null;
  detail: SloDetail | null;
  actions: SloActions;
}

export function useSloState(width: number, height: number): SloState {
  const app = useOncall();
  const ascii = asciiCharts();
  const { context } = app.services;
  const defs = useMemo(() => configuredSlos(context.settings, context.name), [context]);
  const poll = usePoll(() => fetchSlos(app.services.prometheus(), defs), { deps: [defs] });
  const slos = poll.data?.slos;
  const [st, dispatch] = useReducer(sloViewReducer, INITIAL_SLO_VIEW);
  useEffect(() => {
    if (slos) dispatch({ type: 'refreshed', ids: slos.map((s) => s.id) });
  }, [slos]);
  const open = slos?.find((s) => s.id === st.expanded) ?? null;
  const series = usePoll(
    () =>
      open ? fetchSloErrorSeries(app.services.prometheus(), open, Math.max(10, width - 56)) : Promise.resolve(null),
    { enabled: open !== null, deps: [open?.id, width] },
  );
  const detail: SloDetail | null = open
    ? {
        series: series.data?.series ?? null,
        stepSeconds: series.data?.stepSeconds ?? null,
        alerts: alertsForSlo(
          open,
          (app.data?.alerts ?? []).filter((a) => a.state === 'active'),
        ),
        error: series.error,
      }
    : null;
  const dLines = open ? detailLines(open, detail, width, ascii).length : 0;
  const visible = visibleSlos(height - 1, dLines);
  const list = useKeyedListState({ stateKey: 'slo.cursor', items: slos, keyOf: (s) => s.id, height: visible });
  const cursor = list.cursor;
  const actions: SloActions = {
    ...list.actions,
    toggleDetail: () => {
      const s = slos?.[cursor.index];
      if (s) dispatch({ type: 'toggle', id: s.id });
    },
    closeDetail: () => dispatch({ type: 'close' }),
  };
  return {
    slos,
    error: poll.error,
    status: sloStatus(poll.error, poll.data),
    cursor,
    visible,
    ascii,
    expanded: st.expanded,
    detail,
    actions,
  };
}
