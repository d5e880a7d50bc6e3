// Model quality: one range query for every measure of every model, and the firing alerts of the context's
// Alertmanagers (one request each).
import type { AlertmanagerSet } from './alertmanager.js';
import type { PrometheusClient } from './prometheus.js';
import { qualityQuery } from '../domain/quality/measures.js';
import { buildQualityReport, type QualityReport } from '../domain/quality/build.js';
import type { Alert } from '../domain/types.js';

export const QUALITY_RANGE_SECONDS = 3600;

export interface FetchQualityOptions {
  width?: number;
  now?: Date;
}

export async function fetchQuality(prom: PrometheusClient, ams: AlertmanagerSet | null, o: FetchQualityOptions = {}): Promise<QualityReport & { stepSeconds: number }> {
  const now = o.now ?? new Date();
  const stepSeconds = Math.max(1, Math.ceil(QUALITY_RANGE_SECONDS / Math.max(1, o.width ?? 60)));
  const start = new Date(now.getTime() - QUALITY_RANGE_SECONDS * 1000);
  const warnings: string[] = [];
  const [range, alerts] = await Promise.all([
    prom.queryRange(qualityQuery(), start, now, stepSeconds),
    ams && ams.members.length
      ? ams.alerts({ active: true, silenced: false, inhibited: false }).then(
          (r) => { for (const f of r.failures) warnings.push(f.message); return r.alerts; },
          (e: Error) => { warnings.push(`alerts unavailable: ${e.message}`); return [] as Alert[]; },
        )
      : Promise.resolve([] as Alert[]),
  ]);
  const report = buildQualityReport(range.data, alerts, now.getTime() / 1000);
  return { ...report, warnings: [...range.warnings, ...warnings, ...report.warnings], stepSeconds };
}
