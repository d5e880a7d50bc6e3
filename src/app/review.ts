// The alert review use case, for `oncall review` and the TUI's Review view alike: one default window (the last
// 30 days) and one read of its inputs (the ALERTS history, the silences, the runbooks), so that both report the
// same window, weeks and firings.
import type { AlertmanagerSet } from '../backends/alertmanager.js';
import type { HistoryProgress } from '../backends/alert-history.js';
import type { ContextConfig } from '../backends/config/schema.js';
import type { PrometheusClient } from '../backends/prometheus.js';
import { fetchReview } from '../backends/review-inputs.js';
import { parseDuration } from '../domain/duration.js';
import type { Review } from '../domain/history/review.js';

/** The window `oncall review` reads when no --since is given, and the one the Review view reads. */
export const REVIEW_SINCE = '30d';

export interface ReviewWindow {
  sinceMs: number;
  untilMs: number;
  /** Overrides the rules' evaluation interval. */
  stepSeconds?: number;
}

/** The default window: the last REVIEW_SINCE up to `untilMs`. */
export function defaultReviewWindow(untilMs: number): ReviewWindow {
  return { sinceMs: untilMs - parseDuration(REVIEW_SINCE), untilMs };
}

/** What the review reads from: the context's clients and settings. */
export interface ReviewSources {
  prometheus(): PrometheusClient;
  alertmanagers(): AlertmanagerSet;
  settings: ContextConfig;
  configPath: string | undefined;
}

/** The review over the window, with the warnings of every input. */
export function reviewOver(
  src: ReviewSources,
  win: ReviewWindow,
  o: { groupBy?: string[]; onProgress?: (p: HistoryProgress) => void } = {},
): Promise<{ review: Review; warnings: string[] }> {
  return fetchReview(src.prometheus(), src.alertmanagers(), {
    ...win,
    onProgress: o.onProgress,
    settings: src.settings,
    configPath: src.configPath,
    groupBy: o.groupBy,
  });
}
