// Topology from a real Prometheus (kube-state-metrics and node-exporter series backfilled with promtool) joined
// with a storm in a real Alertmanager: pod → node, instance → node, Hostname → node, ReplicaSet → Deployment,
// workload-level alerts, kube-state-metrics' own pod and instance on its alerts, twins in two clusters and
// bystanders on the same node, through `oncall incidents --json` and `oncall rules --json`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrometheus, type ServerHandle } from '../src/backends/localstack.js';
import { alertmanager, isolatedEnv, postAlerts, runCli, waitForAlerts, type TestAlert } from './helpers/stack.js';
import { backfill, type Generated } from './helpers/series-data.js';

const NOW = Math.floor(Date.now() / 1000);

/** One gauge series of 1s over the last 20 minutes, sampled every minute up to now. */
function series(name: string, labels: Record<string, string>): Generated {
  const points: [number, number][] = [];
  for (let t = NOW - 1200; t <= NOW - 15; t += 60) points.push([t, 1]);
  return { name, labels, points };
}

const KSM = {
  job: 'kube-state-metrics',
  instance: '10.9.0.5:8080',
  pod: 'kube-state-metrics-6d9f-abcde',
  namespace: 'monitoring',
};

/** Both clusters run the same deployment on nodes of the same names; cluster b's pods say so through exported_* (honor_labels off). */
function topologySeries(): Generated[] {
  const out: Generated[] = [];
  for (const cluster of ['a', 'b']) {
    const subject = (ns: string, pod: string) =>
      cluster === 'a' ? { namespace: ns, pod } : { ...KSM, exported_namespace: ns, exported_pod: pod };
    const pods: [string, string, string, string][] = [
      // pod, node, owner kind, owner name
      ['web-7f9c-x1', 'node-1', 'ReplicaSet', 'web-7f9c'],
      ['web-7f9c-x2', 'node-2', 'ReplicaSet', 'web-7f9c'],
      ['db-0', 'node-1', 'StatefulSet', 'db'],
      ['trainer-0', 'node-3', 'StatefulSet', 'trainer'],
      ['kube-state-metrics-6d9f-abcde', 'node-9', 'ReplicaSet', 'kube-state-metrics-6d9f'],
    ];
    for (const [pod, node, kind, owner] of pods) {
      const ns = pod.startsWith('kube-state') ? 'monitoring' : 'default';
      out.push(series('kube_pod_info', { cluster, ...subject(ns, pod), node }));
      out.push(series('kube_pod_owner', { cluster, ...subject(ns, pod), owner_kind: kind, owner_name: owner }));
    }
    out.push(
      series('kube_replicaset_owner', {
        cluster,
        namespace: 'default',
        replicaset: 'web-7f9c',
        owner_kind: 'Deployment',
        owner_name: 'web',
      }),
    );
    out.push(
      series('kube_replicaset_owner', {
        cluster,
        namespace: 'monitoring',
        replicaset: 'kube-state-metrics-6d9f',
        owner_kind: 'Deployment',
        owner_name: 'kube-state-metrics',
      }),
    );
    for (const [ip, node] of [
      ['10.0.0.1', 'node-1'],
      ['10.0.0.2', 'node-2'],
      ['10.0.0.3', 'node-3'],
      ['10.9.0.5', 'node-9'],
    ] as const) {
      out.push(series('node_uname_info', { cluster, instance: `${ip}:9100`, nodename: node, job: 'node-exporter' }));
    }
  }
  return out;
}

const ago = (min: number) => new Date(Date.now() - min * 60_000).toISOString();
const alert = (labels: Record<string, string>, minutesAgo: number): TestAlert => ({
  labels: { severity: 'warning', ...labels },
  startsAt: ago(minutesAgo),
});

