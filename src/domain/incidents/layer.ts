// An alert's layer (infrastructure / service / quality), from a label when the alert carries one, else from its
// name. Names follow the article's three layers; user patterns from the config are tried first.
import type { Alert, Layer } from '../types.js';
import type { GroupingOptions } from './types.js';

export type KnownLayer = Exclude<Layer, 'unknown'>;

/** Label values people use for layers (the article's `alert_type: "quality"` among them). */
const LABEL_VALUES: Record<string, KnownLayer> = {
  infrastructure: 'infrastructure',
  infra: 'infrastructure',
  resource: 'infrastructure',
  resources: 'infrastructure',
  platform: 'infrastructure',
  hardware: 'infrastructure',
  capacity: 'infrastructure',
  service: 'service',
  availability: 'service',
  latency: 'service',
  performance: 'service',
  slo: 'service',
  quality: 'quality',
  model: 'quality',
  model_quality: 'quality',
  ml: 'quality',
  drift: 'quality',
  data: 'quality',
};

/**
 * Built-in alert-name patterns, first match wins. Quality comes before service so that a name such as
 * FeaturePipelineTimeout counts as quality; infrastructure comes first so NetworkLatencyHigh is infrastructure.
 */
export const DEFAULT_LAYER_PATTERNS: [RegExp, KnownLayer][] = [
  [
    /GPU|Gpu|CPU|Cpu|OOM|Memory|Disk|Container|Node|Pod|Kube|Host|Network|Restart|Crash|ServiceDown|InstanceDown|TargetDown|Hardware/,
    'infrastructure',
  ],
  [/Drift|Shift|Accuracy|Correction|FeaturePipeline|Calibration|Quality|Psi|PSI|Feedback|GroundTruth/, 'quality'],
  [
    /Latency|ErrorRate|Errors|Throughput|Queue|Backlog|BatchTimeout|Timeout|Availability|BurnRate|Burn|SLO|Slo|Saturation|Unavailable/,
    'service',
  ],
];

/** The layer named by a label (first of `labels` present with a known value), or undefined. */
export function layerFromLabels(a: Pick<Alert, 'labels'>, labels: readonly string[]): KnownLayer | undefined {
  for (const name of labels) {
    const v = a.labels[name];
    if (v === undefined || v === '') continue;
    const known = layerOfLabelValue(v);
    if (known) return known;
  }
  return undefined;
}

/** The layer a layer label's value names, or undefined when it names none. */
export function layerOfLabelValue(v: string): KnownLayer | undefined {
  return LABEL_VALUES[v.toLowerCase()];
}

/** The layer implied by an alert name: user patterns first, then the built-in ones. */
export function layerFromName(alertname: string, userPatterns: GroupingOptions['layerPatterns'] = []): Layer {
  for (const [re, layer] of userPatterns) if (re.test(alertname)) return layer;
  for (const [re, layer] of DEFAULT_LAYER_PATTERNS) if (re.test(alertname)) return layer;
  return 'unknown';
}

export function layerOf(a: Pick<Alert, 'labels'>, opts: Pick<GroupingOptions, 'layerLabels' | 'layerPatterns'>): Layer {
  return layerFromLabels(a, opts.layerLabels) ?? layerFromName(a.labels.alertname ?? '', opts.layerPatterns);
}
