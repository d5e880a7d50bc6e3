// The last days of the simulator's own series, computed from the same state model the live simulator uses, with
// a few incidents played in the past: so that the long SLO windows (2h…3d) have data, burn rates differ between
// windows, budgets are plausible and the GPU and quality sparklines are full from the first frame. Labels are
// what Prometheus stores for the live scrape (the simulator's labels, honoured, plus the scrape job), so the
// backfilled and the live samples are one series; counters restart from 0 live, which rate() reads as a reset.
import type { PointSeries } from '../backends/backfill.js';
import { dcgmLabels, FLEET, GPU_TOTAL_MIB, MODELS, servings } from './fleet.js';
import { SCENARIOS } from './scenarios.js';
import type { Schedule } from './schedule.js';
import { effectsAt } from './schedule.js';
import { accuracyOf, applyEffects, gpuUsedMib, healthyState, HEALTHY_NULL_RATIO } from './state.js';
import { FAST, LATENCY_BUCKETS, SLOW } from './sim-metrics.js';

export const METRICS_DAYS = 3;
export const METRICS_STEP = 120;
/**
 * Counters stop this long before the demo starts: the scenarios' page alerts compare error ratios over 1h and 6h
 * windows, and hours of healthy history in them would keep a few minutes' incident from firing them, as it would
 * in real life; the demo plays short incidents. The 1d and 3d windows hold the past; gauges run up to the start.
 */
export const COUNTER_GAP_SEC = 6 * 3600 + 600;

/** Past incidents: each scenario once, hours before the demo starts (scenario seconds after the history's start). */
function pastSchedule(spanSec: number): Schedule {
  const agoHours = [30, 9, 52, 20];
  return {
    cycleSec: spanSec * 2,
    entries: SCENARIOS.map((scenario, i) => ({ scenario, offsetSec: spanSec - agoHours[i % agoHours.length]! * 3600 })),
  };
}

export function demoMetricsHistory(now: number, days = METRICS_DAYS, step = METRICS_STEP): Map<string, PointSeries[]> {
  const from = Math.floor((now - days * 86400) / step) * step;
  const end = now - 60;
  const schedule = pastSchedule(end - from);
  const fams = new Map<string, Map<string, PointSeries>>();
  const put = (name: string, labels: Record<string, string>, t: number, v: number) => {
    let f = fams.get(name);
    if (!f) fams.set(name, (f = new Map()));
    const k = JSON.stringify(labels);
    let s = f.get(k);
    if (!s) f.set(k, (s = { labels, points: [] }));
    s.points.push([t, v]);
  };
  const counters = (t: number) => t < now - COUNTER_GAP_SEC;
  const totals = new Map<string, number>();
  const add = (key: string, v: number) => {
    const x = (totals.get(key) ?? 0) + v;
    totals.set(key, x);
    return x;
  };
  for (let t = from; t < end; t += step) {
    const state = applyEffects(healthyState(t - from), effectsAt(schedule, t - from));
    for (const sv of servings()) {
      const st = state.serving.get(`${sv.cluster}/${sv.instance}/${sv.model}`)!;
      const l = { cluster: sv.cluster, instance: sv.instance, model: sv.model, job: 'model-server' };
      const k = JSON.stringify(l);
      const down = state.hosts.get(`${sv.cluster}/${sv.instance}`)!.down;
      const n = down ? 0 : MODELS[sv.model]!.rps * st.rpsFactor * step;
      const classes = [
        ...FAST.map(([v, sh]) => [v, sh * (1 - st.slowShare)] as const),
        ...SLOW.map(([v, sh]) => [v, sh * st.slowShare] as const),
      ];
      if (counters(t)) {
        for (const le of LATENCY_BUCKETS)
          put(
            'prediction_latency_seconds_bucket',
            { ...l, le: String(le) },
            t,
            Math.round(
              add(
                `${k}|${le}`,
                classes.filter(([v]) => v <= le).reduce((a, [, sh]) => a + sh * n, 0),
              ),
            ),
          );
        put('prediction_latency_seconds_bucket', { ...l, le: '+Inf' }, t, Math.round(add(`${k}|inf`, n)));
        put('prediction_latency_seconds_count', l, t, Math.round(add(`${k}|count`, n)));
        put(
          'prediction_latency_seconds_sum',
          l,
          t,
          add(
            `${k}|sum`,
            classes.reduce((a, [v, sh]) => a + v * sh * n, 0),
          ),
        );
        put('predictions_total', l, t, Math.round(add(`${k}|pred`, n)));
        put('prediction_errors_total', l, t, Math.round(add(`${k}|err`, n * st.errorRatio)));
        put('user_corrections_total', l, t, Math.round(add(`${k}|corr`, n * st.correctionRatio)));
      }
      put('psi_score', l, t, Math.round(st.psi * 1e4) / 1e4);
      put('embedding_similarity_to_baseline', l, t, Math.round(st.embeddingSimilarity * 1e4) / 1e4);
      put('current_accuracy', l, t, Math.round(accuracyOf(sv.model, st) * 1e4) / 1e4);
      put('baseline_accuracy', l, t, MODELS[sv.model]!.baselineAccuracy);
      for (const f of MODELS[sv.model]!.features)
        put('feature_null_ratio', { ...l, feature: f }, t, st.nullRatio[f] ?? HEALTHY_NULL_RATIO);
    }
    for (const h of FLEET) {
      for (const g of h.gpus) {
        const used = gpuUsedMib(state, h, g);
        const dl = { ...dcgmLabels(h, g), job: 'dcgm-exporter' };
        put('DCGM_FI_DEV_FB_USED', dl, t, used);
        put('DCGM_FI_DEV_FB_FREE', dl, t, GPU_TOTAL_MIB - used);
        const gl = { cluster: h.cluster, instance: h.instance, gpu: g.gpu, model: g.model, job: 'model-server' };
        put('gpu_memory_available_bytes', gl, t, (GPU_TOTAL_MIB - used) * 1024 * 1024);
        put('gpu_memory_total_bytes', gl, t, GPU_TOTAL_MIB * 1024 * 1024);
      }
    }
  }
  return new Map([...fams].map(([name, m]) => [name, [...m.values()]]));
}
