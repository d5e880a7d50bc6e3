// The Review view's state hook: `oncall review` over its default window, the last 30 days, through the same use
// case (read again every 10 minutes or on `r`, not on every refresh: it costs a range query per chunk), its alerts in the chosen sort order, the cursor, the
// alert whose detail is open, and the view's named actions. Its keys are mapped to these in ./input.ts. The
// layout and the opening and closing of a detail are pure, tested alone.
import { useMemo } from 'react';
import { useOncall, type AppServices } from '../../app-context.js';
import { usePoll } from '../../hooks/usePoll.js';
import { useViewState } from '../../hooks/useViewState.js';
import { useKeyedListState, type ListActions } from '../../hooks/useListState.js';
import type { Cursor } from '../../list.js';
import { defaultReviewWindow, reviewOver } from '../../../app/review.js';
import { groupRows } from '../../../domain/history/review-format.js';
import type { AlertReview, Review } from '../../../domain/history/review.js';
import {
  DEFAULT_REVIEW_SORT,
  nextReviewSort,
  sortReviewAlerts,
  type ReviewSort,
} from '../../../domain/history/review-sort.js';

/** What the view polls: the review over the default window up to the services' clock, as `oncall review` reads it. */
export function loadReview(services: AppServices): ReturnType<typeof reviewOver> {
  const { context } = services;
  return reviewOver(
    {
      prometheus: () => services.prometheus(),
      alertmanagers: () => services.alertmanagers(),
      settings: context.settings,
      configPath: context.configPath,
    },
    defaultReviewWindow(services.now()),
  );
}
/** Services shown above the alerts, at most. */
export const REVIEW_GROUPS = 4;
/** Findings shown in an alert's detail, at most. */
export const REVIEW_FINDINGS = 4;

/** Lines of the open detail (title, sparkline, findings) and rows left for the alerts. */
export function reviewLayout(
  height: number,
  groups: number,
  detail: Pick<AlertReview, 'findings'> | undefined,
): { detailHeight: number; listHeight: number } {
  const detailHeight = detail ? 3 + Math.min(REVIEW_FINDINGS, detail.findings.length) : 0;
  return { detailHeight, listHeight: Math.max(1, height - 4 - groups - detailHeight) };
}

/** The alert whose detail is open after Enter on `alertname`: it, or none when it was open already. */
export function toggleOpen(open: string | undefined, alertname: string): string | undefined {
  return open === alertname ? undefined : alertname;
}

export interface ReviewActions extends ListActions {
  /** Opens the selected alert's detail, or closes it when it is open. */
  toggleDetail(): void;
  sortNext(): void;
  sortPrev(): void;
  reverse(): void;
}

export interface ReviewState {
  /** The review, undefined before the first answer. */
  review: Review | undefined;
  /** Its alerts in the sort order. */
  alerts: AlertReview[] | undefined;
  /** Prometheus's error of the last poll. */
  error: string | undefined;
  /** The first warning, or the error. */
  status: string | undefined;
  /** Services shown above the alerts (rows of groupRows). */
  groups: string[][];
  sort: ReviewSort;
  /** The alert whose detail is open. */
  detail: AlertReview | undefined;
  cursor: Cursor;
  listHeight: number;
  actions: ReviewActions;
}

export function useReviewState(height: number): ReviewState {
  const app = useOncall();
  const { context } = app.services;
  const poll = usePoll(() => loadReview(app.services), { backend: 'prom', intervalMs: 10 * 60_000, deps: [context] });
  const review = poll.data?.review;
  const [sort, setSort] = useViewState<ReviewSort>('review.sort', DEFAULT_REVIEW_SORT);
  const [open, setOpen] = useViewState<string | undefined>('review.open', undefined);
  const alerts = useMemo(() => (review ? sortReviewAlerts(review.alerts, sort) : undefined), [review, sort]);
  const groups = review ? groupRows(review).rows.slice(0, REVIEW_GROUPS) : [];
  const detail = review && open ? review.alerts.find((a) => a.alertname === open) : undefined;
  const { listHeight } = reviewLayout(height, groups.length, detail);
  const list = useKeyedListState({
    stateKey: 'review.cursor',
    items: alerts,
    keyOf: (a) => a.alertname,
    height: listHeight,
  });
  const cursor = list.cursor;
  const actions: ReviewActions = {
    ...list.actions,
    toggleDetail: () => {
      const a = alerts?.[cursor.index];
      if (a) setOpen((o) => toggleOpen(o, a.alertname));
    },
    sortNext: () => setSort((s) => nextReviewSort(s, 1)),
    sortPrev: () => setSort((s) => nextReviewSort(s, -1)),
    reverse: () => setSort((s) => ({ ...s, descending: !s.descending })),
  };
  const status = poll.error ? `Prometheus: ${poll.error}` : poll.data?.warnings[0];
  return { review, alerts, error: poll.error, status, groups, sort, detail, cursor, listHeight, actions };
}
