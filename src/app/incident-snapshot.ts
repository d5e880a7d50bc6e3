// One read of a context's incidents: `oncall incidents`, `oncall statusline`'s fallback and `oncall watch` all
// read them here, so that their counts agree. The Alertmanager requests leave first; topology's Prometheus queries
// next, with their client loaded after; the grouping loads while Alertmanager renders a storm's alert list.
import type { AlertmanagerContext } from './alertmanager-context.js';
import { fetchIncidentInputs } from '../backends/incidents-fetch.js';
import type { AlertQuery } from '../backends/alertmanager.js';
import type { IncidentSnapshot } from './incidents.js';

const EVERY_STATE: AlertQuery = { active: true, silenced: true, inhibited: true };

export async function readIncidentSnapshot(c: AlertmanagerContext, q: AlertQuery = EVERY_STATE): Promise<IncidentSnapshot> {
  const inputs = fetchIncidentInputs(c.alertmanagers(), q);
  inputs.catch(() => undefined); // awaited below, once the settings are known to be right
  const [{ PrometheusClient }, { topologyClientFor }] = await Promise.all([import('../backends/prometheus.js'), import('../backends/topology.js')]);
  const topology = topologyClientFor(c.ctx.settings, new PrometheusClient(c.ctx.prometheus, { timeoutMs: c.timeoutMs })).get();
  const { contextGroupingOptions, groupInputs } = await import('./incidents.js');
  const where = `${c.ctx.configPath}: contexts.${c.ctx.name}`;
  contextGroupingOptions(c.ctx.settings, [], where); // a mistake in the causal settings beats a network error
  return groupInputs({ ...(await inputs), topology: await topology }, c.ctx.settings, where);
}
