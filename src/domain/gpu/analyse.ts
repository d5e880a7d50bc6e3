// GPU memory figures from one range query: current share, state against the thresholds, and time to full
// from a least-squares line through the recent samples.

export type GpuState = 'ok' | 'warning' | 'critical';

export interface Thresholds {
  warn: number;
  critical: number;
}

export interface GpuSeries {
  metric: Record<string, string>;
  values: [number, number][];
}

export interface GpuResult {
  /** The cluster label when the series has one: the same host name may exist in two clusters. */
  cluster: string | null;
  host: string;
  gpu: string;
  labels: Record<string, string>;
  source: string;
  usedRatio: number | null;
  /** [unix seconds, share] over the range; NaN samples left out. */
  series: [number, number][];
  timeToFullSeconds: number | null;
  /** Growth per hour of the share, from the fit; null with too few points. */
  slopePerHour: number | null;
  state: GpuState | null;
  warnings: string[];
}

export function gpuState(ratio: number | null, t: Thresholds): GpuState | null {
  if (ratio === null) return null;
  if (ratio >= t.critical) return 'critical';
  if (ratio >= t.warn) return 'warning';
  return 'ok';
}

/** Least-squares line through points; null with fewer than three or no spread in time. */
export function linearFit(points: readonly [number, number][]): { slope: number; intercept: number } | null {
  const pts = points.filter(([t, v]) => Number.isFinite(t) && Number.isFinite(v));
  if (pts.length < 3) return null;
  const n = pts.length;
  const mt = pts.reduce((s, [t]) => s + t, 0) / n;
  const mv = pts.reduce((s, [, v]) => s + v, 0) / n;
  let num = 0;
  let den = 0;
  for (const [t, v] of pts) {
    num += (t - mt) * (v - mv);
    den += (t - mt) ** 2;
  }
  if (den === 0) return null;
  const slope = num / den;
  return { slope, intercept: mv - slope * mt };
}

/**
 * Seconds from `now` until the fitted line reaches 1.0 (100%), if it does within `horizonSeconds`; 0 when
 * already full; null when flat, falling, or later than the horizon.
 */
export function timeToFull(
  points: readonly [number, number][],
  now: number,
  horizonSeconds: number,
  fitSeconds: number,
): { seconds: number | null; slope: number | null } {
  const recent = points.filter(([t]) => t >= now - fitSeconds);
  const last = [...points].reverse().find(([, v]) => Number.isFinite(v));
  if (last && last[1] >= 1) return { seconds: 0, slope: null };
  // A slope from a few minutes of samples is noise, not a trend: ask for ten minutes at least.
  const span = recent.length ? recent[recent.length - 1]![0] - recent[0]![0] : 0;
  const fit = span >= MIN_FIT_SPAN ? linearFit(recent) : null;
  if (!fit) return { seconds: null, slope: null };
  if (fit.slope <= 0) return { seconds: null, slope: fit.slope };
  const tFull = (1 - fit.intercept) / fit.slope;
  const secs = Math.max(0, tFull - now);
  return { seconds: secs <= horizonSeconds ? secs : null, slope: fit.slope };
}

/** Least time covered by the samples a slope is fitted on. */
export const MIN_FIT_SPAN = 600;

const STATE_RANK: Record<GpuState, number> = { critical: 0, warning: 1, ok: 2 };

/** Critical first, then warning (a GPU that will be full within the horizon counts as warning at least),
 *  then the soonest to fill, then the fullest. */
export function sortGpusWorstFirst(gpus: readonly GpuResult[]): GpuResult[] {
  const rank = (g: GpuResult) => Math.min(g.state ? STATE_RANK[g.state] : 3, g.timeToFullSeconds !== null ? 1 : 3);
  return [...gpus].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.timeToFullSeconds ?? Infinity) - (b.timeToFullSeconds ?? Infinity) ||
      (b.usedRatio ?? -1) - (a.usedRatio ?? -1) ||
      (a.cluster ?? '').localeCompare(b.cluster ?? '') ||
      a.host.localeCompare(b.host) ||
      a.gpu.localeCompare(b.gpu, undefined, { numeric: true }),
  );
}

/** "cluster/host" when the cluster is known, else the host. */
export function gpuHostName(g: Pick<GpuResult, 'cluster' | 'host'>): string {
  return g.cluster ? `${g.cluster}/${g.host}` : g.host;
}
