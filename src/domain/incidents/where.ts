// Where an alert is, in words: apart from the grouping so that a command can name places without loading it.
import type { Alert, Layer } from '../types.js';

/**
 * Where a Kubernetes alert is: the node it names; for an alert computed from kube-state-metrics, the object it is
 * about, never the exporter's own `instance` or `pod` (its scrape target's labels, which such alerts also carry).
 * Undefined for other alerts.
 */
export function kubePlaceOf(l: Alert['labels']): string | undefined {
  if (l.node) return l.node;
  if (l.job !== 'kube-state-metrics') return undefined;
  const ns = (n: string | undefined, x: string) => (n ? `${n}/${x}` : x);
  if (l.exported_pod) return ns(l.exported_namespace, l.exported_pod);
  const workload = l.deployment || l.statefulset || l.daemonset || l.job_name;
  if (workload) return ns(l.namespace, workload);
  return l.pod ? ns(l.namespace, l.pod) : l.namespace || l.job;
}

/** The most specific place an alert names (model first for quality alerts), without its cluster. */
function placeOf(l: Alert['labels'], layer: Layer | undefined): string | undefined {
  return (
    kubePlaceOf(l) ??
    ((layer === 'quality' ? l.model || l.instance : l.instance || l.model) || l.service || l.job || l.namespace)
  );
}

/** "prod-us/gpu-node-3": cluster plus the most specific place the alert names (model first for quality alerts). */
export function whereOf(a: Pick<Alert, 'labels'>, layer?: Layer): string {
  const l = a.labels;
  const place = placeOf(l, layer);
  return l.cluster ? (place ? `${l.cluster}/${place}` : l.cluster) : place || '';
}
