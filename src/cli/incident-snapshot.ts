// One read of a context's incidents as `oncall incidents` makes it (every alert state, topology when Prometheus
// has it), for `oncall statusline`'s fallback and `oncall watch`, so that their counts equal `incidents --json`.
import type { AlertmanagerContext } from './alertmanager-context.js';
import { fetchIncidentInputs } from '../backends/incidents-fetch.js';
import type { IncidentSnapshot } from '../backends/incidents.js';

export async function readIncidentSnapshot(c: AlertmanagerContext): Promise<IncidentSnapshot> {
  const inputs = fetchIncidentInputs(c.alertmanagers(), { active: true, silenced: true, inhibited: true });
  inputs.catch(() => undefined); // awaited below
  const [{ PrometheusClient }, { topologyClientFor }, { groupInputs }] = await Promise.all([import('../backends/prometheus.js'), import('../backends/topology.js'), import('../backends/incidents.js')]);
  let topology;
  try {
    topology = await topologyClientFor(c.ctx.settings, new PrometheusClient(c.ctx.prometheus, { timeoutMs: c.timeoutMs })).get();
  } catch {
    topology = undefined; // without Prometheus, grouping goes on without topology, as `incidents` does
  }
  return groupInputs({ ...(await inputs), topology }, c.ctx.settings, `${c.ctx.configPath}: contexts.${c.ctx.name}`);
}
