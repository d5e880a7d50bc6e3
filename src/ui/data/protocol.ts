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

/** `reset`: the UI lost track of what it holds; send every incident in full next time. */
export type ToWorker = { type: 'refresh' } | { type: 'reset' } | { type: 'stop' };

/**
 * An incident in a chunk: in full, or only its id when it is unchanged since the last refresh the UI received,
 * so a steady storm costs the UI thread ids, not 20,000 alerts to deserialize (and to collect as garbage).
 */
export type IncidentItem = Incident | string;

// Incidents travel in chunks so the UI thread never deserializes 20,000 alerts in one go (one long stall).
export type FromWorker =
  | { type: 'begin'; seq: number }
  | { type: 'chunk'; seq: number; items: IncidentItem[] }
  | { type: 'done'; seq: number; generatedAt: number; hasData: boolean; silences?: Silence[]; health: BackendHealth[] }
  | { type: 'fatal'; error: string };

/** Alerts per chunk: small enough that one message costs the UI thread a few milliseconds. */
export const CHUNK_ALERTS = 1500;

/** Splits by weight: an incident sent in full weighs its alert count, an unchanged one (an id) next to nothing. */
export function chunkIncidents<T extends IncidentItem>(items: T[], maxAlerts = CHUNK_ALERTS): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let n = 0;
  for (const it of items) {
    const w = typeof it === 'string' ? 0.02 : it.alerts.length;
    if (n > 0 && n + w > maxAlerts) {
      out.push(cur);
      cur = [];
      n = 0;
    }
    cur.push(it);
    n += w;
  }
  if (cur.length) out.push(cur);
  return out;
}
