import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertmanager, postAlerts, runCli, waitForAlerts } from './helpers/stack.js';
import type { ServerHandle } from '../src/backends/localstack.js';

describe('oncall alerts against a real Alertmanager', () => {
  let am: ServerHandle;
  beforeAll(async () => {
    am = await alertmanager();
    await postAlerts(am.url, [
      { labels: { alertname: 'GPUMemoryOOM', severity: 'critical', cluster: 'prod', instance: 'gpu-1' }, annotations: { summary: 'GPU memory critically low' } },
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
      expect(Object.keys(a)).toEqual(expect.arrayContaining(['labels', 'annotations', 'startsAt', 'state', 'silencedBy', 'inhibitedBy']));
    }
    const oom = out.alerts.find((a: { labels: Record<string, string> }) => a.labels.alertname === 'GPUMemoryOOM');
    expect(oom.annotations.summary).toBe('GPU memory critically low');
    expect(oom.state).toBe('active');
  });

  it('filters with Alertmanager matchers', async () => {
    const r = await runCli(['alerts', '--json', '--alertmanager', am.url, '--filter', 'alertname=~"High.*|GPU.*", severity="critical"']);
    expect(r.code).toBe(0);
    const names = JSON.parse(r.stdout).alerts.map((a: { labels: Record<string, string> }) => a.labels.alertname).sort();
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
