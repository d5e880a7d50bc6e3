// Grouping with topology: `oncall incidents --json` at 20,000 alerts on a fleet of 500 nodes and 10,000 pods whose
// kube-state-metrics and node-exporter series a real Prometheus holds (backfilled with promtool), against the same
// command with topology off; and the Prometheus requests one run sends, at 1,000 and at 20,000 alerts.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPrometheus } from '../../dist/backends/localstack.js';
import { executable, median, run } from './measure.mjs';
import { countingProxy } from './proxy.mjs';
import { pairedRatio } from './report.mjs';
import { postAlerts, startBenchAlertmanager, waitForCount } from './stack.mjs';

const NODES = 500;
const PODS = 10_000;
const DEPLOYMENTS = 1_000;
const CLUSTERS = ['prod-a', 'prod-b'];

const nodeOf = (p) => `node-${p % (NODES / CLUSTERS.length)}`;
const podName = (p) => `app-${p % DEPLOYMENTS}-rs-${p}`;

/** OpenMetrics text of the fleet's topology series, one sample a minute over the last 10 minutes. */
function fleetOpenMetrics(now) {
  const lines = [];
  const put = (name, labels) => {
    const l = Object.entries(labels)
      .map(([k, v]) => `${k}="${v}"`)
      .join(',');
    for (let t = now - 600; t <= now - 15; t += 60) lines.push(`${name}{${l}} 1 ${t}`);
  };
  const perCluster = PODS / CLUSTERS.length;
  CLUSTERS.forEach((cluster, ci) => {
    for (let i = 0; i < perCluster; i++) {
      const p = ci * perCluster + i;
      put('kube_pod_info', { cluster, namespace: 'apps', pod: podName(p), node: nodeOf(p) });
    }
  });
  CLUSTERS.forEach((cluster, ci) => {
    for (let i = 0; i < perCluster; i++) {
      const p = ci * perCluster + i;
      put('kube_pod_owner', {
        cluster,
        namespace: 'apps',
        pod: podName(p),
        owner_kind: 'ReplicaSet',
        owner_name: `app-${p % DEPLOYMENTS}-rs`,
      });
    }
  });
  for (const cluster of CLUSTERS)
    for (let d = 0; d < DEPLOYMENTS; d++)
      put('kube_replicaset_owner', {
        cluster,
        namespace: 'apps',
        replicaset: `app-${d}-rs`,
        owner_kind: 'Deployment',
        owner_name: `app-${d}`,
      });
  for (const cluster of CLUSTERS)
    for (let n = 0; n < NODES / CLUSTERS.length; n++)
      put('node_uname_info', { cluster, instance: `10.0.${n >> 8}.${n & 255}:9100`, nodename: `node-${n}` });
  return lines.join('\n') + '\n# EOF\n';
}

/**
 * n unique alerts of a fleet in trouble, failure after failure: a node not ready with eight of its pods not ready
 * and four of their deployments short of replicas; another node's full disk (node-exporter, by instance) with a
 * pod crash-looping there; a CPU alert on the failed node that no rule links (a bystander). Each failure's alerts
 * carry its number (`failure`), so that the same node failing again is new alerts.
 */
export function fleetAlerts(n, now = Date.now()) {
  const out = [];
  const at = (min) => new Date(now - min * 60_000).toISOString();
  const endsAt = new Date(now + 24 * 3600_000).toISOString();
  const add = (labels, min) =>
    out.length < n &&
    out.push({
      labels: { severity: 'warning', ...labels },
      annotations: { summary: `${labels.alertname} firing` },
      startsAt: at(min),
      endsAt,
    });
  const perNode = NODES / CLUSTERS.length;
  const perCluster = PODS / CLUSTERS.length;
  const ksm = { job: 'kube-state-metrics', pod: 'kube-state-metrics-0', instance: '10.9.0.1:8080' };
  for (let k = 0; out.length < n; k++) {
    const ci = k % CLUSTERS.length;
    const cluster = CLUSTERS[ci];
    const failure = String(k);
    const nd = (k * 37) % perNode;
    const podOn = (node, j) => ci * perCluster + node + perNode * j; // pod p runs on node p % perNode
    add({ alertname: 'KubeNodeNotReady', cluster, node: `node-${nd}`, ...ksm, failure }, 40);
    for (let j = 0; j < 8; j++)
      add(
        { alertname: 'KubePodNotReady', cluster, ...ksm, namespace: 'apps', pod: podName(podOn(nd, j)), failure },
        30,
      );
    for (let j = 0; j < 4; j++)
      add(
        {
          alertname: 'KubeDeploymentReplicasMismatch',
          cluster,
          ...ksm,
          namespace: 'apps',
          deployment: `app-${podOn(nd, j) % DEPLOYMENTS}`,
          failure,
        },
        20,
      );
    const disk = (nd + 101) % perNode;
    add(
      {
        alertname: 'NodeFilesystemAlmostOutOfSpace',
        cluster,
        instance: `10.0.${disk >> 8}.${disk & 255}:9100`,
        job: 'node-exporter',
        mountpoint: '/',
        failure,
      },
      50,
    );
    add(
      {
        alertname: 'KubePodCrashLooping',
        cluster,
        ...ksm,
        namespace: 'apps',
        pod: podName(podOn(disk, 0)),
        container: 'app',
        failure,
      },
      25,
    );
    add(
      {
        alertname: 'HostHighCpuLoad',
        cluster,
        instance: `10.0.${nd >> 8}.${nd & 255}:9100`,
        job: 'node-exporter',
        failure,
      },
      35,
    );
  }
  return out;
}

