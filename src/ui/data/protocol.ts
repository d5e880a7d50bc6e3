// Messages between the UI thread and the data worker. Everything here survives structured cloning.
import type { BackendConfig, ContextConfig } from '../../backends/config/schema.js';
import type { Incident } from '../../domain/incidents/types.js';
import type { Silence } from '../../domain/types.js';
import type { BackendHealth } from './health.js';

export interface LoadConfig {
  alertmanagers: BackendConfig[];
  prometheus: BackendConfig;
  timeoutMs?: number;
  settings: ContextConfig;
}

/** One refresh, as the loader returns it. */
export interface LoadResult {
  generatedAt: number;
  /** Undefined when no Alertmanager answered (the UI keeps its last good data). */
  incidents?: Incident[];
  silences?: Silence[];
  health: BackendHealth[];
}

export type ToWorker = { type: 'refresh' } | { type: 'stop' };

// Incidents travel in chunks so the UI thread never deserializes 20,000 alerts in one go (one long stall).
export type FromWorker =
  | { type: 'begin'; seq: number }
  | { type: 'chunk'; seq: number; incidents: Incident[] }
  | { type: 'done'; seq: number; generatedAt: number; hasData: boolean; silences?: Silence[]; health: BackendHealth[] }
  | { type: 'fatal'; error: string };

/** Alerts per chunk: small enough that one message costs the UI thread a few milliseconds. */
export const CHUNK_ALERTS = 1500;

export function chunkIncidents(incidents: Incident[], maxAlerts = CHUNK_ALERTS): Incident[][] {
  const out: Incident[][] = [];
  let cur: Incident[] = [];
  let n = 0;
  for (const inc of incidents) {
    if (n > 0 && n + inc.alerts.length > maxAlerts) {
      out.push(cur);
      cur = [];
      n = 0;
    }
    cur.push(inc);
    n += inc.alerts.length;
  }
  if (cur.length) out.push(cur);
  return out;
}
