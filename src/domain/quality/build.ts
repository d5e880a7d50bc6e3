// Per-model quality panels from the one range query and the Alertmanager's firing alerts.
import type { Alert } from '../types.js';
import { breaches, isQualityAlert, MEASURE_TAG, MEASURES, MODEL_LABEL, type MeasureId } from './measures.js';

export interface QualitySeries {
  metric: Record<string, string>;
  values: [number, number][];
}

export interface MeasureFigures {
  title: string;
  value: number | null;
  threshold: number;
  badWhen: 'above' | 'below';
  window: string | null;
  breached: boolean | null;
  series: [number, number][];
}

export interface ModelQuality {
  model: string;
  measures: Record<MeasureId, MeasureFigures>;
  alerts: Alert[];
  /** Any breached measure or firing alert. */
  degraded: boolean;
  warnings: string[];
}

export interface QualityReport {
  models: ModelQuality[];
  otherAlerts: Alert[];
  warnings: string[];
}

export function buildQualityReport(
  series: readonly QualitySeries[],
  alerts: readonly Alert[],
  now: number,
): QualityReport {
  const byModel = new Map<string, Map<MeasureId, [number, number][]>>();
  for (const s of series) {
    const id = s.metric[MEASURE_TAG] as MeasureId | undefined;
    if (!id || !MEASURES.some((m) => m.id === id)) continue;
    const model = s.metric[MODEL_LABEL] ?? '';
    let ms = byModel.get(model);
    if (!ms) byModel.set(model, (ms = new Map()));
    ms.set(
      id,
      s.values.filter(([, v]) => Number.isFinite(v)),
    );
  }
  const quality = alerts.filter((a) => a.state === 'active' && isQualityAlert(a));
  for (const a of quality)
    if (a.labels[MODEL_LABEL] && !byModel.has(a.labels[MODEL_LABEL]!)) byModel.set(a.labels[MODEL_LABEL]!, new Map());
  const models: ModelQuality[] = [];
  for (const [model, ms] of byModel) {
    const warnings: string[] = [];
    const measures = {} as Record<MeasureId, MeasureFigures>;
    for (const m of MEASURES) {
      const pts = ms.get(m.id) ?? [];
      const last = pts[pts.length - 1];
      const value = last && now - last[0] <= 300 ? last[1] : null;
      if (!pts.length) warnings.push(`${m.title}: no data`);
      else if (value === null) warnings.push(`${m.title}: no recent sample`);
      measures[m.id] = {
        title: m.title,
        value,
        threshold: m.threshold,
        badWhen: m.badWhen,
        window: m.window ?? null,
        breached: breaches(m, value),
        series: pts,
      };
    }
    const mine = quality.filter((a) => (a.labels[MODEL_LABEL] ?? '') === model && model !== '');
    const degraded = mine.length > 0 || Object.values(measures).some((f) => f.breached === true);
    models.push({ model, measures, alerts: mine, degraded, warnings });
  }
  models.sort(
    (a, b) =>
      Number(b.degraded) - Number(a.degraded) || b.alerts.length - a.alerts.length || a.model.localeCompare(b.model),
  );
  const otherAlerts = quality.filter((a) => !a.labels[MODEL_LABEL]);
  const warnings = models.length
    ? []
    : [
        'no model-quality metrics found (psi_score, embedding_similarity_to_baseline, current_accuracy/baseline_accuracy, user_corrections_total/predictions_total)',
      ];
  return { models, otherAlerts, warnings };
}
