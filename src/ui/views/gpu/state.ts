// What Enter on a GPU row does: open the incidents view filtered to the GPU's host. Pure, tested alone.
import { gpuHostName, type GpuResult } from '../../../domain/gpu/analyse.js';

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
