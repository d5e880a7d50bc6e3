// The GPU view's state hook: every GPU's memory (one range query per refresh), the cursor, and the view's named
// actions; Enter opens the incidents view filtered to the selected GPU's host. Its keys are mapped to these in
// ./input.ts. What that jump sets, the row keys and the status line are pure, tested alone.
import { useContext } from 'react';
import { useOncall } from '../../app-context.js';
import { usePoll } from '../../hooks/usePoll.js';
import { useKeyedListState, type ListActions } from '../../hooks/useListState.js';
import { ViewStateContext } from '../../hooks/useViewState.js';
import type { Cursor } from '../../list.js';
import { fetchGpus } from '../../../backends/gpu.js';
import { gpuHostName, type GpuResult } from '../../../domain/gpu/analyse.js';
import { gpuSparkWidth } from './GpuPanel.js';

/** The view-state entries the incidents view reads on mount (its `/` filter), and the view to show. */
export function incidentsOnHost(g: Pick<GpuResult, 'host' | 'cluster'>): {
  view: 'incidents';
  state: [string, unknown][];
} {
  // Free text rather than a matcher: alerts name the host under different labels (instance, Hostname, node). With
  // the cluster as a second word, the same host name in another cluster stays out.
  return {
    view: 'incidents',
    state: [
      ['incidents.filter', g.cluster ? `${g.cluster} ${g.host}` : g.host],
      ['incidents.filtering', false],
    ],
  };
}

/** What keeps a row selected across refreshes: cluster, host and GPU (the same host name can exist in two clusters). */
export function gpuRowKey(g: Pick<GpuResult, 'host' | 'cluster' | 'gpu'>): string {
  return `${gpuHostName(g)}/${g.gpu}`;
}

/** Rows that fit under the header. */
export function visibleGpus(height: number): number {
  return Math.max(1, height - 2);
}

/** The line above the list: Prometheus's error (and whether older data is on screen), else its first warning, else where GPU memory comes from. */
export function gpuStatus(
  error: string | undefined,
  data: { warnings: readonly string[]; source?: string | null } | undefined,
): string | undefined {
  if (error) return `Prometheus: ${error}${data ? ' (showing the last good data)' : ''}`;
  return data?.warnings[0] ?? (data?.source ? `GPU memory from ${data.source}` : undefined);
}

export interface GpuActions extends ListActions {
  /** The incidents view, filtered to the selected GPU's host. */
  openIncidents(): void;
}

export interface GpuState {
  /** Every GPU, undefined before the first answer. */
  gpus: readonly GpuResult[] | undefined;
  /** Prometheus's error of the last poll. */
  error: string | undefined;
  status: string | undefined;
  cursor: Cursor;
  /** Rows on screen. */
  visible: number;
  thresholds: { warn: number; critical: number };
  actions: GpuActions;
}

export function useGpuState(width: number, height: number): GpuState {
  const app = useOncall();
  const store = useContext(ViewStateContext);
  const gpu = app.services.context.settings.gpu;
  const spark = gpuSparkWidth(width);
  const poll = usePoll(() => fetchGpus(app.services.prometheus(), gpu, { width: spark }), { deps: [gpu, spark] });
  const gpus = poll.data?.gpus;
  const visible = visibleGpus(height - 1);
  const list = useKeyedListState({ stateKey: 'gpu.cursor', items: gpus, keyOf: gpuRowKey, height: visible });
  const cursor = list.cursor;
  const actions: GpuActions = {
    ...list.actions,
    openIncidents: () => {
      const g = gpus?.[cursor.index];
      if (!g) return;
      const jump = incidentsOnHost(g);
      for (const [k, v] of jump.state) store.set(k, v);
      app.setView(jump.view);
    },
  };
  return {
    gpus,
    error: poll.error,
    status: gpuStatus(poll.error, poll.data),
    cursor,
    visible,
    thresholds: { warn: gpu.warn_ratio, critical: gpu.critical_ratio },
    actions,
  };
}
