// Incident memory against a real Alertmanager: a resolved cause stays the root of its symptoms, then the incident
// resolves and is listed only with --include-resolved; the memory file survives damage.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { alertmanagerWith, gpuIncident } from './helpers/gpu-incident.js';

interface JsonAlert {
  fingerprint: string;
  labels: Record<string, string>;
  state: string;
  causedBy: string | null;
  resolvedAt: string | null;
}
interface JsonIncident {
  id: string;
  root: string;
  resolvedAt: string | null;
  alerts: JsonAlert[];
}

describe('incident memory with a real Alertmanager', () => {
  const { now, at, cause, latency, batch, other } = gpuIncident();
  const { cli, env, resolve, url } = alertmanagerWith([cause, latency, batch, other], at);
  const incidents = async (...extra: string[]) => {
    const r = await cli('incidents', '--json', ...extra);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return (JSON.parse(r.stdout) as { incidents: JsonIncident[] }).incidents;
  };

  it('keeps a resolved cause as the root of its symptoms, then lists the resolved incident only when asked', async () => {
    const first = await incidents();
    const gpu = first.find((i) => i.alerts.length === 3)!;
    expect(gpu.alerts[0]!.labels.alertname).toBe('GPUMemoryOOM');
    expect(gpu.resolvedAt).toBeNull();
    expect(gpu.alerts.every((a) => a.resolvedAt === null && a.state === 'active')).toBe(true);

    await resolve(cause, 3);
    const second = await incidents();
    expect(second).toHaveLength(2);
    const still = second.find((i) => i.id === gpu.id)!;
    expect(still.root).toBe(gpu.root);
    expect(still.resolvedAt).toBeNull();
    const [root, ...symptoms] = still.alerts;
    expect(root!.labels.alertname).toBe('GPUMemoryOOM');
    expect(root!.state).toBe('resolved');
    expect(Date.parse(root!.resolvedAt!)).toBeGreaterThanOrEqual(now);
    expect(symptoms.map((a) => [a.labels.alertname, a.causedBy, a.resolvedAt]).sort()).toEqual([
      ['BatchTimeout', root!.fingerprint, null],
      ['HighPredictionLatencyFastBurn', root!.fingerprint, null],
    ]);
    const text = await cli('incidents');
    expect(text.stdout).toMatch(/GPUMemoryOOM .*resolved \d+s ago/);

    // The ID shown acks the incident: its firing alerts, not the resolved cause.
    const ack = await cli('ack', gpu.id, '--author', 'ana', '--yes');
    expect(ack.code, ack.stderr).toBe(0);
    expect(ack.stderr).toContain(`acking incident ${gpu.id} (2 alerts)`);
    const sil = (
      (await (await fetch(`${url()}/api/v2/silences`)).json()) as {
        id: string;
        matchers: { name: string; value: string }[];
      }[]
    ).find((x) => x.id === ack.stdout.trim())!;
    const names = sil.matchers.find((m) => m.name === 'alertname')!.value;
    expect(names).toMatch(/BatchTimeout/);
    expect(names).not.toMatch(/GPUMemoryOOM/);

    await resolve(latency, 2);
    await resolve(batch, 1);
    const third = await incidents();
    expect(third.map((i) => i.alerts[0]!.labels.alertname)).toEqual(['ModelDrift']);
    const withResolved = await incidents('--include-resolved', '1h');
    expect(withResolved).toHaveLength(2);
    const done = withResolved.find((i) => i.id === gpu.id)!;
    expect(done.alerts.map((a) => a.labels.alertname)).toEqual(gpu.alerts.map((a) => a.labels.alertname));
    expect(done.alerts.every((a) => a.resolvedAt !== null && a.state === 'resolved')).toBe(true);
    expect(done.resolvedAt).toBe(
      done.alerts
        .map((a) => a.resolvedAt!)
        .sort()
        .at(-1),
    );
  });

  it('refuses a bad --include-resolved as a usage error', async () => {
    const r = await cli('incidents', '--include-resolved', 'soon');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--include-resolved/);
  });

  it('moves a damaged memory file aside with a warning and starts again', async () => {
    const dir = path.join(env.XDG_CONFIG_HOME!, 'oncall', 'incident-memory');
    const file = path.join(
      dir,
      fs.readdirSync(dir).find((f) => f.endsWith('.json'))!,
    );
    fs.writeFileSync(file, '{"alerts": [tru');
    const r = await cli('incidents', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/was damaged .*moved it to .*corrupt-/);
    expect(JSON.parse(r.stdout).incidents).toHaveLength(1);
    expect(fs.readdirSync(dir).some((f) => f.includes('.corrupt-'))).toBe(true);
  });

  it('ack reads the memory too, and reports it damaged', async () => {
    const [drift] = await incidents();
    expect(drift!.alerts[0]!.labels.alertname).toBe('ModelDrift');
    const dir = path.join(env.XDG_CONFIG_HOME!, 'oncall', 'incident-memory');
    const file = path.join(
      dir,
      fs.readdirSync(dir).find((f) => f.endsWith('.json'))!,
    );
    fs.writeFileSync(file, '{"alerts": [tru');
    const r = await cli('ack', drift!.id, '--author', 'ana', '--yes');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: .*incident-memory.* was damaged .*moved it to .*corrupt-/);
    expect(r.stderr).toContain(`acking incident ${drift!.id} (1 alert)`);
  });
});
