// The whole demo stack for real: Prometheus scrapes the simulated fleet and evaluates demo/rules.yml, the
// Alertmanager routes and inhibits with demo/alertmanager.yml. Every scenario plays at once on an accelerated
// clock; each one's root alert must reach the Alertmanager, with the causal inhibition edges in place.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoStack, type DemoStack } from '../src/demo/index.js';
import { SCENARIOS } from '../src/demo/scenarios.js';

interface AmAlert {
  fingerprint: string;
  labels: Record<string, string>;
  status: { state: string; inhibitedBy: string[]; silencedBy: string[] };
}

async function alerts(stack: DemoStack): Promise<AmAlert[]> {
  return (await (await fetch(`${stack.amUrl}/api/v2/alerts`)).json()) as AmAlert[];
}

/** Polls the Alertmanager until `found` returns something (bounded wait, not a timing assertion). */
async function waitFor<T>(
  stack: DemoStack,
  what: string,
  found: (a: AmAlert[]) => T | undefined,
  timeoutMs = 150_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: AmAlert[] = [];
  while (Date.now() < deadline) {
    last = await alerts(stack);
    const v = found(last);
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(
    `${what} did not appear; the Alertmanager holds: ${last.map((a) => `${a.labels.alertname}{${a.labels.cluster}/${a.labels.instance}}:${a.status.state}`).join(', ')}`,
  );
}

function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the demo stack, every scenario at once', () => {
  let stack: DemoStack;
  beforeAll(async () => {
    stack = await startDemoStack({ scenario: 'all', speed: 4, history: false });
  });
  afterAll(async () => stack?.stop());

  it('serves a config file whose demo context points at the stack', () => {
    const text = fs.readFileSync(stack.configPath, 'utf8');
    expect(text).toContain(stack.promUrl);
    expect(text).toContain(stack.amUrl);
  });

  it('fires the root alert of every scenario in the real Alertmanager', async () => {
    for (const s of SCENARIOS) {
      await waitFor(stack, `${s.root} (${s.name})`, (all) =>
        all.find((a) => a.labels.alertname === s.root && a.status.state === 'active'),
      );
    }
  }, 180_000);

  it('inhibits the squeezed server’s latency and error alerts by its GPU OOM, and not the disk warning on the same node', async () => {
    const oom = await waitFor(stack, 'GPUMemoryOOM', (all) =>
      all.find(
        (a) =>
          a.labels.alertname === 'GPUMemoryOOM' && a.labels.cluster === 'us-east' && a.labels.instance === 'gpu-node-1',
      ),
    );
    const symptom = await waitFor(stack, 'a symptom inhibited by GPUMemoryOOM', (all) =>
      all.find(
        (a) =>
          /^(HighPredictionLatency|HighErrorRate)/.test(a.labels.alertname!) &&
          a.labels.instance === 'gpu-node-1' &&
          a.status.inhibitedBy.includes(oom.fingerprint),
      ),
    );
    expect(symptom.labels).toMatchObject({ cluster: 'us-east', model: 'fraud-detector', layer: 'service' });
    expect(symptom.status.state).toBe('suppressed');
    const disk = await waitFor(stack, 'DiskSpaceLow', (all) => all.find((a) => a.labels.alertname === 'DiskSpaceLow'));
    expect(disk.labels).toMatchObject({
      cluster: 'us-east',
      instance: 'gpu-node-1',
      severity: 'warning',
      layer: 'infrastructure',
    });
    expect(disk.status).toMatchObject({ state: 'active', inhibitedBy: [] });
  }, 180_000);

  it('evaluates every rule without error', async () => {
    const res = (await (await fetch(`${stack.promUrl}/api/v1/rules`)).json()) as {
      data: { groups: { rules: { name: string; health: string; lastError?: string }[] }[] };
    };
    const rules = res.data.groups.flatMap((g) => g.rules);
    expect(rules.length).toBeGreaterThan(30);
    for (const r of rules) expect(`${r.name}: ${r.health} ${r.lastError ?? ''}`.trim()).toBe(`${r.name}: ok`);
  });

  it('pages through the webhook sink', async () => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !stack.notifications().some((n) => n.receiver === 'pager'))
      await new Promise((r) => setTimeout(r, 1000));
    const pages = stack.notifications().filter((n) => n.receiver === 'pager');
    expect(pages.length).toBeGreaterThan(0);
    for (const p of pages) for (const a of p.alerts) expect(a.labels.severity).toBe('critical');
  }, 90_000);

  it('stops everything it started', async () => {
    expect(stack.processes.map((p) => p.name).sort()).toEqual(['alertmanager', 'prometheus']);
    for (const p of stack.processes) expect(alive(p.pid), p.name).toBe(true);
    await stack.stop();
    for (const p of stack.processes) expect(alive(p.pid), p.name).toBe(false);
    expect(fs.existsSync(stack.configPath)).toBe(false);
    for (const url of [stack.promUrl, stack.amUrl, stack.simulatorUrl, stack.sinkUrl]) {
      await expect(fetch(url, { signal: AbortSignal.timeout(2000) }), url).rejects.toThrow();
    }
  });
});