function storm(): TestAlert[] {
  const out: TestAlert[] = [];
  for (const cluster of ['a', 'b']) {
    // honor_labels on in a, off in b: the subject's labels in exported_* there.
    const pod = (ns: string, p: string) =>
      cluster === 'a' ? { ...KSM, namespace: ns, pod: p } : { ...KSM, exported_namespace: ns, exported_pod: p };
    out.push(
      // node-1 fails: its pods, then the deployment that lost a replica.
      alert({ alertname: 'KubeNodeNotReady', cluster, node: 'node-1', ...KSM }, 30),
      alert({ alertname: 'KubePodNotReady', cluster, ...pod('default', 'web-7f9c-x1') }, 25),
      alert(
        { alertname: 'KubeDeploymentReplicasMismatch', cluster, ...KSM, namespace: 'default', deployment: 'web' },
        20,
      ),
      // node-2's disk (node-exporter: instance only) crash-loops the pod there.
      alert(
        {
          alertname: 'NodeFilesystemAlmostOutOfSpace',
          cluster,
          instance: '10.0.0.2:9100',
          job: 'node-exporter',
          device: '/dev/sda1',
          mountpoint: '/',
        },
        40,
      ),
      alert({ alertname: 'KubePodCrashLooping', cluster, ...pod('default', 'web-7f9c-x2'), container: 'web' }, 35),
      // A GPU fault on node-3 (DCGM: Hostname), and the training pod there.
      alert({ alertname: 'GPUXidError', cluster, Hostname: 'node-3', gpu: '0', job: 'dcgm' }, 50),
      alert({ alertname: 'KubePodNotReady', cluster, ...pod('default', 'trainer-0') }, 45),
      // Bystander on node-1: shares the node, no rule links it.
      alert({ alertname: 'HostHighCpuLoad', cluster, instance: '10.0.0.1:9100', job: 'node-exporter' }, 28),
    );
  }
  out.push(alert({ alertname: 'Watchdog', severity: 'none' }, 600));
  return out;
}

interface JsonAlert {
  fingerprint: string;
  labels: Record<string, string>;
  causedBy: string | null;
  topology: { node: string[]; workload: string[] };
}
interface JsonIncident {
  root: string;
  alerts: JsonAlert[];
}

