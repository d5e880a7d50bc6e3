// App-level state: current view, overlay stack, selection, alert data, backend health, the status message and
// the clock that ages are computed from. Pure reducer; the App component only wires it.
import type { AlertData, NoticeLevel } from './app-context.js';
import { mergeHealth, type BackendHealth } from './data/health.js';
import type { Incident } from '../domain/incidents/types.js';
import type { Counts } from './data/counts.js';

export interface OverlayEntry {
  id: string;
  props?: unknown;
}

export interface AppState {
  view: string;
  overlays: OverlayEntry[];
  data?: AlertData;
  /** In the order backends first reported. */
  health: BackendHealth[];
  /** `untilData`: the notice describes a wait ("refreshing…") and goes when the next data or failure arrives. */
  notice?: { message: string; level: NoticeLevel; at: number; untilData?: boolean };
  now: number;
}

export type AppAction =
  | { type: 'view'; view: string }
  | { type: 'openOverlay'; id: string; props?: unknown }
  | { type: 'closeOverlay'; id?: string }
  /** A refresh's result; `healthOnly`: no refresh, only the health of some backends changed since the last. */
  | { type: 'data'; data?: AlertData; health: BackendHealth[]; healthOnly?: boolean }
  | { type: 'health'; health: BackendHealth }
  | { type: 'notice'; message: string; level: NoticeLevel; at: number; untilData?: boolean };

export function initialState(view: string, now: number, health: BackendHealth[] = []): AppState {
  return { view, overlays: [], health, now };
}

export function appReducer(s: AppState, a: AppAction): AppState {
  switch (a.type) {
    case 'view':
      // Overlays belong to the view they were opened on.
      return a.view === s.view && !s.overlays.length ? s : { ...s, view: a.view, overlays: [] };
    case 'openOverlay':
      return { ...s, overlays: [...s.overlays.filter((o) => o.id !== a.id), { id: a.id, props: a.props }] };
    case 'closeOverlay': {
      if (!s.overlays.length) return s;
      const overlays = a.id ? s.overlays.filter((o) => o.id !== a.id) : s.overlays.slice(0, -1);
      return { ...s, overlays };
    }
    case 'data': {
      // A wait notice goes once the answer is on screen: data made after it was posted, or a failure (shown by health).
      const answered = s.notice?.untilData && !a.healthOnly && (!a.data || a.data.generatedAt >= s.notice.at);
      // A backend that had answered and now fails (or fails differently) says why in the status line; the
      // header keeps saying since when, and how old the data kept on screen is.
      const failed = a.health.find(
        (h) =>
          h.state === 'unreachable' &&
          h.error &&
          h.lastOkAt !== undefined &&
          s.health.find((p) => p.name === h.name)?.error !== h.error,
      );
      const notice = failed
        ? {
            message: `${failed.name}: ${failed.error} (showing the last good data)`,
            level: 'error' as const,
            at: Math.max(s.now, failed.since),
          }
        : answered
          ? undefined
          : s.notice;
      return {
        ...s,
        data: a.data ?? s.data,
        health: mergeHealth(s.health, a.health),
        now: Math.max(s.now, a.data?.generatedAt ?? 0),
        notice,
      };
    }
    case 'health':
      return { ...s, health: mergeHealth(s.health, [a.health]) };
    case 'notice':
      return { ...s, notice: { message: a.message, level: a.level, at: a.at, untilData: a.untilData } };
  }
}

/** Active critical incidents in `next` whose ids were not in `prev`: these ring the bell. */
export function newCriticalIncidents(prev: AlertData | undefined, next: AlertData): Incident[] {
  // The first load is not news, nor is the rest of it after a storm's first picture (drawn from the top of its list).
  if (!prev || prev.arriving) return [];
  const before = new Set(prev.incidents.map((i) => i.id));
  return next.incidents.filter(
    (i) =>
      i.severity === 'critical' && !before.has(i.id) && i.alerts.some((a) => a.state === 'active' && !a.resolvedAt),
  );
}

/** The header's counts, made as the data arrived (DataAssembler); undefined before any, which is not zero. */
export function countData(d: AlertData | undefined): Counts | undefined {
  return d?.counts;
}
