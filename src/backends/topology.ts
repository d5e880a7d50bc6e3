// Topology client: the kube-state-metrics and node-exporter series that place alerts on nodes and workloads, read
// from the context's Prometheus with a fixed number of instant queries (one per series kind, whatever the number
// of alerts), kept for a TTL (default 60 s) so that a refresh every 15 s costs them once a minute.
import { PROMETHEUS_GRACE_MS, within } from './grace.js';
import type { PrometheusClient } from './prometheus.js';
import type { ContextConfig } from './config/schema.js';
import { parseDuration } from '../domain/duration.js';
import {
  emptySnapshot,
  TOPOLOGY_QUERIES,
  topologySnapshot,
  type TopologySeries,
  type TopologySnapshot,
} from '../domain/topology/snapshot.js';
import type { Labels } from '../domain/types.js';

export interface TopologyState {
  snapshot: TopologySnapshot;
  /** Topology from Prometheus is in use: some pod or node series were found. */
  on: boolean;
  /** Why it is on or off, one line. */
  reason: string;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The labels each query keeps (max by them): a few per series, not the tens kube-state-metrics attaches. */
const KEEP: Record<TopologySeries, string[]> = {
  podInfo: ['namespace', 'pod', 'exported_namespace', 'exported_pod', 'node'],
  podOwner: ['namespace', 'pod', 'exported_namespace', 'exported_pod', 'owner_kind', 'owner_name'],
  replicaSetOwner: ['namespace', 'exported_namespace', 'replicaset', 'owner_kind', 'owner_name'],
  uname: ['instance', 'nodename'],
};

/** The PromQL of one topology query. */
export function topologyQuery(kind: TopologySeries, clusterLabel: string): string {
  const by = [...(LABEL_NAME.test(clusterLabel) ? [clusterLabel] : []), ...KEEP[kind]];
  return `max by (${by.join(', ')}) (${TOPOLOGY_QUERIES[kind]})`;
}

export function topologyOff(reason: string, clusterLabel = 'cluster'): TopologyState {
  return { snapshot: emptySnapshot(clusterLabel), on: false, reason };
}

export class TopologyClient {
  private cached: { at: number; state: TopologyState } | undefined;
  private pending: Promise<TopologyState> | undefined;
  private inFlight: AbortController | undefined;

  constructor(
    private readonly prom: PrometheusClient | undefined,
    private readonly opts: { ttlMs: number; clusterLabel: string; enabled: boolean },
    private readonly now: () => number = Date.now,
  ) {}

  /** The topology, from cache while fresh; never throws (a failure turns topology off, with the reason). */
  async get(): Promise<TopologyState> {
    if (!this.opts.enabled) return topologyOff('off in the config (topology.enabled: false)', this.opts.clusterLabel);
    if (!this.prom) return topologyOff('no Prometheus in this context', this.opts.clusterLabel);
    if (this.cached && this.now() - this.cached.at < this.opts.ttlMs) return this.cached.state;
    this.pending ??= this.fetch().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /**
   * What `pending` (a get() asked beside the alerts) gives if it settles within the grace (PROMETHEUS_GRACE_MS) once
   * the alerts are in; else the last topology read, or none, with why. With `abandon` the request left behind is
   * abandoned (a one-shot command would otherwise wait for it before exiting); without, it goes on and its answer
   * serves the next call.
   */
  async afterAlerts(pending: Promise<TopologyState>, abandon: boolean): Promise<TopologyState> {
    const late = (): TopologyState => {
      if (abandon) this.inFlight?.abort();
      const why = `${this.prom?.name} did not answer within ${PROMETHEUS_GRACE_MS / 1000}s of the alerts`;
      return this.cached?.state ?? topologyOff(why, this.opts.clusterLabel);
    };
    return within(pending, PROMETHEUS_GRACE_MS, late);
  }

  private async fetch(): Promise<TopologyState> {
    const prom = this.prom!;
    const cl = this.opts.clusterLabel;
    const kinds = Object.keys(TOPOLOGY_QUERIES) as TopologySeries[];
    const asked = (this.inFlight = new AbortController());
    let state: TopologyState;
    try {
      const answers = await Promise.all(kinds.map((k) => prom.query(topologyQuery(k, cl), undefined, asked.signal)));
      const series: Partial<Record<TopologySeries, Labels[]>> = {};
      kinds.forEach((k, i) => (series[k] = answers[i]!.data.map((s) => s.metric)));
      const snapshot = topologySnapshot(series, cl);
      const c = snapshot.counts;
      const on = c.podInfo + c.uname > 0;
      state = {
        snapshot,
        on,
        reason: on
          ? `from ${prom.name}: ${c.podInfo} pods (kube_pod_info), ${c.podOwner} pod owners, ${c.replicaSetOwner} ReplicaSet owners, ${c.uname} nodes (node_uname_info)`
          : `${prom.name} holds no kube_pod_info or node_uname_info series (kube-state-metrics and node-exporter)`,
      };
    } catch (e) {
      state = topologyOff(`${prom.name} could not be read: ${(e as Error).message.split('\n')[0]}`, cl);
      // Abandoned: not a verdict on Prometheus, so the next call asks again.
      if (asked.signal.aborted) return state;
    }
    this.cached = { at: this.now(), state };
    return state;
  }
}

/** The context's topology client: its Prometheus, `topology` settings and cluster label. */
export function topologyClientFor(settings: ContextConfig, prom: PrometheusClient | undefined): TopologyClient {
  const t = settings.topology ?? { enabled: true, ttl: '60s' };
  return new TopologyClient(prom, {
    ttlMs: parseDuration(t.ttl),
    enabled: t.enabled,
    clusterLabel: settings.silence?.cluster_label ?? 'cluster',
  });
}
