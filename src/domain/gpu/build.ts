// From the answer of the one GPU range query to a list of GPUs, worst first.
import { gpuOf, hostOf, pickSource, SOURCE_TAG } from './sources.js';
import {
  gpuState,
  sortGpusWorstFirst,
  timeToFull,
  type GpuResult,
  type GpuSeries,
  type Thresholds,
} from './analyse.js';

export interface GpuOptions extends Thresholds {
  /** Unix seconds of the query's end. */
  now: number;
  horizonSeconds: number;
  /** How far back the slope is fitted. */
  fitSeconds: number;
}

export interface GpuReport {
  source: string | null;
  gpus: GpuResult[];
  warnings: string[];
}

/** Step of the range query so that one point falls in each sparkline cell. */
export function gpuStepSeconds(rangeSeconds: number, width: number): number {
  return Math.max(1, Math.ceil(rangeSeconds / Math.max(1, Math.floor(width))));
}

export function buildGpuReport(series: readonly GpuSeries[], o: GpuOptions): GpuReport {
  const present = new Set(series.map((s) => s.metric[SOURCE_TAG] ?? ''));
  const source = pickSource(present);
  const warnings: string[] = [];
  if (!source)
    return {
      source: null,
      gpus: [],
      warnings: [
        'no GPU memory metrics found (looked for DCGM_FI_DEV_FB_USED/FREE, nvidia_smi_memory_*_bytes, gpu_memory_*_bytes); set gpu.query in the config',
      ],
    };
  const gpus: GpuResult[] = [];
  for (const s of series) {
    if (s.metric[SOURCE_TAG] !== source) continue;
    const { [SOURCE_TAG]: _src, ...labels } = s.metric;
    const points = s.values.filter(([, v]) => Number.isFinite(v));
    const w: string[] = [];
    const last = points[points.length - 1];
    // A last point older than three steps means the GPU stopped reporting: its share is not current.
    let usedRatio: number | null = last ? last[1] : null;
    if (!last) w.push('no finite samples in the last hour');
    else if (o.now - last[0] > 300) {
      usedRatio = null;
      w.push(`no sample for ${Math.round((o.now - last[0]) / 60)}m: current share unknown`);
    }
    const ttf =
      usedRatio === null ? { seconds: null, slope: null } : timeToFull(points, o.now, o.horizonSeconds, o.fitSeconds);
    gpus.push({
      cluster: labels.cluster ?? null,
      host: hostOf(labels),
      gpu: gpuOf(labels),
      labels,
      source,
      usedRatio,
      series: points,
      timeToFullSeconds: ttf.seconds,
      slopePerHour: ttf.slope === null ? null : ttf.slope * 3600,
      state: gpuState(usedRatio, o),
      warnings: w,
    });
  }
  const others = [...present].filter((p) => p && p !== source);
  if (others.length) warnings.push(`GPU memory from ${source}; also present but not used: ${others.join(', ')}`);
  return { source, gpus: sortGpusWorstFirst(gpus), warnings };
}
