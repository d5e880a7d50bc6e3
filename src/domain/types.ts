// Domain types shared by every layer. Backends produce them, domain logic transforms them, UI and CLI show them.

export type Labels = Record<string, string>;

export type AlertState = 'active' | 'suppressed' | 'unprocessed';

export interface Alert {
  fingerprint: string;
  labels: Labels;
  annotations: Labels;
  startsAt: string;
  endsAt: string;
  updatedAt: string;
  generatorURL: string;
  receivers: string[];
  state: AlertState;
  silencedBy: string[];
  inhibitedBy: string[];
  /**
   * Where the alert sits in the cluster, derived from its labels and the topology series Prometheus holds
   * (domain/topology): kept beside the labels, never added to them, never used in silences.
   */
  topology?: Topology;
  /**
   * Set on an alert that oncall remembers (src/domain/memory) and that no longer fires: when it left
   * Alertmanager's list. Absent or null on a firing alert.
   */
  resolvedAt?: string | null;
}

/** Derived placement of an alert: the nodes it concerns and the workloads ("namespace/kind/name") it belongs to. */
export interface Topology {
  node: readonly string[];
  workload: readonly string[];
}

export type Severity = 'critical' | 'warning' | 'info';

export type Layer = 'infrastructure' | 'service' | 'quality' | 'unknown';

export type SilenceStatus = 'active' | 'pending' | 'expired';

export interface Silence {
  id: string;
  matchers: import('./matchers.js').Matcher[];
  startsAt: string;
  endsAt: string;
  updatedAt: string;
  createdBy: string;
  comment: string;
  status: SilenceStatus;
}
