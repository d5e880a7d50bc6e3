// Incident memory for the commands: recording what fires now in the context's memory, and filling the time no
// oncall ran from Prometheus's ALERTS history. Problems are warnings (memory only adds to what Alertmanager says).
import { IncidentMemoryStore } from '../backends/incident-memory.js';
import type { ContextConfig } from '../backends/config/schema.js';
import type { PrometheusClient } from '../backends/prometheus.js';
import { parseDuration } from '../domain/duration.js';
import type { IncidentMemory } from '../domain/memory/memory.js';
import { withHistory } from '../domain/memory/history.js';
import type { History } from '../domain/history/episodes.js';
import type { Alert } from '../domain/types.js';

/**
 * Records the firing alerts in the context's incident memory and returns it. `complete`: the list is every alert of
 * every Alertmanager (otherwise a missing alert is not taken as resolved). A damaged memory file is reported to the
 * state warning sink (src/backends/state-store.ts), which the command line sets for every command.
 */
export function rememberFiring(
  context: string,
  settings: ContextConfig,
  firing: readonly Alert[],
  complete: boolean,
): IncidentMemory {
  return new IncidentMemoryStore(context).observe(
    firing,
    new Date(),
    parseDuration(settings.memory?.keep ?? '60m'),
    complete,
  );
}

/**
 * The last ALERTS history read, for a caller that asks again and again (the TUI's handoff view, every minute):
 * reused while younger than `maxAgeMs` for the same window length. Only a history that was read is kept.
 */
export interface HistoryCache {
  maxAgeMs: number;
  entry?: { at: number; sinceMs: number; history: History; warnings: string[] };
}

/**
 * Memory with the gap filled from Prometheus's ALERTS history over the last `sinceMs`: alerts that fired and
 * resolved while no oncall ran. When Prometheus cannot give it, a warning and the memory as it is.
 */
export async function fillFromHistory(
  prom: PrometheusClient,
  memory: IncidentMemory,
  now: number,
  sinceMs: number,
  warn: (m: string) => void,
  cache?: HistoryCache,
): Promise<IncidentMemory> {
  try {
    const c = cache?.entry;
    if (cache && c && c.sinceMs === sinceMs && now >= c.at && now - c.at < cache.maxAgeMs) {
      for (const w of c.warnings) warn(w);
      return withHistory(memory, c.history);
    }
    const { loadHistory } = await import('../backends/review-inputs.js');
    const h = await loadHistory(prom, { sinceMs: now - sinceMs, untilMs: now });
    for (const w of h.warnings) warn(w);
    if (cache) cache.entry = { at: now, sinceMs, history: h.history, warnings: h.warnings };
    return withHistory(memory, h.history);
  } catch (e) {
    warn(`${(e as Error).message}; alerts resolved while no oncall ran are not shown`);
    return memory;
  }
}
