// Model quality: one range query for every measure of every model, and the firing alerts of the context's
// Alertmanagers (one request each).
import type { AlertmanagerSet } from './alertmanager.js';
import type { PrometheusClient } from './prometheus.js';
import { qualityQuery } from '../domain/quality/measures.js';
import { buildQualityReport, type QualityReport, type QualitySeries } from '../domain/quality/build.js';
import type { Alert } from '../domain/types.js';

export const QUALITY_RANGE_SECONDS = 3600;

export interface FetchQualityOptions {
  width?: number;
  now?: Date;
}

/** The measures of every model over the last hour, one point per sparkline cell (one request). */
export async function fetchQualitySeries(
  prom: PrometheusClient,
  o: FetchQualityOptions = {},
): Promise<{ series: QualitySeries[]; stepSeconds: number; warnings: string[]; now: number }> {
  const now = o.now ?? new Date();
  const stepSeconds = Math.max(1, Math.ceil(QUALITY_RANGE_SECONDS / Math.max(1, o.width ?? 60)));
  const start = new Date(now.getTime() - QUALITY_RANGE_SECONDS * 1000);
  const r = await prom.queryRange(qualityQuery(), start, now, stepSeconds);
  return { series: r.data, stepSeconds, warnings: r.warnings, now: now.getTime() / 1000 };
}

export async function fetchQuality(
  prom: PrometheusClient,
  ams: AlertmanagerSet | null,
  o: FetchQualityOptions = {},
): Promise<QualityReport & { stepSeconds: number }> {
  const warnings: string[] = [];
  const [range, alerts] = await Promise.all([
    fetchQualitySeries(prom, o),
    ams && ams.members.length
      ? ams.alerts({ active: true, silenced: false, inhibited: false }).then(
          (r) => {
            for (const f of r.failures) warnings.push(f.message);
            return r.alerts;
          },
          (e: Error) => {
            warnings.push(`alerts unavailable: ${e.message}`);
            return [] as Alert[];
          },
        )
      : Promise.resolve([] as Alert[]),
  ]);
  const report = buildQualityReport(range.series, alerts, range.now);
  return { ...report, warnings: [...range.warnings, ...warnings, ...report.warnings], stepSeconds: range.stepSeconds };
}
