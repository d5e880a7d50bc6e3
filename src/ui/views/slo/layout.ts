// How much of the SLO list fits: SLOs on screen and the width of a burn bar. Pure, tested alone.
import { SLO_WINDOWS } from '../../../domain/slo/windows.js';

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
