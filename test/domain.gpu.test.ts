import { describe, expect, it } from 'vitest';
import { gpuState, linearFit, sortGpusWorstFirst, timeToFull, type GpuResult } from '../src/domain/gpu/analyse.js';
import { buildGpuReport, gpuStepSeconds } from '../src/domain/gpu/build.js';
import { gpuQuery, hostOf, gpuOf, pickSource } from '../src/domain/gpu/sources.js';
import { buildQualityReport } from '../src/domain/quality/build.js';
import { isQualityAlert } from '../src/domain/quality/measures.js';
import { configSchema } from '../src/backends/config/schema.js';
import type { Alert } from '../src/domain/types.js';

const now = 1_700_000_000;
const line = (from: number, perHour: number, minutes = 60, step = 60): [number, number][] =>
  Array.from({ length: (minutes * 60) / step + 1 }, (_, i) => {
    const t = now - minutes * 60 + i * step;
    return [t, from + (perHour * (i * step)) / 3600];
  });

describe('GPU memory analysis', () => {
  it('least squares recovers a line', () => {
    const fit = linearFit([
      [0, 1],
      [1, 3],
      [2, 5],
      [3, 7],
    ])!;
    expect(fit.slope).toBeCloseTo(2, 9);
    expect(fit.intercept).toBeCloseTo(1, 9);
    expect(
      linearFit([
        [0, 1],
        [1, 2],
      ]),
    ).toBeNull();
    expect(
      linearFit([
        [5, 1],
        [5, 2],
        [5, 3],
      ]),
    ).toBeNull();
  });
  it('time to full from a linear climb; nothing when flat, falling or beyond the horizon', () => {
    // 0.5 → 0.8 over the hour: 0.2 left at 0.3/h = 40 minutes.
    expect(timeToFull(line(0.5, 0.3), now, 7200, 1800).seconds).toBeCloseTo(2400, 3);
    expect(timeToFull(line(0.5, 0), now, 7200, 1800).seconds).toBeNull();
    expect(timeToFull(line(0.9, -0.2), now, 7200, 1800).seconds).toBeNull();
    expect(timeToFull(line(0.1, 0.05), now, 7200, 1800).seconds).toBeNull(); // full in 17h, past the 2h horizon
    expect(timeToFull([[now, 1]], now, 7200, 1800).seconds).toBe(0);
    // Five minutes of a steep climb (a fresh exporter, noise) is not a trend.
    expect(timeToFull(line(0.4, 3, 5), now, 7200, 1800).seconds).toBeNull();
  });
  it("states at the article's thresholds", () => {
    const t = { warn: 0.7, critical: 0.9 };
    expect([0.69, 0.7, 0.89, 0.9, 1.2].map((v) => gpuState(v, t))).toEqual([
      'ok',
      'warning',
      'warning',
      'critical',
      'critical',
    ]);
    expect(gpuState(null, t)).toBeNull();
  });
  it('worst first: critical, then whatever fills soonest, then the fullest', () => {
    const g = (gpu: string, usedRatio: number, state: GpuResult['state'], ttf: number | null): GpuResult => ({
      cluster: null,
      host: 'h',
      gpu,
      labels: {},
      source: 'dcgm',
      usedRatio,
      series: [],
      timeToFullSeconds: ttf,
      slopePerHour: null,
      state,
      warnings: [],
    });
    const sorted = sortGpusWorstFirst([
      g('0', 0.3, 'ok', null),
      g('1', 0.6, 'ok', 1200),
      g('2', 0.95, 'critical', null),
      g('3', 0.75, 'warning', null),
      g('4', 0.5, 'ok', 600),
    ]);
    expect(sorted.map((x) => x.gpu)).toEqual(['2', '4', '1', '3', '0']);
  });
  it('picks the first source present and names the others', () => {
    const s = (src: string, labels: Record<string, string>, values: [number, number][]) => ({
      metric: { oncall_gpu_source: src, ...labels },
      values,
    });
    const r = buildGpuReport(
      [
        s('article', { instance: 'old:9100', gpu: '0' }, [[now, 0.5]]),
        s('nvidia_smi', { instance: 'n1:9835', uuid: 'GPU-1' }, [
          [now - 60, 0.2],
          [now, NaN],
        ]),
      ],
      { now, warn: 0.7, critical: 0.9, horizonSeconds: 7200, fitSeconds: 1800 },
    );
    expect(r.source).toBe('nvidia_smi');
    expect(r.gpus.map((x) => [x.host, x.gpu, x.usedRatio])).toEqual([['n1:9835', 'GPU-1', 0.2]]);
    expect(r.warnings[0]).toMatch(/also present but not used: article/);
    expect(pickSource(new Set(['article', 'dcgm']))).toBe('dcgm');
    expect(
      buildGpuReport([], { now, warn: 0.7, critical: 0.9, horizonSeconds: 7200, fitSeconds: 1800 }).warnings[0],
    ).toMatch(/no GPU memory metrics found/);
  });
  it('a GPU that stopped reporting has no current share, not its last one', () => {
    const r = buildGpuReport(
      [{ metric: { oncall_gpu_source: 'dcgm', Hostname: 'h', gpu: '0' }, values: [[now - 900, 0.95]] }],
      { now, warn: 0.7, critical: 0.9, horizonSeconds: 7200, fitSeconds: 1800 },
    );
    expect(r.gpus[0]).toMatchObject({ usedRatio: null, state: null });
    expect(r.gpus[0]!.warnings[0]).toMatch(/current share unknown/);
  });
  it('labels, step and the one query', () => {
    expect(hostOf({ Hostname: 'a', instance: 'b' })).toBe('a');
    expect(gpuOf({ UUID: 'U', gpu: '1' })).toBe('1');
    expect(gpuStepSeconds(3600, 60)).toBe(60);
    expect(gpuStepSeconds(3600, 1)).toBe(3600);
    expect(gpuQuery().split('\n  or ')).toHaveLength(3);
    expect(gpuQuery('my_share')).toBe('label_replace((my_share), "oncall_gpu_source", "config", "", "")');
  });
});

