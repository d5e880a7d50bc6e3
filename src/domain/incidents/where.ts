// Where an alert is, in words: apart from the grouping so that a command can name places without loading it.
import type { Alert, Layer } from '../types.js';

/** The most specific place an alert names (model first for quality alerts), without its cluster. */
function placeOf(l: Alert['labels'], layer: Layer | undefined): string | undefined {
  return (layer === 'quality' ? l.model || l.instance : l.instance || l.model) || l.service || l.job || l.namespace;
}

/** "prod-us/gpu-node-3": cluster plus the most specific place the alert names (model first for quality alerts). */
export function whereOf(a: Pick<Alert, 'labels'>, layer?: Layer): string {
  const l = a.labels;
  const place = placeOf(l, layer);
  return l.cluster ? (place ? `${l.cluster}/${place}` : l.cluster) : place || '';
}