describe('the demo stack with its history', () => {
  let stack: DemoStack;
  beforeAll(async () => {
    stack = await startDemoStack({ scenario: 'all', speed: 4, history: true });
  });
  afterAll(async () => stack?.stop());

  it("holds two weeks of ALERTS history and days of the simulator's series from the first minute", async () => {
    const q = async (expr: string) => {
      const body = (await (await fetch(`${stack.promUrl}/api/v1/query?query=${encodeURIComponent(expr)}`)).json()) as {
        data: { result: { value: [number, string] }[] };
      };
      return Number(body.data.result[0]?.value[1] ?? NaN);
    };
    expect(await q('count(count_over_time(ALERTS{alertstate="firing"}[14d] offset 1d))')).toBeGreaterThan(30);
    // The error ratio over 1d and over 3d are both defined, and differ: the past incidents are in them.
    const ratio = (w: string) => q(`sum(rate(prediction_errors_total[${w}])) / sum(rate(predictions_total[${w}]))`);
    const [d1, d3] = [await ratio('1d'), await ratio('3d')];
    expect(Number.isFinite(d1) && Number.isFinite(d3)).toBe(true);
    expect(d1).not.toBeCloseTo(d3, 6);
    const { runRulesSuggestJson } = await import('./helpers/suggest-cli.js');
    const rules = await runRulesSuggestJson(stack.configPath);
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          cause_matchers: ['alertname="ContainerRestartSpike"'],
          effect_matchers: ['alertname="ModelServerCrash"'],
        }),
        expect.objectContaining({
          cause_matchers: ['alertname="GPUMemoryCritical"'],
          effect_matchers: ['alertname="GPUMemoryOOM"'],
        }),
        // The node failures: node → its pods → their Deployments.
        expect.objectContaining({
          cause_matchers: ['alertname="KubeNodeNotReady"'],
          effect_matchers: ['alertname="KubePodNotReady"'],
          equal: expect.arrayContaining(['cluster']),
        }),
        expect.objectContaining({
          cause_matchers: ['alertname="KubePodNotReady"'],
          effect_matchers: ['alertname="KubeDeploymentReplicasMismatch"'],
          equal: expect.arrayContaining(['cluster']),
        }),
      ]),
    );
  }, 120_000);

  it('reviews the two weeks the history holds, at firings a week the scenarios give', async () => {
    const { isolatedEnv, runCli } = await import('./helpers/stack.js');
    // As a user sees it: the live Watchdog has fired for a few evaluations.
    const watchdog = encodeURIComponent('count_over_time(ALERTS{alertname="Watchdog",alertstate="firing"}[1m]) >= 3');
    for (let i = 0; i < 300; i++) {
      const body = (await (await fetch(`${stack.promUrl}/api/v1/query?query=${watchdog}`)).json()) as {
        data: { result: unknown[] };
      };
      if (body.data.result.length) break;
      await new Promise((res) => setTimeout(res, 200));
    }
    const r = await runCli(['--config', stack.configPath, 'review', '--json'], {
      env: isolatedEnv(),
      timeoutMs: 120_000,
    });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      weeks: number;
      alerts: {
        alertname: string;
        group: string;
        firingsPerWeek: number;
        heartbeat: boolean;
        timeFiringRatio: number;
      }[];
    };
    // The history has no Watchdog: its oldest alert, in its first day, marks where it begins, not the live
    // Watchdog's first evaluation a moment ago.
    expect(out.weeks).toBeGreaterThan(13 / 7);
    expect(out.weeks).toBeLessThanOrEqual(2.01);
    const by = (n: string) => out.alerts.find((a) => a.alertname === n)!;
    // Each host plays six GPU squeezes and four unrelated GPUMemoryHigh in two weeks: 15 a week for three hosts.
    expect(by('GPUMemoryHigh').firingsPerWeek).toBeGreaterThanOrEqual(14);
    expect(by('GPUMemoryHigh').firingsPerWeek).toBeLessThan(20);
    for (const a of out.alerts) expect(a.firingsPerWeek, a.alertname).toBeLessThan(20);
    // The history's alerts are grouped with the live ones, by the job they fire with.
    expect(by('GPUMemoryOOM').group).toBe('model-server');
    expect(by('GPUMemoryHigh').group).toBe('dcgm-exporter');
  }, 120_000);
});
