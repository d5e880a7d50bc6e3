// The Kubernetes objects of the simulated fleet, as kube-state-metrics lists them. Each GPU host is a node of its
// cluster; every model it serves runs in one pod of that model's Deployment (namespace ml-serving), through the
// Deployment's ReplicaSet, so a Deployment whose model is served on two hosts has two replicas on two nodes. Each
// cluster runs its kube-state-metrics in a pod of its own on its first node. Names have the real shapes
// (<deployment>-<pod-template-hash>-<5 characters>) and are hashes of what they name, so they never change between
// runs; the same Deployment in two clusters has the same template hash and different pods, as in real fleets.
import { createHash } from 'node:crypto';
import { CLUSTERS, FLEET } from './fleet.js';

export const SERVING_NAMESPACE = 'ml-serving';
export const MONITORING_NAMESPACE = 'monitoring';
export const KSM_NAME = 'kube-state-metrics';
export const KSM_PORT = 8080;

export interface KubeNode {
  cluster: string;
  node: string;
  /** The node-exporter scrape instance of this node (node_uname_info maps it back to the node). */
  instance: string;
  internalIp: string;
}

export interface KubePod {
  cluster: string;
  namespace: string;
  pod: string;
  uid: string;
  node: string;
  hostIp: string;
  podIp: string;
  replicaset: string;
  deployment: string;
}

export interface KubeDeployment {
  cluster: string;
  namespace: string;
  deployment: string;
  replicaset: string;
  /** Its pods, in fleet order; spec.replicas is their number. */
  pods: KubePod[];
}

export interface KubeCluster {
  cluster: string;
  nodes: KubeNode[];
  deployments: KubeDeployment[];
  pods: KubePod[];
  /** kube-state-metrics' own pod: its scrape target's `pod`, `namespace` and `instance` (IP:port). */
  ksm: KubePod;
}

// Kubernetes' own alphabet for generated name suffixes (no vowels, no look-alike digits).
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function hashName(seed: string, length: number): string {
  const bytes = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! % ALPHABET.length];
  return out;
}

function uid(seed: string): string {
  const h = createHash('sha256').update(`uid:${seed}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function build(): KubeCluster[] {
  return CLUSTERS.map((cluster, ci) => {
    const net = 10 * (ci + 1);
    const hosts = FLEET.filter((h) => h.cluster === cluster);
    const nodes: KubeNode[] = hosts.map((h, i) => ({
      cluster,
      node: h.instance,
      instance: h.instance,
      internalIp: `10.${net}.0.${11 + i}`,
    }));
    const ipOf = new Map(nodes.map((n) => [n.node, n.internalIp]));
    let podIps = 0;
    const pod = (namespace: string, deployment: string, node: string): KubePod => {
      const replicaset = `${deployment}-${hashName(`template:${namespace}/${deployment}`, 10)}`;
      const name = `${replicaset}-${hashName(`pod:${cluster}/${namespace}/${deployment}/${node}`, 5)}`;
      podIps++;
      return {
        cluster,
        namespace,
        pod: name,
        uid: uid(`${cluster}/${namespace}/${name}`),
        node,
        hostIp: ipOf.get(node)!,
        podIp: `10.${net}.${1 + Math.floor(podIps / 200)}.${(podIps % 200) + 20}`,
        replicaset,
        deployment,
      };
    };
    const pods = hosts.flatMap((h) => h.gpus.map((g) => pod(SERVING_NAMESPACE, g.model, h.instance)));
    const deployments: KubeDeployment[] = [...new Set(pods.map((p) => p.deployment))].map((d) => {
      const own = pods.filter((p) => p.deployment === d);
      return { cluster, namespace: SERVING_NAMESPACE, deployment: d, replicaset: own[0]!.replicaset, pods: own };
    });
    const ksm = pod(MONITORING_NAMESPACE, KSM_NAME, nodes[0]!.node);
    deployments.push({
      cluster,
      namespace: MONITORING_NAMESPACE,
      deployment: KSM_NAME,
      replicaset: ksm.replicaset,
      pods: [ksm],
    });
    return { cluster, nodes, deployments, pods: [...pods, ksm], ksm };
  });
}

let built: KubeCluster[] | undefined;

/** The Kubernetes objects of each cluster of the fleet. */
export function kubeClusters(): KubeCluster[] {
  built ??= build();
  return built;
}

/** The scrape instance of a cluster's kube-state-metrics: its pod's IP and port, as endpoint discovery gives it. */
export function ksmInstance(k: KubeCluster): string {
  return `${k.ksm.podIp}:${KSM_PORT}`;
}

/**
 * The labels Kubernetes endpoint discovery gives kube-state-metrics' scrape target besides `instance`: its own pod
 * and namespace, which stay on every series that names no pod or namespace of its own.
 */
export function ksmTargetLabels(k: KubeCluster): Record<string, string> {
  return { namespace: MONITORING_NAMESPACE, pod: k.ksm.pod, container: KSM_NAME, service: KSM_NAME, endpoint: 'http' };
}
