// oncall review and oncall rules suggest against a real Prometheus backfilled with a generated two-week ALERTS
// history and a real Alertmanager holding a silence and an ack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertmanager, runCli } from './helpers/stack.js';
import { prometheusWithHistory, type HistoryServer } from './helpers/alert-history.js';
import { reviewScenario, SCENARIO_RULES, type Scenario } from './helpers/history-scenarios.js';
import type { ServerHandle } from '../src/backends/localstack.js';

const STEP = 60;
let h: HistoryServer;
let am: ServerHandle;
let sc: Scenario;

async function silence(matchers: { name: string; value: string }[], comment: string): Promise<void> {
  const res = await fetch(`${am.url}/api/v2/silences`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      matchers: matchers.map((m) => ({ ...m, isRegex: false, isEqual: true })),
      startsAt: new Date().toISOString(),
      endsAt: new Date(Date.now() + 3600_000).toISOString(),
      createdBy: 'tester',
      comment,
    }),
  });
  if (!res.ok) throw new Error(await res.text());
}

beforeAll(async () => {
  sc = reviewScenario(Math.floor(Date.now() / 1000 / STEP) * STEP);
  [h, am] = await Promise.all([
    prometheusWithHistory(sc.series, STEP, {
      config: 'global:\n  evaluation_interval: 1m\nrule_files: [rules.yml]\n',
      files: { 'rules.yml': SCENARIO_RULES },
    }),
    alertmanager(),
  ]);
  await silence([{ name: 'alertname', value: 'QueueAlwaysFull' }], 'known, fixing the consumer');
  await silence([{ name: 'alertname', value: 'BatchLagHigh' }], 'ack by tester');
}, 180_000);
afterAll(async () => {
  await Promise.all([h?.stop(), am?.stop()]);
});

const cli = (args: string[]) =>
  runCli(['--prometheus', h.prom.url, '--alertmanager', am.url, ...args], { timeoutMs: 120_000 });

describe('oncall review', () => {
  it('counts firings, flapping, always-firing and never-acted-on episodes from the history', async () => {
    const r = await cli(['review', '--since', '14d', '--json']);
    expect(r.stderr).toContain('reading alert history: chunk');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const by = (n: string) => out.alerts.find((a: { alertname: string }) => a.alertname === n);
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['since', 'until', 'alerts', 'groups']));
    const batch = by('BatchLagHigh');
    expect(batch).toMatchObject({
      group: 'batch',
      firings: 80,
      flapping: false,
      alwaysFiring: false,
      neverActedOn: 79,
      acked: 1,
    });
    expect(batch.firingsPerWeek).toBeCloseTo(40, 0);
    expect(batch.findings.map((f: { kind: string }) => f.kind)).toEqual(
      expect.arrayContaining(['noisy', 'never-acted-on', 'missing-runbook']),
    );
    expect(by('GPUThrottleFlapping').flapping).toBe(true);
    expect(by('FlakyProbe').flapping).toBe(true);
    expect(
      by('FlakyProbe').findings.some(
        (f: { kind: string; suggestion: string }) => f.kind === 'flapping' && /for:/.test(f.suggestion),
      ),
    ).toBe(true);
    for (const n of ['GPUMemoryOOM', 'DiskSpaceLow', 'BatchLagHigh', 'CacheMissRate'])
      expect(by(n).flapping).toBe(false);
    expect(by('QueueAlwaysFull')).toMatchObject({ alwaysFiring: true, heartbeat: false, actedOn: 1, neverActedOn: 0 });
    expect(by('QueueAlwaysFull').findings[0].kind).toBe('always-firing');
    expect(by('Watchdog')).toMatchObject({ alwaysFiring: true, heartbeat: true, findings: [] });
    expect(by('GPUMemoryOOM')).toMatchObject({ firings: 24, neverActedOn: 24 });
    expect(by('GPUMemoryOOM').missing).toEqual([]); // severity label, and the shipped runbook found by name
    expect(by('CacheMissRate').missing).toEqual(['severity', 'summary', 'runbook']);
    expect(by('HighErrorRate').missing).toEqual([]);
    // Services over the 5–10 target first, most firings first: infra (72 a week), batch (40.5), edge (15), serving (15 minus merged runs).
    expect(out.groups.map((g: { group: string; overTarget: boolean }) => [g.group, g.overTarget])).toEqual([
      ['infra', true],
      ['batch', true],
      ['edge', true],
      ['serving', true],
      ['(none)', false],
    ]);
    expect(by('GPUMemoryOOM').timeFiringRatio).toBeGreaterThan(0);
  });

  it('prints tables and markdown for a review document', async () => {
    const t = await cli(['review', '--since', '14d']);
    expect(t.stdout).toMatch(/BatchLagHigh\s+batch\s+warning\s+40/);
    expect(t.stdout).toContain('Findings:');
    const md = await cli(['review', '--since', '14d', '--md']);
    expect(md.stdout).toContain('| ALERT | GROUP |');
    expect(md.stdout).toMatch(/- \[ \] QueueAlwaysFull: fires 100% of the window → delete it/);
  });

  it('groups by the label asked for', async () => {
    const r = await cli(['review', '--since', '14d', '--json', '--group-by', 'cluster']);
    const out = JSON.parse(r.stdout);
    expect(out.groups.map((g: { group: string }) => g.group).sort()).toEqual(['(none)', 'a', 'b']);
  });
});

describe('oncall rules suggest', () => {
  it('finds the cause and its effect, and nothing from flapping, always-firing or coincidental alerts', async () => {
    const r = await cli(['rules', 'suggest', '--since', '14d', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.rules).toHaveLength(1);
    const rule = out.rules[0];
    expect(rule).toMatchObject({
      cause_matchers: ['alertname="GPUMemoryOOM"'],
      effect_matchers: ['alertname="HighErrorRate"'],
      equal: ['cluster', 'instance'],
    });
    expect(rule.evidence.support).toBe(21);
    expect(rule.evidence.medianLeadSeconds).toBeGreaterThanOrEqual(120);
    expect(rule.evidence.lift).toBeGreaterThan(10);
    expect(out.excluded.map((x: { alertname: string }) => x.alertname)).toEqual(
      expect.arrayContaining(['FlakyProbe', 'GPUThrottleFlapping', 'QueueAlwaysFull', 'Watchdog']),
    );
  });

  it('prints YAML that the config accepts under causal_rules, with its evidence', async () => {
    const r = await cli(['rules', 'suggest', '--since', '14d']);
    expect(r.stdout).toMatch(/# GPUMemoryOOM → HighErrorRate: 21 co-started episodes/);
    expect(r.stdout).toContain(`- cause_matchers: ['alertname="GPUMemoryOOM"']`);
    const yaml = await import('yaml');
    const { configSchema } = await import('../src/backends/config/schema.js');
    const cfg = configSchema.parse({ contexts: { x: { causal_rules: yaml.parse(r.stdout) } } });
    expect(cfg.contexts.x!.causal_rules[0]!.equal).toEqual(['cluster', 'instance']);
    const strict = await cli(['rules', 'suggest', '--since', '14d', '--min-support', '30']);
    expect(strict.stdout).toContain('no rule passed the thresholds');
  });
});