describe('topology from a real Prometheus, joined with a storm in a real Alertmanager', () => {
  let prom: ServerHandle;
  let bare: ServerHandle;
  let am: ServerHandle;
  let dataDir: string;
  let home: string;
  const envFor = (promUrl: string) => {
    const cfg = path.join(home, `config-${new URL(promUrl).port}.yaml`);
    fs.writeFileSync(
      cfg,
      `current_context: t\ncontexts:\n  t:\n    prometheus:\n      url: ${promUrl}\n    alertmanagers:\n      - url: ${am.url}\n`,
    );
    return isolatedEnv({ ONCALL_CONFIG: cfg });
  };

  beforeAll(async () => {
    dataDir = await backfill(topologySeries());
    [prom, bare, am] = await Promise.all([
      startPrometheus({ config: 'global:\n  scrape_interval: 15s\n', dataDir }),
      startPrometheus({ config: 'global:\n  scrape_interval: 15s\n' }),
      alertmanager(),
    ]);
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-topology-'));
    const alerts = storm();
    await postAlerts(am.url, alerts);
    await waitForAlerts(am.url, alerts.length);
  });

  afterAll(async () => {
    await Promise.all([prom?.stop(), bare?.stop(), am?.stop()]);
    if (dataDir) fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  async function incidents(promUrl: string): Promise<JsonIncident[]> {
    const r = await runCli(['incidents', '--json'], { env: envFor(promUrl) });
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { incidents: JsonIncident[] }).incidents;
  }

  /** "alertname@cluster" of each alert, with its cause's, per incident; sorted, for comparison. */
  function shape(list: JsonIncident[]): string[][] {
    return list
      .map((inc) => {
        const by = new Map(inc.alerts.map((a) => [a.fingerprint, a]));
        const id = (a: JsonAlert) => {
          const name = a.labels.alertname ?? '';
          const pod = a.labels.exported_pod ?? (name.startsWith('KubePod') ? a.labels.pod : undefined);
          return `${name}@${a.labels.cluster ?? '-'}${pod ? `/${pod}` : ''}`;
        };
        return inc.alerts.map((a) => `${id(a)}${a.causedBy ? ` <- ${id(by.get(a.causedBy)!)}` : ' (root)'}`).sort();
      })
      .sort((x, y) => x[0]!.localeCompare(y[0]!));
  }

  it('groups each failure along node and workload, cluster by cluster, bystanders apart', async () => {
    const got = shape(await incidents(prom.url));
    const expected: string[][] = [['Watchdog@- (root)']];
    for (const c of ['a', 'b']) {
      expected.push(
        // node-1's failure and node-2's disk are two roots of one incident: the deployment lost a replica through
        // the pod of each (equal [cluster, workload]); it hangs under the earlier-ranked of them.
        [
          `KubeNodeNotReady@${c} (root)`,
          `KubePodNotReady@${c}/web-7f9c-x1 <- KubeNodeNotReady@${c}`,
          `NodeFilesystemAlmostOutOfSpace@${c} (root)`,
          `KubePodCrashLooping@${c}/web-7f9c-x2 <- NodeFilesystemAlmostOutOfSpace@${c}`,
          `KubeDeploymentReplicasMismatch@${c} <- ${
            got
              .flat()
              .find((x) => x.startsWith(`KubeDeploymentReplicasMismatch@${c} <- `))
              ?.split(' <- ')[1]
          }`,
        ].sort(),
        [`GPUXidError@${c} (root)`, `KubePodNotReady@${c}/trainer-0 <- GPUXidError@${c}`].sort(),
        [`HostHighCpuLoad@${c} (root)`],
      );
    }
    expect(got).toEqual(expected.sort((x, y) => x[0]!.localeCompare(y[0]!)));
    const cause = got
      .flat()
      .filter((x) => x.startsWith('KubeDeploymentReplicasMismatch'))
      .map((x) => x.split(' <- ')[1]!.split('@')[0]);
    for (const c of cause) expect(['KubePodNotReady', 'KubePodCrashLooping']).toContain(c);
  });

  it("derives node and workload beside the labels, never from kube-state-metrics' own pod or instance", async () => {
    const all = (await incidents(prom.url)).flatMap((i) => i.alerts);
    const find = (name: string, c: string, extra: (a: JsonAlert) => boolean = () => true) =>
      all.find((a) => a.labels.alertname === name && a.labels.cluster === c && extra(a))!;
    for (const c of ['a', 'b']) {
      expect(find('KubeNodeNotReady', c).topology).toEqual({ node: ['node-1'], workload: [] });
      expect(
        find('KubePodNotReady', c, (a) => (a.labels.exported_pod ?? a.labels.pod) === 'web-7f9c-x1').topology,
      ).toEqual({ node: ['node-1'], workload: ['default/deployment/web'] });
      expect(
        find('KubePodNotReady', c, (a) => (a.labels.exported_pod ?? a.labels.pod) === 'trainer-0').topology,
      ).toEqual({ node: ['node-3'], workload: ['default/statefulset/trainer'] });
      // Workload-level: every node of its pods, not node-9 where kube-state-metrics runs.
      expect(find('KubeDeploymentReplicasMismatch', c).topology).toEqual({
        node: ['node-1', 'node-2'],
        workload: ['default/deployment/web'],
      });
      expect(find('NodeFilesystemAlmostOutOfSpace', c).topology.node).toEqual(['node-2']);
      expect(find('GPUXidError', c).topology.node).toEqual(['node-3']);
      expect(find('HostHighCpuLoad', c).topology.node).toEqual(['node-1']);
    }
    for (const a of all) expect(Object.keys(a.labels)).not.toContain('topology');
  });

  it('oncall rules says topology is on and where from, or off and why', async () => {
    const on = await runCli(['rules', '--json'], { env: envFor(prom.url) });
    expect(on.code, on.stderr).toBe(0);
    const j = JSON.parse(on.stdout) as {
      topology: { on: boolean; reason: string };
      rules: { source: string; equal: string[] }[];
    };
    expect(j.topology.on).toBe(true);
    expect(j.topology.reason).toMatch(/10 pods \(kube_pod_info\)/);
    expect(j.rules.filter((r) => r.source === 'built-in kubernetes pack').map((r) => r.equal)).toEqual([
      ['cluster', 'node'],
      ['cluster', 'workload'],
    ]);
    const off = await runCli(['rules'], { env: envFor(bare.url) });
    expect(off.code, off.stderr).toBe(0);
    expect(off.stdout).toMatch(/Topology .*: off, .*holds no kube_pod_info or node_uname_info series/);
  });

  it('without topology series, pods stay apart from their node (grouping as before)', async () => {
    const got = shape(await incidents(bare.url));
    const nodeInc = got.find((g) => g.some((x) => x.startsWith('KubeNodeNotReady@a')))!;
    expect(nodeInc).toEqual(['KubeNodeNotReady@a (root)']);
  });
});
