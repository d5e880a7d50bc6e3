// Reads alert history from Prometheus: ALERTS{alertstate="firing"} over a window, in range queries of bounded
// size. Each step's point is count_over_time over exactly one step, so a point exists only when a firing sample
// was written in that step (a plain selector would smear every gap over the 5-minute lookback).
import type { PrometheusClient, PromRuleGroup } from './prometheus.js';
import { BackendError } from './errors.js';
import type { History, HistorySeries } from '../domain/history/episodes.js';
import type { Labels } from '../domain/types.js';

export const ALERTS_FIRING = 'ALERTS{alertstate="firing"}';
/** Prometheus refuses a range query of more than 11,000 points per series; stay clear of it. */
export const MAX_POINTS_PER_SERIES = 10_000;
/** Prometheus's default --query.max-samples; a chunk aims at a quarter of it. */
export const DEFAULT_MAX_SAMPLES = 50_000_000;
export const DEFAULT_STEP_SECONDS = 60;

export interface HistoryProgress {
  chunk: number;
  chunks: number;
  /** Series seen so far. */
  series: number;
  /** Window covered so far, Unix seconds. */
  coveredUntil: number;
}

export interface HistoryOptions {
  since: Date;
  until: Date;
  /** Step in seconds: the rule evaluation interval. */
  stepSeconds: number;
  /** PromQL selector; default ALERTS{alertstate="firing"}. */
  selector?: string;
  maxSamples?: number;
  onProgress?: (p: HistoryProgress) => void;
}

/**
 * The rule evaluation interval to use as the step: the most common interval among groups with alerting rules
 * (Prometheus reports it per group), else 1m.
 */
export function evaluationStep(groups: readonly PromRuleGroup[]): number {
  const counts = new Map<number, number>();
  for (const g of groups) {
    if (!g.interval || !g.rules.some((r) => r.type === 'alerting')) continue;
    counts.set(g.interval, (counts.get(g.interval) ?? 0) + g.rules.length);
  }
  let best = DEFAULT_STEP_SECONDS;
  let n = 0;
  for (const [iv, c] of counts)
    if (c > n || (c === n && iv < best)) {
      best = iv;
      n = c;
    }
  return Math.max(1, Math.round(best));
}

function keyOf(l: Labels): string {
  return JSON.stringify(
    Object.keys(l)
      .sort()
      .map((k) => [k, l[k]]),
  );
}

function tooManySamples(e: unknown): boolean {
  return e instanceof BackendError && /too many samples|max-samples|exceeded maximum resolution/i.test(e.message);
}

/** Reads the firing history of every alert series over the window. */
export async function fetchAlertHistory(
  prom: PrometheusClient,
  o: HistoryOptions,
): Promise<History & { warnings: string[] }> {
  const step = Math.max(1, Math.round(o.stepSeconds));
  const selector = o.selector ?? ALERTS_FIRING;
  // Aligned to the step so that repeated reviews see the same points.
  const since = Math.floor(o.since.getTime() / 1000 / step) * step;
  const until = Math.max(since + step, Math.floor(o.until.getTime() / 1000));
  const warnings: string[] = [];
  const known = await prom.series(selector, new Date(since * 1000), new Date(until * 1000));
  warnings.push(...known.warnings);
  const seriesCount = Math.max(1, known.data.length);
  const budget = Math.floor((o.maxSamples ?? DEFAULT_MAX_SAMPLES) / 4);
  let pointsPerChunk = Math.max(1, Math.min(MAX_POINTS_PER_SERIES, Math.floor(budget / seriesCount)));
  const index = new Map<string, number>();
  const series: HistorySeries[] = [];
  let from = since;
  let chunk = 0;
  const expr = `count_over_time(${selector}[${step}s])`;
  while (from < until) {
    const to = Math.min(until, from + (pointsPerChunk - 1) * step);
    const chunks = chunk + 1 + Math.ceil((until - to) / (pointsPerChunk * step));
    let res;
    try {
      res = await prom.queryRange(expr, new Date(from * 1000), new Date(to * 1000), step);
    } catch (e) {
      if (tooManySamples(e) && pointsPerChunk > 1) {
        pointsPerChunk = Math.max(1, Math.floor(pointsPerChunk / 2));
        continue;
      }
      throw e;
    }
    warnings.push(...res.warnings);
    for (const s of res.data) {
      const { alertstate: _state, __name__: _name, ...labels } = s.metric;
      const k = keyOf(labels);
      let i = index.get(k);
      if (i === undefined) {
        i = series.length;
        index.set(k, i);
        series.push({ labels, times: [] });
      }
      const times = series[i]!.times;
      for (const [t, v] of s.values) if (v > 0) times.push(t);
    }
    chunk++;
    o.onProgress?.({ chunk, chunks, series: series.length, coveredUntil: to });
    from = to + step;
  }
  for (const s of series) s.times.sort((a, b) => a - b);
  return { since, until, stepSeconds: step, series, warnings: [...new Set(warnings)] };
}
