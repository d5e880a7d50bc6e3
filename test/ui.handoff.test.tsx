// The handoff view in the whole TUI against a real Alertmanager and a Prometheus that is down: reachable with `0`,
// the report's sections with the incident and the ack, the backend that is down named, `]` moving by section and
// `c` sending the Markdown to the clipboard through the terminal.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertmanagerSet } from '../src/backends/alertmanager.js';
import { PrometheusClient } from '../src/backends/prometheus.js';
import type { ServerHandle } from '../src/backends/localstack.js';
import { CLOSED_URL, alertmanager, isolatedEnv, postAlerts, runCli, waitForAlerts } from './helpers/stack.js';
import { mountApp, testServices } from './helpers/ui-app.js';

describe('handoff view', () => {
  let am: ServerHandle;
  let dead: string;
  const env = isolatedEnv();

  beforeAll(async () => {
    // The view reads oncall's own records (runbook progress, until-resolved marks) from the state folder.
    process.env.XDG_CONFIG_HOME = env.XDG_CONFIG_HOME;
    delete process.env.ONCALL_STATE_DIR;
    fs.mkdirSync(env.XDG_CONFIG_HOME!, { recursive: true });
    am = await alertmanager();
    dead = CLOSED_URL;
    await postAlerts(am.url, [
      { labels: { alertname: 'GPUMemoryOOM', severity: 'critical', cluster: 'prod', instance: 'gpu-1' } },
      { labels: { alertname: 'BatchTimeout', severity: 'warning', cluster: 'prod', instance: 'gpu-1' } },
    ]);
    await waitForAlerts(am.url, 2);
    const inc = JSON.parse((await runCli(['--alertmanager', am.url, 'incidents', '--json'], { env })).stdout) as {
      incidents: { id: string }[];
    };
    const ack = await runCli(['--alertmanager', am.url, 'ack', inc.incidents[0]!.id, '--author', 'carol', '--yes'], {
      env,
    });
    expect(ack.code, ack.stderr).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await am?.stop();
    fs.rmSync(path.dirname(env.XDG_CONFIG_HOME!), { recursive: true, force: true });
  });

  it('shows the report, names Prometheus as down, moves by section and copies the Markdown', async () => {
    const base = testServices({}, () => Date.now());
    const services = testServices(
      {
        context: { ...base.context, prometheus: { url: dead }, alertmanagers: [{ url: am.url }] },
        alertmanagers: () => new AlertmanagerSet([{ url: am.url }]),
        prometheus: () => new PrometheusClient({ url: dead }, { timeoutMs: 1000, retries: 0 }),
      },
      () => Date.now(),
    );
    const app = await mountApp({ services, columns: 120, rows: 40 });
    await app.press('0');
    const f = await app.waitFor('Open incidents (1)', 15_000);
    expect(f).toMatch(/0 Handoff/);
    expect(f).toMatch(/crit .* acked .*GPUMemoryOOM on prod\/gpu-1.*ack by carol/);
    expect(f).toMatch(/prometheus .* is down: .*missing: SLOs, GPUs/);
    expect(f).toMatch(/SLOs: budget burned in 12h \(\?\) ─+\n\s+unknown: Prometheus did not answer/);
    expect(f).toMatch(/Silences and acks \(1\) ─+\n\s+ack\s+carol\s+ends in 1\dm\d+s created, ends soon/);
    expect(f).toMatch(/Runbooks in progress \(0\) ─+\n\s+none/);
    const writes: string[] = [];
    const out = app.stdout as unknown as { write: (s: string) => boolean };
    const write = out.write.bind(out);
    out.write = (s: string) => {
      writes.push(s);
      return write(s);
    };
    await app.press('c');
    const copy = writes.find((w) => w.includes('\u001b]52;c;'));
    expect(copy).toBeDefined();
    const md = Buffer.from(copy!.split('\u001b]52;c;')[1]!.split('\u0007')[0]!, 'base64').toString('utf8');
    expect(md).toMatch(/^# Handoff: test-ctx/);
    expect(md).toMatch(/\| critical \| GPUMemoryOOM on prod\/gpu-1 \(\+1 symptom\) \|/);
    await app.waitFor('sent the handoff (Markdown) to the clipboard');
    // On a short terminal the sections do not fit: `]` moves to the next section's heading, scrolling to it.
    await app.resize(120, 12);
    expect(app.frame()).not.toMatch(/SLOs: budget burned/);
    await app.press(']', ']', ']', ']');
    await app.waitFor((fr) => /SLOs: budget burned/.test(fr) && !/Open incidents \(/.test(fr));
    await app.press('[', '[', '[', '[');
    await app.waitFor((fr) => /Open incidents \(/.test(fr) && !/SLOs: budget burned/.test(fr));
    await app.resize(120, 40);
    await app.press('w');
    await app.waitFor('last 24h', 15_000);
    app.unmount();
  }, 60_000);
});
