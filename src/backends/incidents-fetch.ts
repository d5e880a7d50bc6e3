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

/** Throws only when no Alertmanager gave its alerts. */
export async function fetchIncidentInputs(ams: AlertmanagerSet, q: AlertQuery = {}): Promise<IncidentInputs> {
  const [fetched, statuses] = await Promise.all([ams.alerts(q), ams.each((c) => c.status())]);
  return { alerts: fetched.alerts, failures: fetched.failures, statuses };
}
