// The same SLO and GPU figures with VictoriaMetrics as the Prometheus-compatible backend: the known data is
// imported with timestamps through /api/v1/import/prometheus.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVictoriaMetrics, type ServerHandle } from '../src/backends/localstack.js';
import { PrometheusClient } from '../src/backends/prometheus.js';
import { configSchema } from '../src/backends/config/schema.js';
import { configuredSlos, fetchSlos } from '../src/backends/slo.js';
import { isolatedEnv, runCli } from './helpers/stack.js';
import { importVictoria } from './helpers/series-data.js';
import { configYaml, expectedRatioA, fixture, SLO_CONFIG, type Fixture } from './helpers/panel-fixture.js';
import YAML from 'yaml';

const BUDGET = 0.001;
const PERIOD = 30 * 86400;
const within = (actual: number, expected: number, rel: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * rel);

describe('SLO and GPU panels against VictoriaMetrics', () => {
  let f: Fixture;
  let vm: ServerHandle;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    f = fixture();
    // Without a latency offset, samples up to "now" are visible to queries at once.
    vm = await startVictoriaMetrics({ extraArgs: ['-search.latencyOffset=0s', '-search.disableCache'] });
    await importVictoria(vm.url, f.series);
    const client = new PrometheusClient({ url: vm.url });
    for (let i = 0; i < 100; i++) {
      const r = await client.query('count(DCGM_FI_DEV_FB_USED) + count(predictions_total)');
      if (r.data[0]?.value === 6) break;
      await new Promise((res) => setTimeout(res, 200));
    }
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-vm-'));
    fs.writeFileSync(path.join(home, 'config.yaml'), configYaml(vm.url));
    env = isolatedEnv({ ONCALL_CONFIG: path.join(home, 'config.yaml') });
  });
  afterAll(async () => vm?.stop());

  it('burn rates, budget left and exhaustion match the data within 1%', async () => {
    const r = await runCli(['slo', '--json', '--no-discover'], { env });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      generatedAt: string;
      slos: {
        name: string;
        state: string;
        windows: Record<string, { errorRatio: number; burnRate: number }>;
        budgetRemaining: number;
        exhaustionSeconds: number;
      }[];
    };
    const q = Date.parse(out.generatedAt) / 1000;
    const a = out.slos.find((s) => s.name === 'availability')!;
    expect(a.state).toBe('page');
    within(a.windows['5m']!.burnRate, 20, 0.01);
    for (const [w, secs] of [
      ['30m', 1800],
      ['1h', 3600],
      ['2h', 7200],
      ['6h', 21600],
      ['1d', 86400],
      ['3d', 259200],
    ] as const) {
      within(a.windows[w]!.burnRate, expectedRatioA(f, q, secs) / BUDGET, 0.01);
    }
    const remaining = 1 - expectedRatioA(f, q, PERIOD) / BUDGET;
    within(a.budgetRemaining, remaining, 0.01);
    within(a.exhaustionSeconds, (remaining * PERIOD) / (expectedRatioA(f, q, 3600) / BUDGET), 0.01);
    const lat = out.slos.find((s) => s.name === 'latency-500ms')!;
    expect(lat.state).toBe('ok');
    within(lat.windows['1h']!.burnRate, 0.5, 0.01);
    within(lat.budgetRemaining, 0.5, 0.01);
    const psi = out.slos.find((s) => s.name === 'psi')!;
    expect(psi.windows['5m']!.errorRatio).toBe(1);
    expect(psi.state).toBe('page');
    expect(
      out.slos
        .filter((s) => s.name.startsWith('availability-by-model'))
        .map((s) => s.state)
        .sort(),
    ).toEqual(['ok', 'page']);
  });

  it('GPU memory: worst first, time to full within 10%', async () => {
    const r = await runCli(['gpu', '--json', '--width', '30'], { env });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      generatedAt: string;
      source: string;
      gpus: {
        host: string;
        gpu: string;
        usedRatio: number;
        timeToFullSeconds: number | null;
        state: string;
        series: unknown[];
      }[];
    };
    expect(out.source).toBe('dcgm');
    expect(out.gpus.map((g) => `${g.host}/${g.gpu}:${g.state}`)).toEqual([
      'gpu-node-1/1:critical',
      'gpu-node-1/0:warning',
      'gpu-node-2/1:warning',
      'gpu-node-2/0:ok',
    ]);
    const q = Date.parse(out.generatedAt) / 1000;
    within(out.gpus[1]!.timeToFullSeconds!, 2400 - (q - f.t0), 0.1);
    for (const g of out.gpus) expect(g.series.length).toBeGreaterThanOrEqual(29);
  });

  it('requests per refresh do not grow with the number of SLOs', async () => {
    const base = YAML.parse(`contexts:\n  t:\n${SLO_CONFIG}`) as {
      contexts: { t: { slos: Record<string, unknown>[] } };
    };
    const count = async (slos: Record<string, unknown>[]) => {
      const client = new PrometheusClient({ url: vm.url }, { timeoutMs: 60_000 });
      await fetchSlos(client, configuredSlos(configSchema.parse({ contexts: { t: { slos } } }).contexts.t!), {
        discover: false,
      });
      return client.http.stats.requests;
    };
    const one = await count(base.contexts.t.slos.slice(0, 1));
    const many = await count(
      Array.from({ length: 24 }, (_, i) => ({ ...base.contexts.t.slos[i % 4]!, name: `s${i}` })),
    );
    expect(one).toBe(8);
    expect(many).toBe(one);
  });
});
