// The SLO view's own state, beside the shared list cursor: which SLO is expanded. Pure, tested alone.
import { SLO_WINDOWS } from '../../../domain/slo/windows.js';

export interface SloViewState {
  /** Id of the SLO whose detail (error ratio over the period, alerts) is open. */
  expanded: string | null;
}

export type SloViewAction =
  | { type: 'toggle'; id: string }
  | { type: 'close' }
  /** After a refresh: close the detail of an SLO that is gone. */
  | { type: 'refreshed'; ids: readonly string[] };

export const INITIAL_SLO_VIEW: SloViewState = { expanded: null };

export function sloViewReducer(s: SloViewState, a: SloViewAction): SloViewState {
  switch (a.type) {
    case 'toggle':
      return { expanded: s.expanded === a.id ? null : a.id };
    case 'close':
      return s.expanded === null ? s : { expanded: null };
    case 'refreshed':
      return s.expanded !== null && !a.ids.includes(s.expanded) ? { expanded: null } : s;
  }
}

/** How many SLOs fit: each takes two lines; the open detail takes its own lines. */
export function visibleSlos(height: number, detailLines: number): number {
  return Math.max(1, Math.floor((height - 1 - detailLines) / 2));
}

/** Cells per burn bar so that every window fits on one line of `width`. */
export function burnBarWidth(width: number): number {
  // Each window: name (3), space, bar, space, figure (5), space.
  const cell = Math.floor((width - 2) / SLO_WINDOWS.length);
  return Math.max(1, cell - 11);
}
