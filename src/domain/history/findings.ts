// What the review says about an alert or a service, each finding with the one change it suggests.
import { formatDuration } from '../duration.js';
import type { AlertReview, GroupReview, RuleMeta } from './review.js';
import { TARGET_PER_WEEK } from './review.js';

export type FindingKind =
  | 'noisy'
  | 'flapping'
  | 'always-firing'
  | 'never-acted-on'
  | 'short-pages'
  | 'missing-severity'
  | 'missing-summary'
  | 'missing-runbook'
  | 'over-target';

export interface Finding {
  kind: FindingKind;
  message: string;
  suggestion: string;
}

/** Share of resolved episodes that went without action for an alert to be reported as never acted on. */
export const NEVER_ACTED_SHARE = 0.5;
/** A page whose episodes last less than this (median) resolves "within minutes". */
export const SHORT_PAGE_SECONDS = 5 * 60;

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function findingsFor(a: AlertReview, rule: RuleMeta | undefined, stepSeconds: number): Finding[] {
  const out: Finding[] = [];
  // A heartbeat is plumbing of the alerting pipeline, watched by something outside it: nothing to retune here.
  if (a.heartbeat) return out;
  const forNow = rule?.forSeconds ?? 0;
  const raisedFor = formatDuration(Math.max(10 * 60, forNow * 2, stepSeconds * 5) * 1000);
  if (a.alwaysFiring && !a.heartbeat) {
    out.push({
      kind: 'always-firing',
      message: `fires ${pct(a.timeFiringRatio)} of the window`,
      suggestion: 'delete it, or fix the threshold so that it fires only when something is wrong',
    });
  }
  if (a.flapping && a.worstSeries) {
    const w = a.worstSeries;
    out.push({
      kind: 'flapping',
      message: `flaps: up to ${w.maxStartsPerHour} firings within an hour, ${w.short} of ${w.episodes} episodes over within ${formatDuration(2 * stepSeconds * 1000)} (worst series ${
        Object.entries(w.labels)
          .filter(([k]) => k !== 'alertname')
          .map(([k, v]) => `${k}=${v}`)
          .join(',') || 'the only one'
      })`,
      suggestion: `raise for: to ${raisedFor} (now ${forNow ? formatDuration(forNow * 1000) : 'none'}) or add keep_firing_for: ${raisedFor}`,
    });
  }
  if (!a.heartbeat && !a.alwaysFiring && a.firingsPerWeek > TARGET_PER_WEEK.max) {
    out.push({
      kind: 'noisy',
      message: `${a.firingsPerWeek} firings a week on its own, over the ${TARGET_PER_WEEK.min}–${TARGET_PER_WEEK.max} a service should get`,
      suggestion:
        a.severity && /critical|page/i.test(a.severity)
          ? 'raise the threshold or move it to a ticket (severity: warning)'
          : 'raise the threshold or for:, or delete it',
    });
  }
  const resolved = a.actedOn + a.neverActedOn;
  if (!a.heartbeat && a.neverActedOn >= 2 && a.neverActedOn >= NEVER_ACTED_SHARE * resolved) {
    out.push({
      kind: 'never-acted-on',
      message: `${a.neverActedOn} of ${a.firings} episodes resolved on their own with no silence or ack${a.neverActedOnPages ? ` (${a.neverActedOnPages} of them pages)` : ''}`,
      suggestion: a.neverActedOnPages
        ? 'move it to a ticket (severity: warning), or raise the threshold'
        : 'raise the threshold, or delete it if nobody needs it',
    });
  }
  if (
    a.severity &&
    /critical|page/i.test(a.severity) &&
    a.firings >= 3 &&
    a.medianDurationSeconds < SHORT_PAGE_SECONDS
  ) {
    out.push({
      kind: 'short-pages',
      message: `pages, but its episodes last ${formatDuration(a.medianDurationSeconds * 1000)} (median)`,
      suggestion: `raise for: to ${raisedFor}, or move it to a ticket`,
    });
  }
  if (a.missing.includes('severity'))
    out.push({
      kind: 'missing-severity',
      message: 'no severity label',
      suggestion: 'add labels: {severity: warning} (or critical if it must page)',
    });
  if (a.missing.includes('summary'))
    out.push({
      kind: 'missing-summary',
      message: 'no summary annotation',
      suggestion: 'add annotations: {summary: …} saying what is wrong, with its labels',
    });
  if (a.missing.includes('runbook'))
    out.push({
      kind: 'missing-runbook',
      message: 'no runbook (no runbook_url annotation and none found in the runbook folders)',
      suggestion: 'add a runbook: a runbook_url annotation or a file in runbook_dirs',
    });
  return out;
}

export function groupFindings(g: GroupReview, alerts: readonly AlertReview[]): Finding[] {
  if (!g.overTarget) return [];
  const mine = alerts
    .filter((a) => g.alerts.includes(a.alertname))
    .sort((a, b) => b.firingsPerWeek - a.firingsPerWeek)
    .slice(0, 3)
    .map((a) => a.alertname);
  return [
    {
      kind: 'over-target',
      message: `${g.firingsPerWeek} firings a week, over the target of ${TARGET_PER_WEEK.min}–${TARGET_PER_WEEK.max}`,
      suggestion: `retune its noisiest alerts first: ${mine.join(', ')}`,
    },
  ];
}
