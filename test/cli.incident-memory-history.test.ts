// Incident memory's gap filled from a real Prometheus's ALERTS history (backfilled with promtool): a cause that
// fired and resolved while no oncall ran is found again with --since, and its symptom that still fires sits under it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertmanager, isolatedEnv, postAlerts, runCli, until } from './helpers/stack.js';
import { prometheusWithHistory, type HistoryServer } from './helpers/alert-history.js';
import type { ServerHandle } from '../src/backends/localstack.js';
import { labelsFingerprint } from '../src/domain/memory/fingerprint.js';

interface JsonAlert {
  fingerprint: string;
  labels: Record<string, string>;
  causedBy: string | null;
  resolvedAt: string | null;
  state: string;
}
interface JsonIncident {
  id: string;
  root: string;
  resolvedAt: string | null;
  alerts: JsonAlert[];
}

describe('incident memory filled from the ALERTS history', () => {
  let am: ServerHandle;
  let hist: HistoryServer;
  const env = isolatedEnv();
  const now = Math.floor(Date.now() / 1000);
  const where = { cluster: 'prod', instance: 'gpu-node-7' };
  const causeLabels = { alertname: 'GPUMemoryOOM', severity: 'critical', ...where };
  const symptom = {
    labels: { alertname: 'BatchTimeout', severity: 'warning', ...where },
    startsAt: new Date((now - 5 * 3600) * 1000).toISOString(),
    endsAt: new Date((now + 3600) * 1000).toISOString(),
  };

  beforeAll(async () => {
    // The cause fired from 5h to 4h ago; the symptom started with it and still fires.
    hist = await prometheusWithHistory([{ labels: causeLabels, episodes: [[now - 5 * 3600, now - 4 * 3600]] }], 60);
    am = await alertmanager();
    await postAlerts(am.url, [symptom]);
    await until(
      'the alert',
      async () => ((await (await fetch(`${am.url}/api/v2/alerts`)).json()) as unknown[]).length === 1,
    );
  });
  afterAll(async () => {
    await am?.stop();
    await hist?.stop();
  });

  const incidents = async (...extra: string[]) => {
    const r = await runCli(['--alertmanager', am.url, '--prometheus', hist.prom.url, 'incidents', '--json', ...extra], {
      env,
    });
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { incidents: JsonIncident[] }).incidents;
  };

  it('computes fingerprints as Alertmanager does', async () => {
    const listed = (await (await fetch(`${am.url}/api/v2/alerts`)).json()) as {
      fingerprint: string;
      labels: Record<string, string>;
    }[];
    expect(labelsFingerprint(listed[0]!.labels)).toBe(listed[0]!.fingerprint);
    expect(labelsFingerprint({ alertname: 'ünïcode', x: 'a\u00ffb' })).toMatch(/^[0-9a-f]{16}$/);
  });

  it('puts the still-firing symptom under the cause that resolved while no oncall ran', async () => {
    const before = await incidents();
    expect(before).toHaveLength(1);
    expect(before[0]!.alerts.map((a) => a.labels.alertname)).toEqual(['BatchTimeout']);

    const after = await incidents('--since', '6h');
    expect(after).toHaveLength(1);
    const [root, sym] = after[0]!.alerts;
    expect(root!.labels.alertname).toBe('GPUMemoryOOM');
    expect(root!.fingerprint).toBe(labelsFingerprint(causeLabels));
    expect(root!.state).toBe('resolved');
    // Resolved at the end of its last step, about 4 hours ago.
    expect(Math.abs(Date.parse(root!.resolvedAt!) / 1000 - (now - 4 * 3600))).toBeLessThanOrEqual(120);
    expect(sym!.causedBy).toBe(root!.fingerprint);
    expect(after[0]!.resolvedAt).toBeNull();
  });
});
