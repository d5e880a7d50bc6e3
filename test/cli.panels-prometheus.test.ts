// SLO, GPU and model-quality figures against a real Prometheus holding known, backfilled data (promtool), with
// Sloth- and Pyrra-style recording rules evaluated on it, and a real Alertmanager for the alerts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { startPrometheus, type ServerHandle } from '../src/backends/localstack.js';
import { PrometheusClient } from '../src/backends/prometheus.js';
import { configSchema } from '../src/backends/config/schema.js';
import { configuredSlos, fetchSlos } from '../src/backends/slo.js';
import { fetchGpus } from '../src/backends/gpu.js';
import { alertmanager, isolatedEnv, postAlerts, runCli, waitForAlerts } from './helpers/stack.js';
import { backfill } from './helpers/series-data.js';
import {
  configYaml,
  expectedRatioA,
  fixture,
  PYRRA_RULES,
  SLO_CONFIG,
  SLOTH_RULES,
  type Fixture,
} from './helpers/panel-fixture.js';

const BUDGET = 0.001; // 99.9%
const PERIOD = 30 * 86400;
const within = (actual: number, expected: number, rel: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * rel);

interface WindowJson {
  errorRatio: number | null;
  burnRate: number | null;
}
interface SloJson {
  name: string;
  source: string;
  objective: number | null;
  periodSeconds: number;
  windows: Record<string, WindowJson>;
  budgetRemaining: number | null;
  exhaustionSeconds: number | null;
  state: string | null;
  warnings: string[];
  generatedAt?: string;
}