const config = (dir, name, promUrl, amUrl, topology) => {
  const file = path.join(dir, `${name}.yaml`);
  fs.writeFileSync(
    file,
    `current_context: t\ncontexts:\n  t:\n    prometheus:\n      url: ${promUrl}\n    alertmanagers:\n      - url: ${amUrl}\n    topology: { enabled: ${topology} }\n`,
    { mode: 0o600 },
  );
  return file;
};

export async function measureTopology(root, env, say, rounds = 5) {
  const cli = executable(root);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-bench-topology-'));
  const servers = [];
  try {
    const now = Math.floor(Date.now() / 1000);
    fs.writeFileSync(path.join(dir, 'fleet.om'), fleetOpenMetrics(now));
    execFileSync(
      'promtool',
      ['tsdb', 'create-blocks-from', 'openmetrics', path.join(dir, 'fleet.om'), path.join(dir, 'tsdb')],
      { stdio: 'ignore' },
    );
    const prom = await startPrometheus({
      config: 'global:\n  scrape_interval: 15s\n',
      dataDir: path.join(dir, 'tsdb'),
    });
    servers.push(prom);
    const [big, small] = [await startBenchAlertmanager(), await startBenchAlertmanager()];
    servers.push(big, small);
    const alerts = fleetAlerts(20_000);
    await postAlerts(big.url, alerts);
    await postAlerts(small.url, alerts.slice(0, 1000));
    await Promise.all([waitForCount(big.url, 20_000), waitForCount(small.url, 1000)]);
    const proxy = await countingProxy(prom.url);
    servers.push({ stop: proxy.close });
    const on = config(dir, 'on', proxy.url, big.url, true);
    const off = config(dir, 'off', proxy.url, big.url, false);
    const requests = {};
    for (const [label, amUrl] of [
      ['1000', small.url],
      ['20000', big.url],
    ]) {
      const before = proxy.snapshot();
      const r = await run(process.execPath, [cli, 'incidents', '--json'], {
        env: { ...env, ONCALL_CONFIG: config(dir, `req-${label}`, proxy.url, amUrl, true) },
      });
      if (r.code !== 0) throw new Error(`oncall incidents failed: ${r.stderr.trim()}`);
      requests[label] = proxy.since(before);
    }
    // What topology did: alerts placed on a node, and incidents, with and without it.
    const outFile = path.join(dir, 'out.json');
    const effect = {};
    for (const [side, file] of [
      ['on', on],
      ['off', off],
    ]) {
      const r = await run(process.execPath, [cli, 'incidents', '--json'], {
        env: { ...env, ONCALL_CONFIG: file },
        stdoutFile: outFile,
      });
      if (r.code !== 0) throw new Error(`oncall incidents failed: ${r.stderr.trim()}`);
      const doc = JSON.parse(fs.readFileSync(outFile, 'utf8'));
      effect[side] = {
        incidents: doc.incidents.length,
        placed: doc.incidents.reduce((k, i) => k + i.alerts.filter((a) => a.topology.node.length).length, 0),
      };
    }
    const times = { on: [], off: [] };
    for (let i = 0; i < rounds; i++) {
      for (const side of i % 2 ? ['off', 'on'] : ['on', 'off']) {
        const r = await run(process.execPath, [cli, 'incidents', '--json'], {
          env: { ...env, ONCALL_CONFIG: side === 'on' ? on : off },
        });
        if (r.code !== 0) throw new Error(`oncall incidents failed: ${r.stderr.trim()}`);
        times[side].push(r.ms);
      }
    }
    const result = {
      nodes: NODES,
      pods: PODS,
      alerts: 20_000,
      onMs: median(times.on),
      offMs: median(times.off),
      requests,
      effect,
    };
    // Paired by round, as every other ratio here (a ratio of the two medians swung from +9% to +37% between runs).
    result.overhead = pairedRatio({ samplesMs: times.on }, { samplesMs: times.off }) - 1;
    say(
      `topology: incidents --json at 20,000 alerts, ${NODES} nodes, ${PODS} pods: ${result.onMs.toFixed(0)} ms with, ${result.offMs.toFixed(0)} ms without (${(result.overhead * 100).toFixed(0)}%); ${effect.on.placed} alerts placed on a node, ${effect.on.incidents} incidents (${effect.off.placed} and ${effect.off.incidents} without); Prometheus requests per run: ${JSON.stringify(requests)}`,
    );
    return result;
  } finally {
    for (const s of servers.reverse()) await s.stop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
