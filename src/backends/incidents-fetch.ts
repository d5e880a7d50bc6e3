// The reads incident grouping needs, sent together: every Alertmanager's alerts and status (whose running
// configuration holds the inhibit rules). Apart from the grouping (incidents.ts) so that a command can send them
// first and load the grouping while Alertmanager renders a storm's alert list.
import type { AlertmanagerSet, AlertmanagerStatus, AlertQuery, PerBackend } from './alertmanager.js';
import type { BackendError } from './errors.js';
import type { Alert } from '../domain/types.js';
import type { TopologyState } from './topology.js';

export interface IncidentInputs {
  /** Deduplicated across the Alertmanagers that answered. */
  alerts: Alert[];
  /** Alertmanagers whose alerts could not be read. */
  failures: BackendError[];
  statuses: PerBackend<AlertmanagerStatus>[];
  /** Nodes and workloads from Prometheus, added by the caller (absent: grouping without topology). */
  topology?: TopologyState;
}

/** The reads in flight: see sendIncidentReads. */
export interface IncidentReads {
  inputs: Promise<IncidentInputs>;
  statuses: Promise<PerBackend<AlertmanagerStatus>[]>;
}

/**
 * Sends the reads, the alert list's first; `inputs` throws only when no Alertmanager gave its alerts. The statuses
 * come on their own as well: they are small and answered long before a storm's alert list, so a caller can read
 * the inhibit rules from them in the meantime.
 */
export function sendIncidentReads(ams: AlertmanagerSet, q: AlertQuery = {}): IncidentReads {
  const alerts = ams.alerts(q);
  const statuses = ams.each((c) => c.status());
  const inputs = Promise.all([alerts, statuses]).then(([fetched, st]) => ({
    alerts: fetched.alerts,
    failures: fetched.failures,
    statuses: st,
  }));
  return { inputs, statuses };
}

/** Throws only when no Alertmanager gave its alerts. */
export function fetchIncidentInputs(ams: AlertmanagerSet, q: AlertQuery = {}): Promise<IncidentInputs> {
  return sendIncidentReads(ams, q).inputs;
}