describe('model quality panels', () => {
  const s = (id: string, model: string, v: number) => ({
    metric: { oncall_quality: id, model },
    values: [
      [now - 60, v],
      [now, v],
    ] as [number, number][],
  });
  const alert = (labels: Record<string, string>, state: Alert['state'] = 'active') =>
    ({ labels, annotations: {}, state }) as unknown as Alert;
  it("measures against the article's thresholds, with the model's firing quality alerts", () => {
    const r = buildQualityReport(
      [
        s('psi', 'm1', 0.25),
        s('similarity', 'm1', 0.9),
        s('accuracy', 'm1', -0.02),
        s('corrections', 'm1', 0.01),
        s('psi', 'm2', 0.05),
      ],
      [
        alert({ alertname: 'PredictionDistributionShift', model: 'm1' }),
        alert({ alertname: 'EmbeddingDrift', model: 'm1' }, 'suppressed'),
        alert({ alertname: 'GPUMemoryOOM', model: 'm1' }),
        alert({ alertname: 'AccuracyDegradation' }),
      ],
      now,
    );
    expect(r.models.map((m) => [m.model, m.degraded])).toEqual([
      ['m1', true],
      ['m2', false],
    ]);
    const m1 = r.models[0]!;
    expect(m1.measures.psi).toMatchObject({ value: 0.25, breached: true, threshold: 0.2 });
    expect(m1.measures.similarity.breached).toBe(false);
    expect(m1.measures.accuracy.breached).toBe(false);
    expect(m1.measures.corrections).toMatchObject({ breached: false, window: '1h' });
    expect(m1.alerts.map((a) => a.labels.alertname)).toEqual(['PredictionDistributionShift']);
    expect(r.otherAlerts.map((a) => a.labels.alertname)).toEqual(['AccuracyDegradation']);
    const m2 = r.models[1]!;
    expect(m2.measures.similarity).toMatchObject({ value: null, breached: null });
    expect(m2.warnings).toContain('embedding similarity to baseline: no data');
  });
  it('knows quality alerts by label or by name', () => {
    expect(isQualityAlert(alert({ alertname: 'X', alert_type: 'quality' }))).toBe(true);
    expect(isQualityAlert(alert({ alertname: 'InputFeatureDrift' }))).toBe(true);
    expect(isQualityAlert(alert({ alertname: 'HighErrorRateFastBurn' }))).toBe(false);
  });
});

describe('config: slos and gpu sections', () => {
  const parse = (ctx: unknown) => configSchema.safeParse({ contexts: { c: ctx } });
  const msg = (ctx: unknown) => {
    const r = parse(ctx);
    return r.success ? '' : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
  };
  it('says which key a kind of SLO needs', () => {
    expect(msg({ slos: [{ name: 'a', kind: 'latency', objective: 0.99, histogram: 'h' }] })).toMatch(
      /slos\.0\.threshold: required for a latency SLO/,
    );
    expect(msg({ slos: [{ name: 'a', kind: 'ratio', objective: 0.99, total: 't', errors: 'e', good: 'g' }] })).toMatch(
      /exactly one of errors/,
    );
    expect(
      msg({ slos: [{ name: 'a', kind: 'quality', objective: 0.99, gauge: 'psi{a="b"}', threshold: 0.2 }] }),
    ).toMatch(/slos\.0\.gauge: a metric name/);
    expect(msg({ slos: [{ name: 'a', kind: 'ratio', objective: 1.5, total: 't', errors: 'e' }] })).toMatch(/objective/);
    expect(parse({ slos: [{ name: 'a', kind: 'ratio', objective: 0.999, total: 't', errors: 'e' }] }).success).toBe(
      true,
    );
  });
  it('defaults the period to 30d and the GPU thresholds to 70% and 90%', () => {
    const r = parse({ slos: [{ name: 'a', kind: 'ratio', objective: 0.999, total: 't', errors: 'e' }] });
    expect(r.success && r.data.contexts.c!.slos[0]!.period).toBe('30d');
    expect(r.success && r.data.contexts.c!.gpu).toEqual({
      time_to_full_horizon: '2h',
      warn_ratio: 0.7,
      critical_ratio: 0.9,
    });
    expect(msg({ gpu: { warn_ratio: 0.95, critical_ratio: 0.9 } })).toMatch(/warn_ratio must be below critical_ratio/);
  });
});
