// GPU memory from Prometheus: one range query over the last hour for every GPU and every known source.
import type { ContextConfig } from './config/schema.js';
import type { PrometheusClient } from './prometheus.js';
import { parseDuration } from '../domain/duration.js';
import { gpuQuery } from '../domain/gpu/sources.js';
import { buildGpuReport, gpuStepSeconds, type GpuReport } from '../domain/gpu/build.js';

export const GPU_RANGE_SECONDS = 3600;
/** The slope is fitted on the last half hour: recent enough to follow a leak, long enough to smooth noise. */
export const GPU_FIT_SECONDS = 1800;

export interface FetchGpusOptions {
  /** Sparkline width in cells; one point per cell. */
  width?: number;
  now?: Date;
}

export async function fetchGpus(
  prom: PrometheusClient,
  gpu: ContextConfig['gpu'],
  o: FetchGpusOptions = {},
): Promise<GpuReport & { stepSeconds: number }> {
  const now = o.now ?? new Date();
  const stepSeconds = gpuStepSeconds(GPU_RANGE_SECONDS, o.width ?? 60);
  const start = new Date(now.getTime() - GPU_RANGE_SECONDS * 1000);
  const r = await prom.queryRange(gpuQuery(gpu.query), start, now, stepSeconds);
  const report = buildGpuReport(r.data, {
    now: now.getTime() / 1000,
    warn: gpu.warn_ratio,
    critical: gpu.critical_ratio,
    horizonSeconds: parseDuration(gpu.time_to_full_horizon) / 1000,
    fitSeconds: GPU_FIT_SECONDS,
  });
  return { ...report, warnings: [...r.warnings, ...report.warnings], stepSeconds };
}
