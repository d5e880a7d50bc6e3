// `oncall status` against a real Prometheus, two clustered Alertmanagers and VictoriaMetrics (a
// Prometheus-compatible engine whose build info carries no version).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startAlertmanager, startVictoriaMetrics, type ServerHandle } from '../src/backends/localstack.js';
import { MINIMAL_AM_CONFIG, prometheus, runCli } from './helpers/stack.js';

interface Row {
  kind: string;
  name: string;
  url: string;
  reachable: boolean;
  version: string | null;
  cluster: { status: string; peers: string[] } | null;
  latencyMs: number | null;
  error: string | null;
}

describe('oncall status', () => {
  let prom: ServerHandle;
  let am1: ServerHandle;
  let am2: ServerHandle;
  let vm: ServerHandle;
  let gossip: string[];

  beforeAll(async () => {
    const [p1, p2] = [await freePort(), await freePort()];
    gossip = [`127.0.0.1:${p1}`, `127.0.0.1:${p2}`];
    [prom, am1, am2, vm] = await Promise.all([
      prometheus(),
      startAlertmanager({ config: MINIMAL_AM_CONFIG, clusterPort: p1, peers: [gossip[1]!] }),
      startAlertmanager({ config: MINIMAL_AM_CONFIG, clusterPort: p2, peers: [gossip[0]!] }),
      startVictoriaMetrics(),
    ]);
    // wait until the replicas have joined each other and settled
    const deadline = Date.now() + 30_000;
    for (;;) {
      const clusters = await Promise.all(
        [am1, am2].map(
          async (a) =>
            (
              (await (await fetch(`${a.url}/api/v2/status`)).json()) as {
                cluster: { status: string; peers?: unknown[] };
              }
            ).cluster,
        ),
      );
      if (clusters.every((c) => c.status === 'ready' && c.peers?.length === 2)) break;
      if (Date.now() > deadline) throw new Error('the Alertmanagers did not join');
      await new Promise((r) => setTimeout(r, 200));
    }
  });
  afterAll(async () => {
    await Promise.all([prom, am1, am2, vm].map((s) => s?.stop()));
  });

  it('reports every backend: reachable, version, cluster peers, latency (JSON)', async () => {
    const r = await runCli([
      'status',
      '--json',
      '--prometheus',
      prom.url,
      '--alertmanager',
      am1.url,
      '--alertmanager',
      am2.url,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { context: string; backends: Row[] };
    expect(out.context).toBe('default');
    const [p, a1, a2] = out.backends;
    expect(p).toMatchObject({ kind: 'prometheus', url: prom.url, reachable: true, cluster: null, error: null });
    expect(p!.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(p!.latencyMs).toBeGreaterThanOrEqual(0);
    for (const [row, server] of [
      [a1, am1],
      [a2, am2],
    ] as const) {
      expect(row).toMatchObject({
        kind: 'alertmanager',
        name: `127.0.0.1:${server.port}`,
        url: server.url,
        reachable: true,
        error: null,
      });
      expect(row!.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(row!.cluster!.status).toBe('ready');
      expect(row!.cluster!.peers.sort()).toEqual([...gossip].sort());
    }
  });

  it('prints a table for people', async () => {
    const r = await runCli(['status', '--prometheus', prom.url, '--alertmanager', am1.url]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('context: default');
    expect(lines[1]).toMatch(/^BACKEND\s+NAME\s+STATUS\s+VERSION\s+CLUSTER\s+LATENCY\s+URL$/);
    expect(lines[2]).toMatch(
      new RegExp(
        `^prometheus\\s+127\\.0\\.0\\.1:${prom.port}\\s+ok\\s+\\d+\\.\\d+\\.\\d+\\S*\\s+-\\s+\\d+ms\\s+${prom.url}$`,
      ),
    );
    expect(lines[3]).toMatch(
      new RegExp(
        `^alertmanager\\s+127\\.0\\.0\\.1:${am1.port}\\s+ok\\s+\\d+\\.\\d+\\.\\d+\\S*\\s+ready \\(2 peers\\)\\s+\\d+ms\\s+${am1.url}$`,
      ),
    );
  });

  it('shows a standalone Alertmanager as cluster "disabled"', async () => {
    const solo = await startAlertmanager({ config: MINIMAL_AM_CONFIG });
    try {
      const r = await runCli(['status', '--json', '--prometheus', prom.url, '--alertmanager', solo.url]);
      expect(JSON.parse(r.stdout).backends[1].cluster).toEqual({ status: 'disabled', peers: [] });
    } finally {
      await solo.stop();
    }
  });

  it('exits 1 when one backend is down, with one line for it, and still reports the others', async () => {
    // Port 1, where nothing listens: a port found free can be taken by a server of a test running beside this one.
    const dead = 'http://127.0.0.1:1';
    const r = await runCli(['status', '--prometheus', prom.url, '--alertmanager', am1.url, '--alertmanager', dead]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^prometheus\s.*\sok\s/m);
    expect(r.stdout).toMatch(new RegExp(`^alertmanager\\s+127\\.0\\.0\\.1:${am1.port}\\s+ok\\s`, 'm'));
    expect(r.stdout).toMatch(
      new RegExp(`^alertmanager\\s+127\\.0\\.0\\.1:${new URL(dead).port}\\s+down\\s+-\\s+-\\s+-\\s+${dead}$`, 'm'),
    );
    expect(r.stderr).toBe(
      `oncall: alertmanager 127.0.0.1:${new URL(dead).port}: connection refused: is it running, and is the URL right? (${dead}/api/v2/status)\n`,
    );
  });

  it('works with VictoriaMetrics in place of Prometheus', async () => {
    const r = await runCli(['status', '--json', '--prometheus', vm.url, '--alertmanager', am1.url]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).backends[0]).toMatchObject({
      kind: 'prometheus',
      reachable: true,
      version: null,
      error: null,
    });
  });
});