describe('SLO, GPU and quality panels against a real Prometheus with backfilled data', () => {
  let f: Fixture;
  let prom: ServerHandle;
  let am: ServerHandle;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    f = fixture();
    dataDir = await backfill(f.series);
    prom = await startPrometheus({
      config: 'global:\n  evaluation_interval: 1s\nrule_files: [sloth.yml, pyrra.yml]\n',
      files: { 'sloth.yml': SLOTH_RULES, 'pyrra.yml': PYRRA_RULES },
      dataDir,
    });
    am = await alertmanager();
    await postAlerts(am.url, [
      {
        labels: { alertname: 'HighErrorRateFastBurn', severity: 'critical', model: 'a' },
        annotations: { summary: 'error budget burning' },
      },
      {
        labels: { alertname: 'PredictionDistributionShift', severity: 'warning', alert_type: 'quality', model: 'a' },
        annotations: { summary: 'PSI above 0.2' },
      },
      { labels: { alertname: 'DiskSpaceLow', severity: 'warning', instance: 'gpu-node-1' } },
    ]);
    await waitForAlerts(am.url, 3);
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-panels-'));
    const cfg = path.join(home, 'config.yaml');
    fs.writeFileSync(cfg, configYaml(prom.url, am.url));
    env = isolatedEnv({ ONCALL_CONFIG: cfg });
    // Recording rules run on the backfilled data once Prometheus evaluates them.
    const client = new PrometheusClient({ url: prom.url });
    for (let i = 0; i < 100; i++) {
      const r = await client.query(
        'count(slo:sli_error:ratio_rate3d) + count(prediction_latency_seconds:burnrate4d) + count(pyrra_availability)',
      );
      if (r.data.length) break;
      await new Promise((res) => setTimeout(res, 200));
    }
  });
  afterAll(async () => {
    await prom?.stop();
    await am?.stop();
    if (dataDir) fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });

  it('oncall slo --json: burn rates, budget left and exhaustion match the data within 1%; 2% errors on 99.9% is 20× and a page', async () => {
    const r = await runCli(['slo', '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { generatedAt: string; slos: SloJson[] };
    const q = Date.parse(out.generatedAt) / 1000;
    const a = out.slos.find((s) => s.name === 'availability')!;
    expect(a).toMatchObject({ source: 'config', objective: 0.999, periodSeconds: PERIOD, state: 'page' });
    expect(Object.keys(a.windows)).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d']);
    within(a.windows['5m']!.burnRate!, 20, 0.01);
    for (const [w, secs] of [
      ['5m', 300],
      ['30m', 1800],
      ['1h', 3600],
      ['2h', 7200],
      ['6h', 21600],
      ['1d', 86400],
      ['3d', 259200],
    ] as const) {
      const ratio = expectedRatioA(f, q, secs);
      within(a.windows[w]!.errorRatio!, ratio, 0.01);
      within(a.windows[w]!.burnRate!, ratio / BUDGET, 0.01);
    }
    const remaining = 1 - expectedRatioA(f, q, PERIOD) / BUDGET;
    within(a.budgetRemaining!, remaining, 0.01);
    within(a.exhaustionSeconds!, (remaining * PERIOD) / (expectedRatioA(f, q, 3600) / BUDGET), 0.01);

    const lat = out.slos.find((s) => s.name === 'latency-500ms')!;
    expect(lat.state).toBe('ok');
    within(lat.windows['1h']!.burnRate!, 0.5, 0.01);
    within(lat.budgetRemaining!, 0.5, 0.01);
    within(lat.exhaustionSeconds!, PERIOD, 0.01); // half the budget left at half the sustainable rate: one period

    // Per-model instances of one SLO: model a pages, model b is fine.
    const byModel = out.slos.filter((s) => s.name.startsWith('availability-by-model'));
    expect(byModel.map((s) => [s.name, s.state])).toEqual(
      expect.arrayContaining([
        ['availability-by-model{model="a"}', 'page'],
        ['availability-by-model{model="b"}', 'ok'],
      ]),
    );
    // Sorted by budget left, worst first.
    const known = out.slos.filter((s) => s.budgetRemaining !== null).map((s) => s.budgetRemaining!);
    expect(known).toEqual([...known].sort((x, y) => x - y));
  });

  it('a quality SLO counts the share of time the gauge is out of target', async () => {
    const r = await runCli(['slo', '--json'], { env });
    const out = JSON.parse(r.stdout) as { generatedAt: string; slos: (SloJson & { method: string })[] };
    const q = Date.parse(out.generatedAt) / 1000;
    const psi = out.slos.find((s) => s.name === 'psi')!;
    expect(psi.method).toContain('share of time');
    expect(psi.windows['5m']!.errorRatio).toBe(1);
    // PSI has been above 0.2 since t0 − 20m; the 1h subquery samples every 30 s, so one sample of slack.
    const bad = (q - (f.t0 - 1200)) / 3600;
    expect(Math.abs(psi.windows['1h']!.errorRatio! - bad)).toBeLessThanOrEqual(1 / 120 + 0.002);
    expect(psi.state).toBe('page');
  });

  it('finds Sloth and Pyrra SLOs with no configuration, Pyrra ratios divided by the budget', async () => {
    const r = await runCli(['slo', '--json', '--config', '/dev/null', '--prometheus', prom.url], {
      env: isolatedEnv(),
    });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { generatedAt: string; slos: SloJson[] };
    const q = Date.parse(out.generatedAt) / 1000;
    expect(out.slos.map((s) => s.source).sort()).toEqual(['pyrra', 'pyrra', 'sloth']);

    const sloth = out.slos.find((s) => s.source === 'sloth')!;
    expect(sloth).toMatchObject({ name: 'inference/availability', periodSeconds: PERIOD, state: 'page' });
    within(sloth.objective!, 0.999, 1e-9);
    within(sloth.windows['5m']!.burnRate!, 20, 0.01);
    within(sloth.windows['1h']!.burnRate!, expectedRatioA(f, q, 3600) / BUDGET, 0.01);
    // Sloth's period ratio is a mean of its 5m ratios, here all taken at 2% errors: budget overspent 19×.
    within(sloth.budgetRemaining!, -19, 0.02);
    expect(sloth.exhaustionSeconds).toBe(0);

    const errors = out.slos.find((s) => s.name === 'inference-errors')!;
    expect(errors.objective).toBe(0.999);
    expect(errors.periodSeconds).toBe(28 * 86400);
    expect(Object.keys(errors.windows)).toContain('4d');
    within(errors.windows['5m']!.burnRate!, 20, 0.01);
    within(errors.windows['1h']!.burnRate!, expectedRatioA(f, q, 3600) / BUDGET, 0.01);
    within(errors.budgetRemaining!, 1 - expectedRatioA(f, q, 28 * 86400) / BUDGET, 0.01);
    expect(errors.state).toBe('page');

    const lat = out.slos.find((s) => s.name === 'latency-fast')!;
    expect(lat.objective).toBe(0.99); // from its alert rule: (14 * (1-0.99))
    within(lat.windows['5m']!.burnRate!, 0.5, 0.01);
    expect(lat.state).toBe('ok');
    expect(lat.budgetRemaining).toBeNull();
    expect(lat.warnings.join(' ')).toMatch(/pyrra_availability/);
  });

  it('the number of requests per refresh does not grow with the number of SLOs', async () => {
    const base = YAML.parse(`contexts:\n  t:\n${SLO_CONFIG}`) as {
      contexts: { t: { slos: Record<string, unknown>[] } };
    };
    const many = {
      contexts: {
        t: { slos: Array.from({ length: 40 }, (_, i) => ({ ...base.contexts.t.slos[i % 4]!, name: `slo-${i}` })) },
      },
    };
    const count = async (raw: unknown) => {
      // A generous timeout: the machine is shared, and what is measured here is the count, not the time.
      const client = new PrometheusClient({ url: prom.url }, { timeoutMs: 60_000 });
      const slos = configuredSlos(configSchema.parse(raw).contexts.t!);
      const report = await fetchSlos(client, slos);
      return { requests: client.http.stats.requests, n: report.slos.filter((s) => s.source === 'config').length };
    };
    const one = await count({ contexts: { t: { slos: base.contexts.t.slos.slice(0, 1) } } });
    const forty = await count(many);
    expect(one.n).toBe(1);
    expect(forty.n).toBe(50); // 40 SLOs, 10 of them split per model
    expect(forty.requests).toBe(one.requests);
    // One per window (7), the period, the Sloth/Pyrra discovery, the alert rules for a Pyrra objective.
    expect(one.requests).toBe(10);
  });

  it("oncall slo NAME shows the error ratio over the period and the SLO's firing alerts", async () => {
    const r = await runCli(['slo', 'availability', '--json', '--width', '30'], { env });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      errorSeries: { stepSeconds: number; points: [number, number][] };
      alerts: { labels: Record<string, string> }[];
    };
    expect(out.errorSeries.stepSeconds).toBe(PERIOD / 30);
    expect(out.errorSeries.points.length).toBeGreaterThan(0);
    expect(Math.max(...out.errorSeries.points.map(([, v]) => v))).toBeGreaterThan(0.001);
    expect(out.alerts.map((a) => a.labels.alertname)).toEqual(['HighErrorRateFastBurn']);
    const text = await runCli(['slo', 'availability', '--width', '30'], { env });
    expect(text.stdout).toMatch(/error ratio over 30d/);
    expect(text.stdout).toContain('HighErrorRateFastBurn');
  });

  it('prints a readable table with the window next to every burn rate', async () => {
    const r = await runCli(['slo'], { env });
    expect(r.code, r.stderr).toBe(0);
    const [head, ...rows] = r.stdout.trimEnd().split('\n');
    expect(head).toMatch(
      /^SLO\s+SOURCE\s+OBJECTIVE\s+STATE\s+BUDGET LEFT \(PERIOD\)\s+EXHAUSTED \(AT 1h BURN\)\s+BURN 5m\s+BURN 30m\s+BURN 1h\s+BURN 2h\s+BURN 6h\s+BURN 1d\s+BURN 3d$/,
    );
    const avail = rows.find((l) => l.startsWith('availability '))!;
    expect(avail).toMatch(/page/);
    expect(avail).toMatch(/20\.0×/);
    expect(rows.find((l) => l.startsWith('inference-errors'))).toMatch(/\(4d\)/);
  });

  it('oncall gpu --json: one entry per GPU, worst first, states, and time to full of the climbing GPU within 10%', async () => {
    const r = await runCli(['gpu', '--json', '--width', '30'], { env });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      generatedAt: string;
      source: string;
      stepSeconds: number;
      gpus: {
        host: string;
        gpu: string;
        usedRatio: number;
        series: [number, number][];
        timeToFullSeconds: number | null;
        state: string;
      }[];
    };
    expect(out.source).toBe('dcgm');
    expect(out.stepSeconds).toBe(120);
    expect(out.gpus.map((g) => `${g.host}/${g.gpu}:${g.state}`)).toEqual([
      'gpu-node-1/1:critical',
      'gpu-node-1/0:warning',
      'gpu-node-2/1:warning',
      'gpu-node-2/0:ok',
    ]);
    const climbing = out.gpus[1]!;
    within(climbing.usedRatio, 0.8, 0.01);
    // 0.8 now, growing 0.3 per hour: full 40 minutes after the last sample.
    const q = Date.parse(out.generatedAt) / 1000;
    within(climbing.timeToFullSeconds!, 2400 - (q - f.t0), 0.1);
    expect(
      out.gpus.filter((g) => g !== climbing).every((g) => g.timeToFullSeconds === null || g.state === 'critical'),
    ).toBe(true);
    for (const g of out.gpus) expect(g.series.length).toBeGreaterThanOrEqual(29);
    const text = await runCli(['gpu', '--width', '30'], { env });
    expect(text.stdout).toMatch(/gpu-node-1\s+0\s+80%\s+warning\s+full in ~\d+m/);
  });

  it('GPU requests per refresh do not grow with the number of GPUs', async () => {
    const cfg = configSchema.parse({ contexts: { t: {} } }).contexts.t!;
    const all = new PrometheusClient({ url: prom.url });
    const four = await fetchGpus(all, cfg.gpu, { width: 20 });
    const some = new PrometheusClient({ url: prom.url });
    const one = await fetchGpus(
      some,
      {
        ...cfg.gpu,
        query: 'DCGM_FI_DEV_FB_USED{Hostname="gpu-node-2",gpu="0"} / (DCGM_FI_DEV_FB_USED + DCGM_FI_DEV_FB_FREE)',
      },
      { width: 20 },
    );
    expect(four.gpus).toHaveLength(4);
    expect(one.gpus).toHaveLength(1);
    expect(one.source).toBe('config');
    expect(all.http.stats.requests).toBe(1);
    expect(some.http.stats.requests).toBe(1);
  });

  it("oncall quality --json: each measure with its threshold and sparkline data, and the model's quality alerts", async () => {
    const r = await runCli(['quality', '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      models: {
        model: string;
        degraded: boolean;
        measures: Record<string, { value: number; threshold: number; breached: boolean; series: unknown[] }>;
        alerts: { labels: Record<string, string> }[];
      }[];
    };
    expect(out.models.map((m) => [m.model, m.degraded])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    const a = out.models[0]!;
    expect(a.measures.psi).toMatchObject({ value: 0.3, threshold: 0.2, breached: true });
    expect(a.measures.similarity).toMatchObject({ value: 0.8, threshold: 0.85, breached: true });
    within(a.measures.accuracy!.value, 0.85 / 0.9 - 1, 0.001);
    expect(a.measures.accuracy!.breached).toBe(true);
    within(a.measures.corrections!.value, 0.03, 0.01);
    expect(a.measures.corrections!.breached).toBe(false);
    expect(a.measures.psi!.series.length).toBeGreaterThan(10);
    expect(a.alerts.map((x) => x.labels.alertname)).toEqual(['PredictionDistributionShift']);
    expect(out.models[1]!.alerts).toEqual([]);
  });
});
