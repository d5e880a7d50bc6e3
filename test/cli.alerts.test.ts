import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertmanager, CLI, isolatedEnv, postAlerts, runCli, waitForAlerts } from './helpers/stack.js';
import type { ServerHandle } from '../src/backends/localstack.js';

describe('oncall alerts against a real Alertmanager', () => {
  let am: ServerHandle;
  beforeAll(async () => {
    am = await alertmanager();
    await postAlerts(am.url, [
      {
        labels: { alertname: 'GPUMemoryOOM', severity: 'critical', cluster: 'prod', instance: 'gpu-1' },
        annotations: { summary: 'GPU memory critically low' },
      },
      { labels: { alertname: 'HighErrorRateFastBurn', severity: 'critical', cluster: 'prod', instance: 'gpu-1' } },
      { labels: { alertname: 'DiskSpaceLow', severity: 'warning', cluster: 'prod', instance: 'gpu-1' } },
    ]);
    await waitForAlerts(am.url, 3);
  });
  afterAll(async () => am?.stop());

  it('lists every alert with fingerprint, labels, annotations, startsAt, state, silencedBy, inhibitedBy', async () => {
    const r = await runCli(['alerts', '--json', '--alertmanager', am.url]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.alerts).toHaveLength(3);
    for (const a of out.alerts) {
      expect(a.fingerprint).toMatch(/^[0-9a-f]{16}$/);
      expect(Object.keys(a)).toEqual(
        expect.arrayContaining(['labels', 'annotations', 'startsAt', 'state', 'silencedBy', 'inhibitedBy']),
      );
    }
    const oom = out.alerts.find((a: { labels: Record<string, string> }) => a.labels.alertname === 'GPUMemoryOOM');
    expect(oom.annotations.summary).toBe('GPU memory critically low');
    expect(oom.state).toBe('active');
  });

  it('filters with Alertmanager matchers', async () => {
    const r = await runCli([
      'alerts',
      '--json',
      '--alertmanager',
      am.url,
      '--filter',
      'alertname=~"High.*|GPU.*", severity="critical"',
    ]);
    expect(r.code).toBe(0);
    const names = JSON.parse(r.stdout)
      .alerts.map((a: { labels: Record<string, string> }) => a.labels.alertname)
      .sort();
    expect(names).toEqual(['GPUMemoryOOM', 'HighErrorRateFastBurn']);
  });

  it('rejects a malformed matcher with its position and exit code 2', async () => {
    const r = await runCli(['alerts', '--alertmanager', am.url, '--filter', 'severity:crit']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('position 9');
    expect(r.stdout).toBe('');
  });

  it('prints a readable table by default', async () => {
    const r = await runCli(['alerts', '--alertmanager', am.url]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^STATE\s+SEVERITY\s+ALERTNAME/);
    expect(r.stdout).toContain('DiskSpaceLow');
  });

  it('deduplicates alerts from two Alertmanagers holding the same alerts', async () => {
    const r = await runCli(['alerts', '--json', '--alertmanager', am.url, '--alertmanager', am.url]);
    expect(JSON.parse(r.stdout).alerts).toHaveLength(3);
  });
});

describe('oncall alerts: silenced and inhibited alerts, large lists', () => {
  let am: ServerHandle;
  beforeAll(async () => {
    am = await alertmanager(`
route:
  receiver: sink
  group_wait: 1h
receivers:
  - name: sink
inhibit_rules:
  - source_matchers: ['alertname="NodeDown"']
    target_matchers: ['alertname="ModelServerDown"']
    equal: ['cluster']
`);
    const filler = Array.from({ length: 3000 }, (_, i) => ({
      labels: { alertname: 'Filler', n: String(i), cluster: 'bulk' },
      annotations: { summary: 'x'.repeat(200) },
    }));
    await postAlerts(am.url, [
      { labels: { alertname: 'NodeDown', cluster: 'a', severity: 'critical' } },
      { labels: { alertname: 'ModelServerDown', cluster: 'a', severity: 'critical' } },
      { labels: { alertname: 'DiskFull', cluster: 'a', severity: 'warning' } },
      ...filler,
    ]);
    await waitForAlerts(am.url, 3003);
    const now = Date.now();
    const res = await fetch(`${am.url}/api/v2/silences`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        matchers: [{ name: 'alertname', value: 'DiskFull', isRegex: false }],
        startsAt: new Date(now).toISOString(),
        endsAt: new Date(now + 3_600_000).toISOString(),
        createdBy: 'test',
        comment: 'replacing the disk',
      }),
    });
    expect(res.ok).toBe(true);
    // the inhibitor and the silencer see new alerts asynchronously
    const deadline = Date.now() + 15_000;
    for (;;) {
      const r = await fetch(
        `${am.url}/api/v2/alerts?active=false&silenced=true&inhibited=true&filter=cluster%3D%22a%22`,
      );
      if (((await r.json()) as unknown[]).length === 2) break;
      if (Date.now() > deadline) throw new Error('silence and inhibition not in effect');
      await new Promise((r2) => setTimeout(r2, 200));
    }
  });
  afterAll(async () => am?.stop());

  const names = (stdout: string) =>
    (JSON.parse(stdout).alerts as { labels: Record<string, string> }[]).map((a) => a.labels.alertname).sort();

  it('narrows to silenced, inhibited or active alerts', async () => {
    const base = ['alerts', '--json', '--alertmanager', am.url, '--filter', 'cluster="a"'];
    expect(names((await runCli(base)).stdout)).toEqual(['DiskFull', 'ModelServerDown', 'NodeDown']);
    expect(names((await runCli([...base, '--silenced'])).stdout)).toEqual(['DiskFull']);
    expect(names((await runCli([...base, '--inhibited'])).stdout)).toEqual(['ModelServerDown']);
    expect(names((await runCli([...base, '--silenced', '--inhibited'])).stdout)).toEqual([
      'DiskFull',
      'ModelServerDown',
    ]);
    expect(names((await runCli([...base, '--active-only'])).stdout)).toEqual(['NodeDown']);
  });

  it('shows silenced and inhibited in the STATE column', async () => {
    const r = await runCli(['alerts', '--alertmanager', am.url, '--filter', 'cluster="a"']);
    expect(r.stdout).toMatch(/^silenced\s+warning\s+DiskFull\s/m);
    expect(r.stdout).toMatch(/^inhibited\s+critical\s+ModelServerDown\s/m);
    expect(r.stdout).toMatch(/^active\s+critical\s+NodeDown\s/m);
  });

  it('stops quietly when the reader goes away (oncall alerts | head -1)', async () => {
    for (const args of [['alerts'], ['alerts', '--json']]) {
      const p = spawn(process.execPath, [CLI, ...args, '--alertmanager', am.url], {
        env: isolatedEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      p.stderr.on('data', (d) => (stderr += d));
      p.stdout.once('data', () => p.stdout.destroy());
      const code = await new Promise<number | null>((r) => p.on('close', (c) => r(c)));
      expect(stderr).toBe('');
      expect(code).toBe(0);
    }
  });
});
