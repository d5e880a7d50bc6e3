// Each alert's place in the cluster, from its labels and the topology snapshot:
// - node: its own `node` label; else its pod's node (kube_pod_info via cluster, namespace, pod); else its scrape
//   instance's node (node_uname_info via cluster, instance); else a `Hostname` label (DCGM exporter); a workload-level
//   alert (namespace + deployment / statefulset / daemonset / job_name) concerns every node its pods are on.
// - workload: its own deployment / statefulset / daemonset / job_name label; else its pod's owner (kube_pod_owner, a
//   ReplicaSet resolved to its Deployment through kube_replicaset_owner).
// Alerts computed from kube-state-metrics also carry the scrape target's labels: `instance`, and for node- and
// workload-level series `pod` of kube-state-metrics itself (its subject's are in exported_pod/exported_namespace
// where honor_labels is off). Those never place an alert on kube-state-metrics' node.
import type { Alert, Labels, Topology } from '../types.js';
import { key, workloadKey, type TopologySnapshot } from './snapshot.js';

/** Workload labels an alert may carry, and the kind each names. `job` is the scrape job, never a workload. */
const WORKLOAD_LABELS: readonly [string, string][] = [
  ['deployment', 'deployment'],
  ['statefulset', 'statefulset'],
  ['daemonset', 'daemonset'],
  ['job_name', 'job'],
];

const KSM = /kube-state-metrics/;

/** The pod an alert is about, or '' when its `pod` label (if any) is kube-state-metrics' own. */
function subjectPod(
  l: Labels,
  fromKsm: boolean,
  ownWorkload: boolean,
  snap: TopologySnapshot,
  cluster: string,
  ns: string,
): string {
  if (l.exported_pod) return l.exported_pod;
  const pod = l.pod ?? '';
  if (!pod || !fromKsm) return pod;
  // From kube-state-metrics: `pod` is the subject only on pod-level series, never beside a workload label, and
  // never kube-state-metrics' own pod.
  if (
    ownWorkload ||
    l.container === 'kube-state-metrics' ||
    KSM.test(pod) ||
    KSM.test(snap.podWorkload.get(key(cluster, ns, pod)) ?? '')
  )
    return '';
  return pod;
}

/** No lookups at all (no Prometheus, or no kube-state-metrics / node-exporter series). */
const isEmpty = (s: TopologySnapshot) =>
  s.podNode.size === 0 && s.podWorkload.size === 0 && s.workloadNodes.size === 0 && s.instanceNode.size === 0;

/** No node and no workload: one shared value, not three new objects for each such alert (20,000 in a storm). */
const NOWHERE: Topology = Object.freeze({ node: Object.freeze([]), workload: Object.freeze([]) });

/** Without a snapshot only an alert's own labels place it: what deriveTopology finds when every lookup misses. */
function ownTopology(l: Labels): Topology {
  const ns = l.exported_namespace || l.namespace || '';
  let workload: string[] | undefined;
  for (const [label, kind] of WORKLOAD_LABELS) if (l[label]) (workload ??= []).push(workloadKey(ns, kind, l[label]!));
  const node = l.node || l.Hostname;
  return node || workload ? { node: node ? [node] : [], workload: workload ?? [] } : NOWHERE;
}

export function deriveTopology(l: Labels, snap: TopologySnapshot): Topology {
  if (isEmpty(snap)) return ownTopology(l);
  const cluster = l[snap.clusterLabel] ?? '';
  const fromKsm = KSM.test(l.job ?? '');
  const ns = l.exported_namespace || l.namespace || '';
  const workload: string[] = [];
  for (const [label, kind] of WORKLOAD_LABELS) if (l[label]) workload.push(workloadKey(ns, kind, l[label]!));
  const nodes = new Set<string>();
  const pod = subjectPod(l, fromKsm, workload.length > 0, snap, cluster, ns);
  if (pod && !workload.length) {
    const w = snap.podWorkload.get(key(cluster, ns, pod));
    if (w) workload.push(w);
  }
  if (l.node) nodes.add(l.node);
  else if (pod && snap.podNode.has(key(cluster, ns, pod))) nodes.add(snap.podNode.get(key(cluster, ns, pod))!);
  else if (l.instance && !fromKsm && snap.instanceNode.has(key(cluster, l.instance)))
    nodes.add(snap.instanceNode.get(key(cluster, l.instance))!);
  else if (l.Hostname) nodes.add(l.Hostname);
  else if (!pod) for (const w of workload) for (const n of snap.workloadNodes.get(key(cluster, w)) ?? []) nodes.add(n);
  return { node: [...nodes].sort(), workload };
}

/** Sets each alert's `topology` (in place: the alerts are the caller's fresh copies) and returns the alerts. */
export function attachTopology<A extends Alert>(alerts: A[], snap: TopologySnapshot): A[] {
  for (const a of alerts) a.topology = deriveTopology(a.labels, snap);
  return alerts;
}
