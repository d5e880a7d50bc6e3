// The data behind the SLO, GPU and quality tests, and the figures expected from it, computed here from the
// same rate functions (never from a query).
import { generate, integrate, type Generated, type SeriesSpec } from './series-data.js';

export const STEP = 15;
export const SPAN = 76 * 3600; // covers the 3d window with room to spare
const M = 60;
const H = 3600;

export interface Fixture {
  /** Last sample (unix seconds); every "now" in the tests is a little after it. */
  t0: number;
  start: number;
  series: Generated[];
  /** Error share of model "a" per second at time t. */
  errorShareA: (t: number) => number;
}

export function fixture(now = Date.now() / 1000): Fixture {
  const t0 = Math.floor(now / M) * M;
  const start = t0 - SPAN;
  // Model a: 0.01% errors, then 0.015%, then 0.5% for hours, then 2% for the last 45 minutes (a page).
  const errorShareA = (t: number) =>
    t < t0 - 48 * H ? 0.0001 : t < t0 - 4 * H ? 0.00015 : t < t0 - 45 * M ? 0.005 : 0.02;
  const climb = (t: number) => (t < t0 - H ? 0.5 : 0.5 + (0.3 * (t - (t0 - H))) / H); // 0.5 → 0.8 over the last hour
  const mib = 81920;
  const dcgm = (host: string, gpu: string, share: (t: number) => number): SeriesSpec[] => [
    {
      name: 'DCGM_FI_DEV_FB_USED',
      labels: { Hostname: host, gpu, UUID: `GPU-${host}-${gpu}`, modelName: 'NVIDIA A100 80GB' },
      kind: 'gauge',
      fn: (t) => Math.round(share(t) * mib),
    },
    {
      name: 'DCGM_FI_DEV_FB_FREE',
      labels: { Hostname: host, gpu, UUID: `GPU-${host}-${gpu}`, modelName: 'NVIDIA A100 80GB' },
      kind: 'gauge',
      fn: (t) => mib - Math.round(share(t) * mib),
    },
  ];
  const specs: SeriesSpec[] = [
    { name: 'predictions_total', labels: { job: 'inference', model: 'a' }, kind: 'counter', fn: () => 10 },
    {
      name: 'prediction_errors_total',
      labels: { job: 'inference', model: 'a' },
      kind: 'counter',
      fn: (t) => 10 * errorShareA(t),
    },
    { name: 'predictions_total', labels: { job: 'inference', model: 'b' }, kind: 'counter', fn: () => 5 },
    {
      name: 'prediction_errors_total',
      labels: { job: 'inference', model: 'b' },
      kind: 'counter',
      fn: () => 5 * 0.0005,
    },
    // Latency: 99.5% of requests under 0.5 s.
    {
      name: 'prediction_latency_seconds_bucket',
      labels: { job: 'inference', le: '0.1' },
      kind: 'counter',
      fn: () => 6,
    },
    {
      name: 'prediction_latency_seconds_bucket',
      labels: { job: 'inference', le: '0.5' },
      kind: 'counter',
      fn: () => 9.95,
    },
    {
      name: 'prediction_latency_seconds_bucket',
      labels: { job: 'inference', le: '+Inf' },
      kind: 'counter',
      fn: () => 10,
    },
    { name: 'prediction_latency_seconds_count', labels: { job: 'inference' }, kind: 'counter', fn: () => 10 },
    // PSI over 0.2 for the last 20 minutes on model a; model b steady.
    { name: 'psi_score', labels: { model: 'a' }, kind: 'gauge', fn: (t) => (t < t0 - 20 * M ? 0.1 : 0.3) },
    { name: 'psi_score', labels: { model: 'b' }, kind: 'gauge', fn: () => 0.05 },
    { name: 'embedding_similarity_to_baseline', labels: { model: 'a' }, kind: 'gauge', fn: () => 0.8 },
    { name: 'embedding_similarity_to_baseline', labels: { model: 'b' }, kind: 'gauge', fn: () => 0.95 },
    { name: 'current_accuracy', labels: { model: 'a' }, kind: 'gauge', fn: () => 0.85 },
    { name: 'baseline_accuracy', labels: { model: 'a' }, kind: 'gauge', fn: () => 0.9 },
    { name: 'current_accuracy', labels: { model: 'b' }, kind: 'gauge', fn: () => 0.9 },
    { name: 'baseline_accuracy', labels: { model: 'b' }, kind: 'gauge', fn: () => 0.9 },
    { name: 'user_corrections_total', labels: { model: 'a' }, kind: 'counter', fn: () => 0.3 },
    { name: 'user_corrections_total', labels: { model: 'b' }, kind: 'counter', fn: () => 0.1 },
    // GPUs: one filling linearly, one critical, one warning, one fine.
    ...dcgm('gpu-node-1', '0', climb),
    ...dcgm('gpu-node-1', '1', () => 0.95),
    ...dcgm('gpu-node-2', '0', () => 0.3),
    ...dcgm('gpu-node-2', '1', () => 0.75),
    // The article's names on another host: DCGM comes first, so these must be ignored.
    { name: 'gpu_memory_used_bytes', labels: { instance: 'legacy-1', gpu: '0' }, kind: 'gauge', fn: () => 1e9 },
    { name: 'gpu_memory_total_bytes', labels: { instance: 'legacy-1', gpu: '0' }, kind: 'gauge', fn: () => 2e9 },
  ];
  return { t0, start, series: generate(specs, start, t0, STEP), errorShareA };
}

