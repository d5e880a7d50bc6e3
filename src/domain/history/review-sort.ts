// Sorting the Review view's alert table, and an alert's firings over the window as values for a sparkline.
import type { AlertReview, Review } from './review.js';

export const REVIEW_SORTS = ['firings/week', 'time firing', 'never acted on', 'flapping', 'name'] as const;
export type ReviewSort = { field: (typeof REVIEW_SORTS)[number]; descending: boolean };
export const DEFAULT_REVIEW_SORT: ReviewSort = { field: 'firings/week', descending: true };

const KEY: Record<ReviewSort['field'], (a: AlertReview) => number | string> = {
  'firings/week': (a) => a.firingsPerWeek,
  'time firing': (a) => a.timeFiringRatio,
  'never acted on': (a) => a.neverActedOn,
  flapping: (a) => (a.worstSeries?.maxStartsPerHour ?? 0) + (a.flapping ? 1000 : 0),
  name: (a) => a.alertname,
};

export function sortReviewAlerts(alerts: readonly AlertReview[], s: ReviewSort): AlertReview[] {
  const k = KEY[s.field];
  const dir = s.descending ? -1 : 1;
  return [...alerts].sort((a, b) => {
    const x = k(a),
      y = k(b);
    const c = typeof x === 'string' ? x.localeCompare(y as string) : (x as number) - (y as number);
    return c * dir || a.alertname.localeCompare(b.alertname);
  });
}

export function nextReviewSort(s: ReviewSort, step: 1 | -1): ReviewSort {
  const i = REVIEW_SORTS.indexOf(s.field);
  const field = REVIEW_SORTS[(i + step + REVIEW_SORTS.length) % REVIEW_SORTS.length]!;
  return { field, descending: field !== 'name' };
}

/** Firings of an alert per bucket of the window, `width` buckets. */
export function firingsPerBucket(
  r: Pick<Review, 'since' | 'until'>,
  a: Pick<AlertReview, 'starts'>,
  width: number,
): number[] {
  const from = Date.parse(r.since) / 1000;
  const span = Math.max(1, Date.parse(r.until) / 1000 - from);
  const out = new Array<number>(Math.max(1, width)).fill(0);
  for (const t of a.starts) {
    const i = Math.min(out.length - 1, Math.max(0, Math.floor(((t - from) / span) * out.length)));
    out[i]!++;
  }
  return out;
}
