// The model-quality measures of the seed article, per model, with its thresholds:
// PSI (Population Stability Index) > 0.2, mean embedding cosine similarity to baseline < 0.85,
// accuracy more than 5% below baseline, user corrections > 5% of predictions (over 1h, as its alert).
import { batch } from '../slo/promql.js';
import { matchesAll, parseMatchers } from '../matchers.js';
import type { Alert } from '../types.js';

export const MEASURE_TAG = 'oncall_quality';
export const MODEL_LABEL = 'model';

export type MeasureId = 'psi' | 'similarity' | 'accuracy' | 'corrections';

export interface Measure {
  id: MeasureId;
  title: string;
  expr: string;
  threshold: number;
  /** Which side of the threshold is bad. */
  badWhen: 'above' | 'below';
  unit: 'ratio' | 'score';
  /** The window inside the expression, shown next to the figure. */
  window?: string;
}

export const MEASURES: readonly Measure[] = [
  {
    id: 'psi',
    title: 'PSI (prediction drift)',
    expr: `max by (${MODEL_LABEL}) (psi_score)`,
    threshold: 0.2,
    badWhen: 'above',
    unit: 'score',
  },
  {
    id: 'similarity',
    title: 'embedding similarity to baseline',
    expr: `avg by (${MODEL_LABEL}) (embedding_similarity_to_baseline)`,
    threshold: 0.85,
    badWhen: 'below',
    unit: 'score',
  },
  {
    id: 'accuracy',
    title: 'accuracy vs baseline',
    expr: `avg by (${MODEL_LABEL}) (current_accuracy) / avg by (${MODEL_LABEL}) (baseline_accuracy) - 1`,
    threshold: -0.05,
    badWhen: 'below',
    unit: 'ratio',
  },
  {
    id: 'corrections',
    title: 'user-correction rate',
    expr: `sum by (${MODEL_LABEL}) (rate(user_corrections_total[1h])) / sum by (${MODEL_LABEL}) (rate(predictions_total[1h]))`,
    threshold: 0.05,
    badWhen: 'above',
    unit: 'ratio',
    window: '1h',
  },
];

export function qualityQuery(): string {
  return batch(MEASURES.map((m) => ({ expr: m.expr, tags: { [MEASURE_TAG]: m.id } })));
}

export function breaches(m: Pick<Measure, 'threshold' | 'badWhen'>, v: number | null): boolean | null {
  if (v === null) return null;
  return m.badWhen === 'above' ? v > m.threshold : v < m.threshold;
}

const QUALITY_NAMES = parseMatchers(
  'alertname=~".*(Drift|Quality|Accuracy|Correction|DistributionShift|Calibration).*"',
);

/** Quality-layer alerts: labelled so (alert_type or layer = quality) or named like the article's. */
export function isQualityAlert(a: Alert): boolean {
  return a.labels.alert_type === 'quality' || a.labels.layer === 'quality' || matchesAll(QUALITY_NAMES, a.labels);
}