/** Error ratio of model a over [q − w, q] as the data says (no data after t0, none before start). */
export function expectedRatioA(f: Fixture, q: number, w: number): number {
  const from = Math.max(f.start, q - w);
  const to = Math.min(q, f.t0);
  const errors = integrate((t) => 10 * f.errorShareA(t), from, to);
  const total = 10 * (to - from);
  return errors / total;
}

export const SLO_CONFIG = `
    slos:
      - name: availability
        kind: ratio
        objective: 0.999
        errors: prediction_errors_total
        total: predictions_total
        selector: 'model="a"'
        alerts: ['alertname=~"HighErrorRate.*"']
      - name: latency-500ms
        kind: latency
        objective: 0.99
        histogram: prediction_latency_seconds
        threshold: 0.5
        selector: 'job="inference"'
      - name: psi
        kind: quality
        objective: 0.99
        gauge: psi_score
        threshold: 0.2
        selector: 'model="a"'
      - name: availability-by-model
        kind: ratio
        objective: 0.999
        errors: prediction_errors_total
        total: predictions_total
        group_by: model
`;

/** A config file with one context `t` on the given servers. */
export function configYaml(promUrl: string, amUrl?: string, extra = ''): string {
  return `current_context: t
contexts:
  t:
    prometheus:
      url: ${promUrl}
${amUrl ? `    alertmanagers:\n      - url: ${amUrl}\n` : ''}${SLO_CONFIG}${extra}`;
}

const SLOTH_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'];
const SLOTH_LABELS =
  'sloth_id: inference-availability\n          sloth_service: inference\n          sloth_slo: availability';
const SLOTH_SEL = 'sloth_id="inference-availability", sloth_service="inference", sloth_slo="availability"';

