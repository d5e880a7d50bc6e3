// What each cluster's kube-state-metrics exposes about the objects of src/demo/kube.ts: the series the Kubernetes
// alerts of demo/rules.yml read (node conditions, pod phases and readiness, Deployment replicas) and the ones
// oncall reads the topology from (kube_pod_info, kube_pod_owner, kube_replicaset_owner). Values follow the fleet
// state: a node whose kubelet stopped posting status has every condition Unknown; its pods, once lost, are in
// phase Unknown and not ready (as kubectl shows pods of a lost node), and their Deployments are short of them.
// Replacement pods are not modelled: every GPU of the cluster is taken, so they could not be scheduled anyway.
import { Gauge, Registry } from 'prom-client';
import { hostKey } from './fleet.js';
import type { KubeCluster } from './kube.js';
import type { FleetState } from './state.js';

const CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure', 'NetworkUnavailable'] as const;
const PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'] as const;
const STATUSES = ['true', 'false', 'unknown'] as const;

export interface KubeStateMetrics {
  reg: Registry;
  /** Sets every series from the fleet state. */
  update(state: FleetState): void;
}

export function kubeStateMetrics(k: KubeCluster): KubeStateMetrics {
  const reg = new Registry();
  const g = (name: string, help: string, labelNames: string[]) =>
    new Gauge({ name, help, labelNames: ['cluster', ...labelNames], registers: [reg] });
  const podLabels = ['namespace', 'pod', 'uid'];
  const deployLabels = ['namespace', 'deployment'];
  const m = {
    nodeInfo: g('kube_node_info', 'Information about a cluster node.', [
      'node',
      'internal_ip',
      'kernel_version',
      'os_image',
      'container_runtime_version',
      'kubelet_version',
      'kubeproxy_version',
      'provider_id',
      'pod_cidr',
    ]),
    nodeCondition: g('kube_node_status_condition', 'The condition of a cluster node.', ['node', 'condition', 'status']),
    nodeUnschedulable: g('kube_node_spec_unschedulable', 'Whether a node can schedule new pods.', ['node']),
    podInfo: g('kube_pod_info', 'Information about pod.', [
      ...podLabels,
      'node',
      'host_ip',
      'pod_ip',
      'host_network',
      'created_by_kind',
      'created_by_name',
      'priority_class',
    ]),
    podOwner: g('kube_pod_owner', "Information about the Pod's owner.", [
      ...podLabels,
      'owner_kind',
      'owner_name',
      'owner_is_controller',
    ]),
    podPhase: g('kube_pod_status_phase', 'The pods current phase.', [...podLabels, 'phase']),
    podReady: g('kube_pod_status_ready', 'Describes whether the pod is ready to serve requests.', [
      ...podLabels,
      'condition',
    ]),
    rsOwner: g('kube_replicaset_owner', "Information about the ReplicaSet's owner.", [
      'namespace',
      'replicaset',
      'owner_kind',
      'owner_name',
      'owner_is_controller',
    ]),
    rsReplicas: g('kube_replicaset_spec_replicas', 'Number of desired pods for a ReplicaSet.', [
      'namespace',
      'replicaset',
    ]),
    spec: g('kube_deployment_spec_replicas', 'Number of desired pods for a deployment.', deployLabels),
    replicas: g('kube_deployment_status_replicas', 'The number of replicas per deployment.', deployLabels),
    available: g(
      'kube_deployment_status_replicas_available',
      'The number of available replicas per deployment.',
      deployLabels,
    ),
    unavailable: g(
      'kube_deployment_status_replicas_unavailable',
      'The number of unavailable replicas per deployment.',
      deployLabels,
    ),
    updated: g(
      'kube_deployment_status_replicas_updated',
      'The number of updated replicas per deployment.',
      deployLabels,
    ),
    generation: g(
      'kube_deployment_metadata_generation',
      'Sequence number representing a specific generation of the desired state.',
      deployLabels,
    ),
    observed: g(
      'kube_deployment_status_observed_generation',
      'The generation observed by the deployment controller.',
      deployLabels,
    ),
  };
  const c = { cluster: k.cluster };

  // What does not change: identities, owners, specs.
  k.nodes.forEach((n, i) => {
    m.nodeInfo.set(
      {
        ...c,
        node: n.node,
        internal_ip: n.internalIp,
        kernel_version: '6.8.0-1015-nvidia',
        os_image: 'Ubuntu 24.04.1 LTS',
        container_runtime_version: 'containerd://1.7.22',
        kubelet_version: 'v1.31.2',
        kubeproxy_version: 'deprecated',
        provider_id: `aws:///${k.cluster}-1a/i-0${(0x3f1a2b4c5d + i).toString(16)}`,
        pod_cidr: `${n.internalIp.split('.').slice(0, 2).join('.')}.${i + 1}.0/24`,
      },
      1,
    );
    m.nodeUnschedulable.set({ ...c, node: n.node }, 0);
  });
  for (const p of k.pods) {
    const id = { ...c, namespace: p.namespace, pod: p.pod, uid: p.uid };
    m.podInfo.set(
      {
        ...id,
        node: p.node,
        host_ip: p.hostIp,
        pod_ip: p.podIp,
        host_network: 'false',
        created_by_kind: 'ReplicaSet',
        created_by_name: p.replicaset,
        priority_class: '',
      },
      1,
    );
    m.podOwner.set({ ...id, owner_kind: 'ReplicaSet', owner_name: p.replicaset, owner_is_controller: 'true' }, 1);
  }
  for (const d of k.deployments) {
    const l = { ...c, namespace: d.namespace, deployment: d.deployment };
    m.rsOwner.set(
      {
        ...c,
        namespace: d.namespace,
        replicaset: d.replicaset,
        owner_kind: 'Deployment',
        owner_name: d.deployment,
        owner_is_controller: 'true',
      },
      1,
    );
    m.rsReplicas.set({ ...c, namespace: d.namespace, replicaset: d.replicaset }, d.pods.length);
    m.spec.set(l, d.pods.length);
    m.replicas.set(l, d.pods.length);
    m.updated.set(l, d.pods.length);
    m.generation.set(l, 1);
    m.observed.set(l, 1);
  }

  const update = (state: FleetState) => {
    const host = (node: string) => state.hosts.get(hostKey(k.cluster, node));
    for (const n of k.nodes) {
      const unknown = host(n.node)?.notReady ?? false;
      for (const condition of CONDITIONS) {
        // Healthy: Ready is true and every pressure condition false; a silent kubelet leaves them all Unknown.
        const now = unknown ? 'unknown' : condition === 'Ready' ? 'true' : 'false';
        for (const status of STATUSES)
          m.nodeCondition.set({ ...c, node: n.node, condition, status }, status === now ? 1 : 0);
      }
    }
    const lost = (p: { node: string }) => host(p.node)?.podsLost ?? false;
    for (const p of k.pods) {
      const id = { ...c, namespace: p.namespace, pod: p.pod, uid: p.uid };
      const phase = lost(p) ? 'Unknown' : 'Running';
      for (const ph of PHASES) m.podPhase.set({ ...id, phase: ph }, ph === phase ? 1 : 0);
      const ready = lost(p) ? 'unknown' : 'true';
      for (const status of STATUSES) m.podReady.set({ ...id, condition: status }, status === ready ? 1 : 0);
    }
    for (const d of k.deployments) {
      const l = { ...c, namespace: d.namespace, deployment: d.deployment };
      const down = d.pods.filter(lost).length;
      m.available.set(l, d.pods.length - down);
      m.unavailable.set(l, down);
    }
  };
  return { reg, update };
}
