// The cluster's topology as Prometheus holds it (kube-state-metrics and node-exporter series), read from instant
// query samples into lookups keyed by cluster. Every key starts with the cluster label's value, so topology never
// crosses clusters: the same node or pod name in two clusters is two things.
import type { Labels } from '../types.js';

/** The series topology is read from, one instant query each (fixed, whatever the number of alerts). */
export const TOPOLOGY_QUERIES = {
  podInfo: 'kube_pod_info',
  podOwner: 'kube_pod_owner',
  replicaSetOwner: 'kube_replicaset_owner',
  uname: 'node_uname_info',
} as const;

export type TopologySeries = keyof typeof TOPOLOGY_QUERIES;

/** One workload: "namespace/kind/name", kind lower-case (deployment, statefulset, daemonset, job). */
export const workloadKey = (namespace: string, kind: string, name: string) =>
  `${namespace}/${kind.toLowerCase()}/${name}`;

export interface TopologySnapshot {
  clusterLabel: string;
  /** cluster \0 namespace \0 pod → node. */
  podNode: Map<string, string>;
  /** cluster \0 namespace \0 pod → workload key. */
  podWorkload: Map<string, string>;
  /** cluster \0 workload key → nodes of its pods. */
  workloadNodes: Map<string, Set<string>>;
  /** cluster \0 instance → node (node_uname_info's nodename). */
  instanceNode: Map<string, string>;
  /** How many series of each kind were read (0: that part of the topology is absent). */
  counts: Record<TopologySeries, number>;
}

export const key = (...parts: string[]) => parts.join('\u0000');

/**
 * A series' own namespace and pod: kube-state-metrics scraped without honor_labels puts them in exported_namespace
 * and exported_pod, leaving namespace and pod to name kube-state-metrics' own pod.
 */
function subject(l: Labels, name: 'namespace' | 'pod'): string {
  return l[`exported_${name}`] || l[name] || '';
}

/** Lookups from the metric labels of each query's samples (missing series kinds: empty lists). */
export function topologySnapshot(
  series: Partial<Record<TopologySeries, Labels[]>>,
  clusterLabel = 'cluster',
): TopologySnapshot {
  const c = (l: Labels) => l[clusterLabel] ?? '';
  const podNode = new Map<string, string>();
  for (const l of series.podInfo ?? [])
    if (l.node) podNode.set(key(c(l), subject(l, 'namespace'), subject(l, 'pod')), l.node);
  const rsDeployment = new Map<string, string>();
  for (const l of series.replicaSetOwner ?? []) {
    if (l.owner_kind === 'Deployment' && l.replicaset && l.owner_name)
      rsDeployment.set(key(c(l), subject(l, 'namespace'), l.replicaset), l.owner_name);
  }
  const podWorkload = new Map<string, string>();
  for (const l of series.podOwner ?? []) {
    const ns = subject(l, 'namespace');
    const kind = l.owner_kind ?? '';
    let w: string | undefined;
    if (kind === 'ReplicaSet') {
      // A ReplicaSet resolves to its Deployment; a bare ReplicaSet is its own workload.
      const d = rsDeployment.get(key(c(l), ns, l.owner_name ?? ''));
      w = d ? workloadKey(ns, 'deployment', d) : workloadKey(ns, 'replicaset', l.owner_name ?? '');
    } else if (kind === 'StatefulSet' || kind === 'DaemonSet' || kind === 'Job')
      w = workloadKey(ns, kind, l.owner_name ?? '');
    if (w && l.owner_name) podWorkload.set(key(c(l), ns, subject(l, 'pod')), w);
  }
  const workloadNodes = new Map<string, Set<string>>();
  for (const [pod, w] of podWorkload) {
    const node = podNode.get(pod);
    if (!node) continue;
    const k = key(pod.slice(0, pod.indexOf('\u0000')), w);
    const set = workloadNodes.get(k);
    if (set) set.add(node);
    else workloadNodes.set(k, new Set([node]));
  }
  const instanceNode = new Map<string, string>();
  for (const l of series.uname ?? []) if (l.instance && l.nodename) instanceNode.set(key(c(l), l.instance), l.nodename);
  const counts = {
    podInfo: series.podInfo?.length ?? 0,
    podOwner: series.podOwner?.length ?? 0,
    replicaSetOwner: series.replicaSetOwner?.length ?? 0,
    uname: series.uname?.length ?? 0,
  };
  return { clusterLabel, podNode, podWorkload, workloadNodes, instanceNode, counts };
}

/** No topology series: placement from the alerts' own labels only. */
export function emptySnapshot(clusterLabel = 'cluster'): TopologySnapshot {
  return topologySnapshot({}, clusterLabel);
}
