// Groups alerts into incidents along causal edges, root cause first, in five steps, one file each:
//
//   index-alerts.ts     alerts → AlertIndex (numbered nodes in typed arrays, label values as small integers)
//   candidate-edges.ts  AlertIndex → Edges (cause → effect per rule, and Alertmanager's inhibitedBy)
//   components.ts       Edges → Components (the incidents to be: connected components)
//   causal-order.ts     Components + Edges → CausalOrder (root first, then breadth first; parents)
//   emit.ts             → Incident[] (sorted, with IDs, titles and each alert's causedBy)
//
// An incident is a connected component. Its root is an alert that no edge points to from outside its own cycle,
// the best of them by severity, then earliest start, then fingerprint. Scale: no pair of alerts is compared unless
// a rule could join them, each alert's object is read once (step 1) and every later step works on typed arrays;
// 100,000 alerts group in a few hundred milliseconds.
import type { Alert } from '../types.js';
import { attachTopology } from '../topology/derive.js';
import type { TopologySnapshot } from '../topology/snapshot.js';
import { candidateEdges } from './candidate-edges.js';
import { causalOrder } from './causal-order.js';
import { components } from './components.js';
import { emitIncidents } from './emit.js';
import { indexAlerts } from './index-alerts.js';
import { PairIds } from './hash.js';
import { keepShape } from './shapes.js';
import type { GroupingOptions, Incident } from './types.js';

export { MAX_EDGES_PER_EFFECT } from './candidate-edges.js';
export { incidentId, incidentTitle } from './naming.js';
export { parseTime } from './time.js';

/**
 * With a topology snapshot, each alert first gets its derived `topology` (set on the alerts given, which are the
 * caller's fresh copies), which rules naming `node` or `workload` in `equal` read.
 */
export function groupIncidents(
  alerts: readonly Alert[],
  opts: GroupingOptions,
  topology?: TopologySnapshot,
): Incident[] {
  if (topology) attachTopology(alerts as Alert[], topology);
  const index = indexAlerts(alerts, opts);
  if (!index.n) return [];
  const edges = candidateEdges(index);
  const comps = components(index.n, edges);
  const order = causalOrder(index, comps, edges);
  return emitIncidents(index, comps, order);
}

/** A cause, its symptom (by rule and by inhibitedBy) and a bystander: every structure of a call, small. */
function keepExampleShapes(): void {
  const at = '2025-01-15T03:00:00.000Z';
  const alert = (fingerprint: string, alertname: string, inhibitedBy: string[] = []): Alert => ({
    fingerprint,
    labels: { alertname, cluster: 'c', instance: 'i', severity: 'critical' },
    annotations: {},
    startsAt: at,
    endsAt: at,
    updatedAt: at,
    generatorURL: '',
    receivers: [],
    state: 'active',
    silencedBy: [],
    inhibitedBy,
  });
  const alerts = [alert('a', 'Cause'), alert('b', 'Effect', ['a']), alert('c', 'Other')];
  const eq = (value: string) => [{ name: 'alertname', type: '=' as const, value }];
  const opts: GroupingOptions = {
    rules: [{ cause: eq('Cause'), effect: eq('Effect'), equal: ['cluster', 'instance'], origin: 'default' }],
    toleranceMs: 600_000,
    layerLabels: ['layer'],
    layerPatterns: [],
  };
  const index = keepShape('index', indexAlerts(alerts, opts));
  const edges = keepShape('edges', candidateEdges(index));
  const comps = keepShape('components', components(index.n, edges));
  const order = keepShape('order', causalOrder(index, comps, edges));
  keepShape('incidents', emitIncidents(index, comps, order));
  keepShape('pair-ids', new PairIds(4));
}
keepExampleShapes();
