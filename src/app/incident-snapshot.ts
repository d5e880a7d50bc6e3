// One read of a context's incidents: `oncall incidents`, `oncall incident`, `oncall statusline`'s fallback and
// `oncall watch` all read them here, so that their counts agree. The Alertmanager requests leave first; topology's
// Prometheus queries next, with their client loaded after; the grouping loads while Alertmanager renders a storm's
// alert list. Incident memory: the whole list is recorded, and remembered resolved alerts are grouped beside the
// firing ones, so a resolved cause stays the root of its symptoms; resolved incidents are kept only when asked.
import type { AlertmanagerContext } from './alertmanager-context.js';
import { sendIncidentReads, type IncidentReads } from '../backends/incidents-fetch.js';
import type { AlertQuery } from '../backends/alertmanager.js';
import type { IncidentSnapshot } from './incidents.js';
import { fillFromHistory, rememberFiring, type HistoryCache } from './incident-memory.js';
import { resolvedAlerts, type IncidentMemory } from '../domain/memory/memory.js';
import { withinWindow } from '../domain/memory/resolved.js';

const EVERY_STATE: AlertQuery = { active: true, silenced: true, inhibited: true };

export interface SnapshotOptions {
  /** Keep the incidents whose alerts all resolved within this long (none when undefined). */
  includeResolvedMs?: number;
  /** Fill incident memory from Prometheus's ALERTS history over this window. */
  sinceMs?: number;
  /** Where warnings about the history go (the memory file's go to the state warning sink). */
  warn?: (m: string) => void;
  /** Reuse a recent ALERTS history read instead of reading it again (see HistoryCache). */
  historyCache?: HistoryCache;
  /** The reads, when the caller sent them already (with the same query), before loading this module. */
  reads?: IncidentReads;
}

export async function readIncidentSnapshot(
  c: AlertmanagerContext,
  q: AlertQuery = EVERY_STATE,
  o: SnapshotOptions = {},
): Promise<IncidentSnapshot & { memory: IncidentMemory }> {
  const { inputs, statuses } = o.reads ?? sendIncidentReads(c.alertmanagers(), q);
  inputs.catch(() => undefined); // awaited below, once the settings are known to be right
  const [{ PrometheusClient }, { topologyClientFor }] = await Promise.all([
    import('../backends/prometheus.js'),
    import('../backends/topology.js'),
  ]);
  const prom = new PrometheusClient(c.ctx.prometheus, { timeoutMs: c.timeoutMs });
  // Topology only sharpens the grouping: asked once, with no retries, so a Prometheus that is down or away costs
  // the alerts nothing (retries with backoff added most of a second to every command).
  const topoProm = new PrometheusClient(c.ctx.prometheus, { timeoutMs: c.timeoutMs, retries: 0 });
  const topologyClient = topologyClientFor(c.ctx.settings, topoProm);
  const topology = topologyClient.get();
  const { contextGroupingOptions, groupInputs, inhibitRulesOf } = await import('./incidents.js');
  const where = `${c.ctx.configPath}: contexts.${c.ctx.name}`;
  contextGroupingOptions(c.ctx.settings, [], where); // a mistake in the causal settings beats a network error
  // The inhibit rules are read while the alert list is still on its way.
  const inhibit = statuses.then(inhibitRulesOf);
  inhibit.catch(() => undefined); // awaited below, after the alerts
  const fetched = await inputs;
  const warn = o.warn ?? (() => undefined);
  const now = Date.now();
  // The whole list updates the memory; a filtered or partial one only reads it.
  const complete = q.silenced !== false && q.inhibited !== false && !fetched.failures.length;
  let memory = rememberFiring(c.ctx.name, c.ctx.settings, fetched.alerts, complete);
  if (o.sinceMs !== undefined) memory = await fillFromHistory(prom, memory, now, o.sinceMs, warn, o.historyCache);
  const snap = groupInputs(
    {
      ...fetched,
      alerts: [...fetched.alerts, ...resolvedAlerts(memory, fetched.alerts)],
      // Abandoned past the grace, so that the command exits as soon as its output is written.
      topology: await topologyClient.afterAlerts(topology, true),
    },
    c.ctx.settings,
    where,
    await inhibit,
  );
  return { ...snap, incidents: withinWindow(snap.incidents, now, o.includeResolvedMs), memory };
}
