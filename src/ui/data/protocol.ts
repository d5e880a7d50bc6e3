// Messages between the UI thread and the data worker. Everything here survives structured cloning.
import type { BackendConfig, ContextConfig } from '../../backends/config/schema.js';
import type { HandoverPart } from '../../backends/http-handover.js';
import type { Incident } from '../../domain/incidents/types.js';
import { treeRows } from '../../domain/incidents/tree.js';
import type { Silence } from '../../domain/types.js';
import type { BackendHealth } from './health.js';
import type { Counts } from './counts.js';

export interface LoadConfig {
  alertmanagers: BackendConfig[];
  prometheus: BackendConfig;
  timeoutMs?: number;
  settings: ContextConfig;
  /** The context's name: its incident memory is kept under it (absent: no incident memory). */
  context?: string;
}

/** One refresh, as the loader returns it. */
export interface LoadResult {
  generatedAt: number;
  /** Undefined when no Alertmanager answered (the UI keeps its last good data). */
  incidents?: Incident[];
  silences?: Silence[];
  /** Alertmanagers whose silence list failed this refresh (the list shown is then the last good one). */
  silencesHealth?: BackendHealth[];
  health: BackendHealth[];
}

/** `reset`: the UI lost track of what it holds; send every incident in full next time. */
export type ToWorker =
  | { type: 'refresh' }
  | { type: 'reset' }
  | { type: 'stop' }
  /** The context, for a worker started before it was read (src/ui/data/spawn.ts). */
  | ({ type: 'start' } & WorkerStart)
  /** A piece of an answer the UI thread asked for on the worker's behalf (ahead.ts). */
  | { type: 'handover'; part: HandoverPart };

/** What the worker starts from: the context's settings. */
export interface WorkerStart {
  cfg: LoadConfig;
  /** URLs the UI thread has sent requests to for the first refresh; their answers follow in `handover` messages. */
  handed?: string[];
}

/**
 * An incident in a chunk: in full, or only its id when it is unchanged since the last refresh the UI received,
 * so a steady storm costs the UI thread ids, not 20,000 alerts to deserialize (and to collect as garbage).
 */
export type IncidentItem = Incident | string;

// Incidents travel in chunks so the UI thread never deserializes 20,000 alerts in one go (one long stall), as JSON
// text: JSON.parse on the UI thread takes about half the time of structured cloning's deserializer (measured on a
// 20,000-alert storm: 180-270 ms against 360-660 ms for all chunks).
export type FromWorker =
  /**
   * A refresh with data starts: its header counts, totals, silences and health come first. On the first load of a
   * storm, `top` (an Incident[] as JSON, see firstPicture) is the top of the list, which the UI draws while the
   * chunks arrive.
   */
  | {
      type: 'begin';
      seq: number;
      generatedAt: number;
      counts: Counts;
      incidents: number;
      alerts: number;
      silences: Silence[];
      silencesHealth?: BackendHealth[];
      health: BackendHealth[];
      top?: string;
      /** The incident of `top` whose alerts were cut short, with the number it has. */
      cut?: IncidentSize;
    }
  /** `items`: an IncidentItem[] as JSON. */
  | { type: 'chunk'; seq: number; items: string }
  | {
      type: 'done';
      seq: number;
      generatedAt: number;
      hasData: boolean;
      silences?: Silence[];
      silencesHealth?: BackendHealth[];
      health: BackendHealth[];
    }
  /** Backends whose health changed between refreshes (a Prometheus probe that settled after the grace). */
  | { type: 'health'; health: BackendHealth[] }
  /** A damaged or unwritable state file (incident memory), for the UI thread's state warning sink. */
  | { type: 'warning'; message: string }
  | { type: 'fatal'; error: string };

export interface IncidentSize {
  id: string;
  alerts: number;
}

/** Alerts per chunk: small enough that one message costs the UI thread a few milliseconds. */
export const CHUNK_ALERTS = 1500;

/**
 * A storm's first picture, drawn before the rest of the first load has reached the UI: at most this many incidents
 * and alerts, more rows than a terminal shows. The fewer it holds, the sooner it is on screen: one chunk of 1,500
 * alerts took 20-30 ms longer to send and draw than 120, and an incident of 5,000 alerts more than 100 ms.
 */
export const FIRST_PICTURE_INCIDENTS = 200;
export const FIRST_PICTURE_ALERTS = 400;

/**
 * The top of the list for a storm's first picture: the first incidents in full while they fit in `maxAlerts`; the
 * one that does not fit keeps the alerts of its first rows (root first, each alert after its cause, as the tree
 * shows them), so the picture starts as the finished list will. Its title and the header's counts still describe
 * every alert; undefined when the whole list fits (it then arrives as one chunk anyway).
 */
export function firstPicture(
  incidents: Incident[],
  maxIncidents = FIRST_PICTURE_INCIDENTS,
  maxAlerts = FIRST_PICTURE_ALERTS,
): Incident[] | undefined {
  const top: Incident[] = [];
  let left = maxAlerts;
  for (const inc of incidents) {
    if (top.length === maxIncidents || left === 0) return top;
    if (inc.alerts.length > left)
      return [
        ...top,
        {
          ...inc,
          alerts: treeRows(inc)
            .slice(0, left)
            .map((r) => r.alert),
        },
      ];
    top.push(inc);
    left -= inc.alerts.length;
  }
  return undefined;
}

/**
 * What filing an unchanged incident (sent as its id) costs the UI thread, as a share of what a new one costs: no
 * deserializing, but each of its alerts is still indexed (measured at 20,000 alerts: 1.5-2.5 µs per alert against
 * 2.5-5 µs).
 */
export const UNCHANGED_SHARE = 0.5;

/**
 * Incidents as chunk items, split by weight: an incident sent in full weighs its alert count, an unchanged one
 * (sent as its id) half of that.
 */
export function chunkIncidents(
  incidents: Incident[],
  unchanged: (inc: Incident) => boolean = () => false,
  maxAlerts = CHUNK_ALERTS,
): IncidentItem[][] {
  const out: IncidentItem[][] = [];
  let cur: IncidentItem[] = [];
  let n = 0;
  for (const inc of incidents) {
    const same = unchanged(inc);
    const w = same ? inc.alerts.length * UNCHANGED_SHARE : inc.alerts.length;
    if (n > 0 && n + w > maxAlerts) {
      out.push(cur);
      cur = [];
      n = 0;
    }
    cur.push(same ? inc.id : inc);
    n += w;
  }
  if (cur.length) out.push(cur);
  return out;
}
