// The demo's Kubernetes scenario on the real stack: a real Prometheus scrapes the simulator's kube-state-metrics and
// node exporters and evaluates the kube-prometheus rules of demo/rules.yml, a real Alertmanager holds what fires,
// and `oncall incidents --json` groups the node failure through the topology it reads back from that Prometheus.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoStack, type DemoStack } from '../src/demo/index.js';
import { CLI, isolatedEnv, runCli } from './helpers/stack.js';
import { shellQuote, Tmux } from './helpers/tmux.js';

interface JsonAlert {
  fingerprint: string;
  labels: Record<string, string>;
  causedBy: string | null;
  topology: { node: string[]; workload: string[] };
}
interface JsonIncident {
  id: string;
  root: string;
  alerts: JsonAlert[];
}

/** The chain's length in real time at this speed: the pods are lost 20 scenario seconds in, the Deployment alert
 * waits 1 minute, the node is back after 420; a slower clock than the demo's 4x leaves a wide window to see it. */
const SPEED = 3;

async function query(
  stack: DemoStack,
  promql: string,
): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const res = await fetch(`${stack.promUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
  const body = (await res.json()) as {
    status: string;
    data: { result: { metric: Record<string, string>; value: [number, string] }[] };
    error?: string;
  };
  if (body.status !== 'success') throw new Error(`${promql}: ${body.error}`);
  return body.data.result;
}

/** Polls (a bounded wait for real servers, not a timing assertion). */
async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs: number,
  last: () => string = () => '',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline)
      throw new Error(`${what} did not happen within ${timeoutMs / 1000} s; last seen:\n${last()}`);
    await new Promise((r) => setTimeout(r, 1500));
  }
}

describe('the demo’s node failure on the real stack', () => {
  let stack: DemoStack;
  beforeAll(async () => {
    stack = await startDemoStack({ scenario: 'node-failure', speed: SPEED, history: false });
  });
  afterAll(async () => stack?.stop());

  const oncall = (...args: string[]) => runCli(['--config', stack.configPath, ...args]);

  it('Prometheus holds the topology series the simulator exposes, consistent with each other', async () => {
    await waitFor(
      'a scrape of every kube-state-metrics and node exporter',
      async () => {
        const [pods, uname] = await Promise.all([query(stack, 'kube_pod_info'), query(stack, 'node_uname_info')]);
        return pods.length === 8 && uname.length === 3 ? true : undefined;
      },
      60_000,
    );
    // Six model-server pods and two kube-state-metrics, on the three GPU hosts of two clusters.
    const pods = await query(stack, 'kube_pod_info');
    expect(pods.map((p) => `${p.metric.cluster}/${p.metric.node}/${p.metric.namespace}`).sort()).toEqual([
      'eu-west/gpu-node-1/ml-serving',
      'eu-west/gpu-node-1/ml-serving',
      'eu-west/gpu-node-1/monitoring',
      'us-east/gpu-node-1/ml-serving',
      'us-east/gpu-node-1/ml-serving',
      'us-east/gpu-node-1/monitoring',
      'us-east/gpu-node-2/ml-serving',
      'us-east/gpu-node-2/ml-serving',
    ]);
    // Every pod is on a node kube-state-metrics knows, in its own cluster; every node exporter names such a node.
    expect(await query(stack, 'kube_pod_info unless on (cluster, node) kube_node_info')).toEqual([]);
    expect(
      await query(
        stack,
        'label_replace(node_uname_info, "node", "$1", "nodename", "(.*)") unless on (cluster, node) kube_node_info',
      ),
    ).toEqual([]);
    // Every pod's ReplicaSet belongs to a Deployment.
    expect(
      await query(
        stack,
        'kube_pod_owner unless on (cluster, namespace, owner_name) label_replace(kube_replicaset_owner{owner_kind="Deployment"}, "owner_name", "$1", "replicaset", "(.*)")',
      ),
    ).toEqual([]);
    expect((await query(stack, 'count(kube_pod_owner{owner_kind="ReplicaSet"})'))[0]!.value[1]).toBe('8');
    // The kube-state-metrics target trap, for real: series about nodes and Deployments carry its own pod and
    // instance; pod series name their subject.
    for (const s of await query(
      stack,
      'kube_node_status_condition{condition="Ready",status="true"} or kube_deployment_spec_replicas',
    )) {
      expect(s.metric, JSON.stringify(s.metric)).toMatchObject({
        job: 'kube-state-metrics',
        pod: expect.stringMatching(/^kube-state-metrics-/),
        instance: expect.stringMatching(/:8080$/),
      });
    }
    expect(new Set(pods.map((p) => p.metric.pod)).size).toBe(8);

    const rules = await oncall('rules', '--json');
    expect(rules.code, rules.stderr).toBe(0);
    const topology = (JSON.parse(rules.stdout) as { topology: { on: boolean; reason: string } }).topology;
    expect(topology.on).toBe(true);
    expect(topology.reason).toMatch(
      /8 pods \(kube_pod_info\), 8 pod owners, \d+ ReplicaSet owners, 3 nodes \(node_uname_info\)/,
    );
  }, 90_000);

  it('groups KubeNodeNotReady as the root, its pods under it and their Deployments under them; the disk warning on another node stays apart', async () => {
    let last: JsonIncident[] = [];
    const complete = (inc: JsonIncident) => {
      const names = inc.alerts.map((a) => a.labels.alertname);
      return (
        names.filter((n) => n === 'KubePodNotReady').length === 2 &&
        names.filter((n) => n === 'KubeDeploymentReplicasMismatch').length === 2
      );
    };
    const chain = await waitFor(
      'the node failure’s whole chain in one incident',
      async () => {
        const r = await oncall('incidents', '--json');
        expect(r.code, r.stderr).toBe(0);
        last = (JSON.parse(r.stdout) as { incidents: JsonIncident[] }).incidents;
        return last.find((i) => i.alerts.some((a) => a.labels.alertname === 'KubeNodeNotReady') && complete(i));
      },
      170_000,
      () =>
        last
          .map((i) => i.alerts.map((a) => `${a.labels.alertname}${a.causedBy ? '' : ' (root)'}`).join(', '))
          .join('\n'),
    );

    const byFp = new Map(chain.alerts.map((a) => [a.fingerprint, a]));
    const node = chain.alerts.find((a) => a.labels.alertname === 'KubeNodeNotReady')!;
    expect(chain.root).toBe(node.fingerprint);
    expect(node.causedBy).toBeNull();
    expect(node.labels).toMatchObject({
      cluster: 'us-east',
      node: 'gpu-node-2',
      job: 'kube-state-metrics',
      pod: expect.stringMatching(/^kube-state-metrics-/),
    });
    expect(node.topology).toEqual({ node: ['gpu-node-2'], workload: [] });
    expect(chain.alerts.map((a) => a.labels.alertname).sort()).toEqual([
      'KubeDeploymentReplicasMismatch',
      'KubeDeploymentReplicasMismatch',
      'KubeNodeNotReady',
      'KubePodNotReady',
      'KubePodNotReady',
    ]);

    for (const pod of chain.alerts.filter((a) => a.labels.alertname === 'KubePodNotReady')) {
      expect(pod.causedBy).toBe(node.fingerprint);
      expect(pod.labels).toMatchObject({ cluster: 'us-east', namespace: 'ml-serving' });
      expect(pod.topology.node).toEqual(['gpu-node-2']);
      expect(pod.topology.workload).toEqual([
        `ml-serving/deployment/${pod.labels.pod!.split('-').slice(0, -2).join('-')}`,
      ]);
    }
    const deployments = chain.alerts.filter((a) => a.labels.alertname === 'KubeDeploymentReplicasMismatch');
    expect(deployments.map((d) => d.labels.deployment).sort()).toEqual(['checkout-ranker', 'fraud-detector']);
    for (const d of deployments) {
      const cause = byFp.get(d.causedBy!)!;
      expect(cause.labels.alertname).toBe('KubePodNotReady');
      expect(cause.topology.workload).toEqual([`ml-serving/deployment/${d.labels.deployment}`]);
      expect(d.topology.workload).toEqual([`ml-serving/deployment/${d.labels.deployment}`]);
      // kube-state-metrics' own pod (on gpu-node-1) never places the alert: only its Deployment's pods do.
      expect(d.labels.pod).toMatch(/^kube-state-metrics-/);
      expect(d.topology.node).toEqual(
        d.labels.deployment === 'fraud-detector' ? ['gpu-node-1', 'gpu-node-2'] : ['gpu-node-2'],
      );
    }

    // The disk warning on gpu-node-1, a node of the same cluster and of the fraud-detector Deployment: its own incident.
    const disk = last.find((i) => i.alerts.some((a) => a.labels.alertname === 'DiskSpaceLow'))!;
    expect(disk.alerts.map((a) => a.labels.alertname)).toEqual(['DiskSpaceLow']);
    expect(disk.alerts[0]!.topology.node).toEqual(['gpu-node-1']);
    // The heartbeat is never part of an incident.
    expect(chain.alerts.some((a) => a.labels.alertname === 'Watchdog')).toBe(false);
  }, 200_000);

  it('shows the Watchdog as the header’s heartbeat in the TUI', async () => {
    const t = await Tmux.start({
      command: `${shellQuote(process.execPath)} ${shellQuote(CLI)} --config ${shellQuote(stack.configPath)}; sleep 600`,
      env: isolatedEnv(),
      columns: 160,
      rows: 30,
    });
    try {
      await t.waitFor('watchdog ok', 30_000);
    } finally {
      t.close();
    }
  }, 45_000);
});