/** Recording rules in the shape Sloth generates them (SLI recordings per window, then metadata). */
export const SLOTH_RULES = `groups:
  - name: sloth-slo-sli-recordings-inference-availability
    interval: 1s
    rules:
${SLOTH_WINDOWS.map(
  (w) => `      - record: slo:sli_error:ratio_rate${w}
        expr: (sum(rate(prediction_errors_total{model="a"}[${w}]))) / (sum(rate(predictions_total{model="a"}[${w}])))
        labels:
          ${SLOTH_LABELS}
          sloth_window: ${w}`,
).join('\n')}
      - record: slo:sli_error:ratio_rate30d
        expr: sum_over_time(slo:sli_error:ratio_rate5m{${SLOTH_SEL}}[30d]) / ignoring (sloth_window) count_over_time(slo:sli_error:ratio_rate5m{${SLOTH_SEL}}[30d])
        labels:
          sloth_window: 30d
  - name: sloth-slo-meta-recordings-inference-availability
    interval: 1s
    rules:
      - record: slo:objective:ratio
        expr: vector(0.9990000000000001)
        labels:
          ${SLOTH_LABELS}
      - record: slo:error_budget:ratio
        expr: vector(1-0.999)
        labels:
          ${SLOTH_LABELS}
      - record: slo:time_period:days
        expr: vector(30)
        labels:
          ${SLOTH_LABELS}
      - record: slo:current_burn_rate:ratio
        expr: slo:sli_error:ratio_rate5m{${SLOTH_SEL}} / on(sloth_id, sloth_slo, sloth_service) group_left slo:error_budget:ratio{${SLOTH_SEL}}
      - record: slo:period_burn_rate:ratio
        expr: slo:sli_error:ratio_rate30d{${SLOTH_SEL}} / on(sloth_id, sloth_slo, sloth_service) group_left slo:error_budget:ratio{${SLOTH_SEL}}
      - record: slo:period_error_budget_remaining:ratio
        expr: 1 - slo:period_burn_rate:ratio{${SLOTH_SEL}}
        labels:
          ${SLOTH_LABELS}
      - record: sloth_slo_info
        expr: vector(1)
        labels:
          ${SLOTH_LABELS}
          sloth_mode: cli-gen-prom
          sloth_objective: "99.9"
          sloth_spec: prometheus/v1
          sloth_version: v0.11.0
`;

const PYRRA_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '4d'];

/**
 * Pyrra's shape: `<metric>:burnrate<w>{slo=…}` holding error RATIOS, its 28-day windows (4d, not 3d). One SLO
 * has Pyrra's generic rules (pyrra_objective, pyrra_window, pyrra_availability); the other only its alert rule.
 */
export const PYRRA_RULES = `groups:
  - name: inference-errors
    interval: 1s
    rules:
${PYRRA_WINDOWS.map(
  (w) => `      - record: prediction_errors:burnrate${w}
        expr: sum(rate(prediction_errors_total{job="inference",model="a"}[${w}])) / sum(rate(predictions_total{job="inference",model="a"}[${w}]))
        labels:
          job: inference
          slo: inference-errors`,
).join('\n')}
  - name: inference-errors-generic
    interval: 1s
    rules:
      - record: pyrra_objective
        expr: "0.999"
        labels:
          slo: inference-errors
      - record: pyrra_window
        expr: "2419200"
        labels:
          slo: inference-errors
      - record: pyrra_availability
        expr: 1 - sum(increase(prediction_errors_total{job="inference",model="a"}[4w]) or vector(0)) / sum(increase(predictions_total{job="inference",model="a"}[4w]))
        labels:
          slo: inference-errors
  - name: latency-fast
    interval: 1s
    rules:
${PYRRA_WINDOWS.map(
  (w) => `      - record: prediction_latency_seconds:burnrate${w}
        expr: (sum(rate(prediction_latency_seconds_count{job="inference"}[${w}])) - sum(rate(prediction_latency_seconds_bucket{job="inference",le="0.5"}[${w}]))) / sum(rate(prediction_latency_seconds_count{job="inference"}[${w}]))
        labels:
          job: inference
          slo: latency-fast`,
).join('\n')}
      - alert: ErrorBudgetBurn
        expr: prediction_latency_seconds:burnrate5m{job="inference",slo="latency-fast"} > (14 * (1-0.99)) and prediction_latency_seconds:burnrate1h{job="inference",slo="latency-fast"} > (14 * (1-0.99))
        for: 2m
        labels:
          long: 1h
          short: 5m
          severity: critical
          slo: latency-fast
`;
