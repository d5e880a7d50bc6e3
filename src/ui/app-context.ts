// What every view and overlay can reach through `useOncall()`: the context's clients and settings, the shared
// alert data (fetched off the UI thread), backend health, the selection, and app actions (switch view, open an
// overlay, refresh, notify). Views never fetch alerts themselves; views with other data (SLOs, GPUs) poll with
// usePoll (src/ui/hooks/usePoll.ts), which reports backend health to the header and obeys `r`.
import { createContext, useContext } from 'react';
import type { Counts } from './data/counts.js';
import type { ResolvedContext } from '../backends/config/context-resolution.js';
import type { PrometheusClient } from '../backends/prometheus.js';
import type { AlertmanagerSet } from '../backends/alertmanager.js';
import type { Incident, IncidentAlert } from '../domain/incidents/types.js';
import type { Silence } from '../domain/types.js';
import { isAlertmanagerHealth, type BackendHealth } from './data/health.js';
import { formatDuration } from '../domain/duration.js';
import type { IncidentSize } from './data/protocol.js';

export interface AppServices {
  context: ResolvedContext;
  readOnly: boolean;
  refreshIntervalMs: number;
  prometheus(): PrometheusClient;
  alertmanagers(): AlertmanagerSet;
  /** The clock; tests pass a fixed one. */
  now(): number;
}

/** One refresh worth of alert data, already grouped. */
export interface AlertData {
  /** When the data was fetched (ms since epoch). */
  generatedAt: number;
  /** Sorted: with an active alert first, then severity (critical first), then age (oldest first). */
  incidents: Incident[];
  /** Every alert, each once, in incident order. */
  alerts: IncidentAlert[];
  /** Incident id by alert fingerprint. */
  incidentOf: Map<string, string>;
  silences: Silence[];
  /** Alertmanagers whose silence list could not be read: the view says so instead of "no silences". */
  silencesHealth?: import('./data/health.js').BackendHealth[];
  /** The header's counts, made as the data arrived. */
  counts: Counts;
  /**
   * Set on the first picture of a storm, drawn from the top of its list while the rest arrives: `counts` covers
   * every incident and alert already, `incidents` and `alerts` only the first ones; these are the totals they will
   * have, and `cut` the incident of the picture that holds only its first alerts.
   */
  arriving?: { incidents: number; alerts: number; cut?: IncidentSize };
}

/** How many alerts an incident has, also when the first picture holds only its first ones. */
export function incidentSize(data: AlertData | undefined, inc: Incident): number {
  const cut = data?.arriving?.cut;
  return cut?.id === inc.id ? cut.alerts : inc.alerts.length;
}

/**
 * A list's total and noun for its "n of M" line: while a storm's first picture is drawn and the rest arrives, the
 * total the list will have, said to be arriving.
 */
export function listTotal(
  data: AlertData | undefined,
  list: 'incidents' | 'alerts',
): { total: number | undefined; noun: string } {
  const arriving = data?.arriving;
  // Before any data there is no total: zero would read as all quiet.
  return arriving
    ? { total: arriving[list], noun: `${list} (more arriving)` }
    : { total: data?.[list].length, noun: list };
}

/**
 * What a list says before the first answer from the Alertmanagers: still loading, or, when one failed, which one and
 * why, and that it is retried. Without it, an Alertmanager that is down reads as a list still on its way.
 */
export function noDataYet(health: BackendHealth[], refreshIntervalMs: number, what = 'alerts'): string {
  const down = health.filter((h) => isAlertmanagerHealth(h.name) && h.state === 'unreachable');
  if (!down.length) return `loading ${what} from the Alertmanager…`;
  // A failure's line already names the backend and its host (src/backends/errors.ts).
  const why = down.map((h) => h.error ?? `${h.name}: no answer`).join('; ');
  return `no answer yet: ${why} · retried every ${formatDuration(refreshIntervalMs)}, r retries now`;
}

/**
 * Why a silence or an ack waits while a storm's first load is still arriving (undefined when it need not): what it
 * would catch, and the guardrails' verdict on it, are only known once every alert is in.
 */
export function stillArriving(data: AlertData | undefined, what: string): string | undefined {
  const a = data?.arriving;
  if (!a) return undefined;
  return `${a.alerts - data.alerts.length} of ${a.alerts} alerts are still arriving: ${what} once they are in (a moment), so that every alert it catches is shown`;
}

/** What the user has selected in the current view; actions such as "silence" act on it. */
export interface Selection {
  incident?: Incident;
  /** The selected alert, or every alert of the selected incident. */
  alerts: IncidentAlert[];
}

export type NoticeLevel = 'info' | 'error';

export interface OncallApi {
  services: AppServices;
  data: AlertData | undefined;
  health: BackendHealth[];
  view: string;
  setView(id: string): void;
  selection: Selection | undefined;
  setSelection(s: Selection | undefined): void;
  /** Opens an overlay registered in src/ui/views/registry.ts with props for it. */
  openOverlay(id: string, props?: unknown): void;
  /** Closes the given overlay, or the topmost one. */
  closeOverlay(id?: string): void;
  /** Refreshes alert data and every usePoll now. */
  refresh(): void;
  /** Subscribes to refresh requests; returns the unsubscribe function. */
  onRefresh(fn: () => void): () => void;
  /** Sets one backend's health line in the header (by name). */
  reportHealth(h: BackendHealth): void;
  /**
   * A one-line message in the status bar, e.g. "silence 1a2b created". `untilData`: it describes a wait (such as
   * "refreshing…") and goes as soon as alert data newer than it, or a failure, arrives.
   */
  notify(message: string, level?: NoticeLevel, opts?: { untilData?: boolean }): void;
  quit(): void;
}

export const OncallContext = createContext<OncallApi | null>(null);

export function useOncall(): OncallApi {
  const api = useContext(OncallContext);
  if (!api) throw new Error('useOncall() outside <OncallContext.Provider>');
  return api;
}
