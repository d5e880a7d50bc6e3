// The alert review: from episodes, silences and rule metadata, per alert name and per service/team, the noise
// figures the article asks to look at every quarter and what to change for each finding.
import { matchesAll } from '../matchers.js';
import type { Labels, Silence } from '../types.js';
import { bySeries, episodesOf, unionSeconds, type Episode, type History } from './episodes.js';
import { ALWAYS_FIRING_RATIO, HEARTBEAT, measureSeries, median, type SeriesMeasures } from './flapping.js';
import { findingsFor, groupFindings, type Finding } from './findings.js';

export const WEEK = 7 * 86400;
/** The article's target: 5–10 actionable alerts per service per week. */
export const TARGET_PER_WEEK = { min: 5, max: 10 };
export const DEFAULT_GROUP_BY = ['service', 'team', 'job'];

/** What Prometheus's rules say about an alert (absent when its rule is not loaded there). */
export interface RuleMeta {
  forSeconds: number;
  labels: Labels;
  annotations: Labels;
}

export interface ReviewInput {
  history: History;
  silences: readonly Silence[];
  /** Alert name → its rule, when Prometheus has it loaded. */
  rules: ReadonlyMap<string, RuleMeta>;
  /** Whether a runbook is found for an alert with these labels and annotations (the project's resolution). */
  hasRunbook: (labels: Labels, annotations: Labels) => boolean;
  groupBy?: readonly string[];
}

export interface AlertReview {
  alertname: string;
  group: string;
  severity: string | null;
  series: number;
  firings: number;
  firingsPerWeek: number;
  flapping: boolean;
  /** The series that flaps most, with its measures. */
  worstSeries: { labels: Labels; episodes: number; short: number; maxStartsPerHour: number } | null;
  alwaysFiring: boolean;
  heartbeat: boolean;
  timeFiringRatio: number;
  medianDurationSeconds: number;
  /** Episodes covered by a silence or an ack. */
  actedOn: number;
  acked: number;
  /** Episodes that resolved on their own with no silence or ack over them. */
  neverActedOn: number;
  neverActedOnPages: number;
  stillFiring: number;
  ruleLoaded: boolean;
  missing: ('severity' | 'summary' | 'runbook')[];
  findings: Finding[];
  /** Episode start times (Unix seconds), for a chart over the window. */
  starts: number[];
}

export interface GroupReview {
  group: string;
  label: string | null;
  firings: number;
  firingsPerWeek: number;
  overTarget: boolean;
  alerts: string[];
  findings: Finding[];
}

export interface Review {
  /** Start of the window reviewed: the one asked for, or where the history begins if later (see historyStart). */
  since: string;
  requestedSince: string;
  until: string;
  stepSeconds: number;
  weeks: number;
  target: typeof TARGET_PER_WEEK;
  groupBy: string[];
  alerts: AlertReview[];
  groups: GroupReview[];
}

const PAGE = /^(critical|page|pager|p1|emergency)$/i;

export function isPage(labels: Labels): boolean {
  return PAGE.test(labels.severity ?? '');
}

function groupOf(labels: Labels, groupBy: readonly string[]): { label: string | null; value: string } {
  for (const k of groupBy) if (labels[k]) return { label: k, value: labels[k]! };
  return { label: null, value: '(none)' };
}

/** Whether a silence was in force over any part of the episode and matches its series. */
function covering(silences: readonly Silence[], labels: Labels, e: Episode, step: number): Silence | undefined {
  return silences.find((s) => {
    const a = Date.parse(s.startsAt) / 1000;
    const b = Date.parse(s.endsAt) / 1000;
    // Points are stamped at the end of their step: the run may have begun up to a step earlier.
    return a < e.end && b > e.start - step && matchesAll(s.matchers, labels);
  });
}

function mostCommon(xs: readonly string[]): string {
  const c = new Map<string, number>();
  let best = xs[0] ?? '(none)';
  for (const x of xs) {
    const n = (c.get(x) ?? 0) + 1;
    c.set(x, n);
    if (n > (c.get(best) ?? 0)) best = x;
  }
  return best;
}

export function buildReview(inp: ReviewInput, isAck: (s: Silence) => boolean): Review {
  const h = inp.history;
  const groupBy = [...(inp.groupBy?.length ? inp.groupBy : DEFAULT_GROUP_BY)];
  const since = historyStart(h);
  const windowSeconds = Math.max(h.stepSeconds, h.until - since);
  const weeks = windowSeconds / WEEK;
  const episodes = episodesOf(h);
  const perSeries = bySeries(episodes);
  const names = new Map<string, number[]>();
  h.series.forEach((s, i) => {
    const n = s.labels.alertname ?? '';
    const l = names.get(n);
    if (l) l.push(i);
    else names.set(n, [i]);
  });
  const alerts: AlertReview[] = [];
  const groupEpisodes = new Map<string, { label: string | null; firings: number; alerts: Set<string> }>();
  for (const [alertname, idxs] of names) {
    const eps = idxs.flatMap((i) => perSeries.get(i) ?? []);
    const measures: SeriesMeasures[] = idxs.map((i) => measureSeries(i, perSeries.get(i) ?? [], h.stepSeconds));
    const worst = measures
      .filter((m) => m.flapping)
      .sort((a, b) => b.maxStartsPerHour - a.maxStartsPerHour || b.short - a.short)[0];
    const rule = inp.rules.get(alertname);
    let acted = 0,
      acked = 0,
      never = 0,
      neverPages = 0,
      open = 0;
    const groups: string[] = [];
    for (const e of eps) {
      const labels = h.series[e.series]!.labels;
      const g = groupOf(labels, groupBy);
      groups.push(g.value);
      const ge = groupEpisodes.get(g.value) ?? { label: g.label, firings: 0, alerts: new Set<string>() };
      ge.firings++;
      ge.alerts.add(alertname);
      groupEpisodes.set(g.value, ge);
      const s = covering(inp.silences, labels, e, h.stepSeconds);
      if (s) {
        acted++;
        if (isAck(s)) acked++;
      } else if (e.open) open++;
      else {
        never++;
        if (isPage(labels)) neverPages++;
      }
    }
    const firstLabels = h.series[idxs[0]!]!.labels;
    const severity = idxs.map((i) => h.series[i]!.labels.severity).find((v) => v) ?? rule?.labels.severity ?? null;
    const annotations = rule?.annotations ?? {};
    const missing: AlertReview['missing'] = [];
    if (!severity) missing.push('severity');
    if (rule && !annotations.summary) missing.push('summary');
    if (!inp.hasRunbook({ ...firstLabels }, annotations)) missing.push('runbook');
    const ratio =
      unionSeconds(
        eps.map((e) => [e.start - h.stepSeconds, e.end - h.stepSeconds]),
        since,
        h.until,
      ) / windowSeconds;
    const review: AlertReview = {
      alertname,
      group: mostCommon(groups),
      severity,
      series: idxs.length,
      firings: eps.length,
      firingsPerWeek: round(eps.length / weeks),
      flapping: Boolean(worst),
      worstSeries: worst
        ? {
            labels: h.series[worst.series]!.labels,
            episodes: worst.episodes,
            short: worst.short,
            maxStartsPerHour: worst.maxStartsPerHour,
          }
        : null,
      alwaysFiring: ratio >= ALWAYS_FIRING_RATIO,
      heartbeat: HEARTBEAT.test(alertname),
      timeFiringRatio: round(Math.min(1, ratio), 4),
      medianDurationSeconds: median(eps.map((e) => e.end - e.start)),
      actedOn: acted,
      acked,
      neverActedOn: never,
      neverActedOnPages: neverPages,
      stillFiring: open,
      ruleLoaded: Boolean(rule),
      missing,
      findings: [],
      starts: eps.map((e) => e.start).sort((a, b) => a - b),
    };
    review.findings = findingsFor(review, rule, h.stepSeconds);
    alerts.push(review);
  }
  alerts.sort((a, b) => b.firingsPerWeek - a.firingsPerWeek || a.alertname.localeCompare(b.alertname));
  const groups: GroupReview[] = [...groupEpisodes].map(([group, g]) => {
    const perWeek = round(g.firings / weeks);
    const out: GroupReview = {
      group,
      label: g.label,
      firings: g.firings,
      firingsPerWeek: perWeek,
      overTarget: perWeek > TARGET_PER_WEEK.max,
      alerts: [...g.alerts].sort(),
      findings: [],
    };
    out.findings = groupFindings(out, alerts);
    return out;
  });
  groups.sort(
    (a, b) =>
      Number(b.overTarget) - Number(a.overTarget) ||
      b.firingsPerWeek - a.firingsPerWeek ||
      a.group.localeCompare(b.group),
  );
  return {
    since: new Date(since * 1000).toISOString(),
    requestedSince: new Date(h.since * 1000).toISOString(),
    until: new Date(h.until * 1000).toISOString(),
    stepSeconds: h.stepSeconds,
    weeks: round(weeks, 3),
    target: TARGET_PER_WEEK,
    groupBy,
    alerts,
    groups,
  };
}

/**
 * Where the history begins: a heartbeat (Watchdog) fires all the time, so its first sample after the requested
 * start marks the oldest data Prometheus still holds (retention). A sample of any other alert older than that
 * shows Prometheus holds more (the heartbeat's rule came later, or a history was backfilled without it, as the
 * demo's is): the history then begins at the oldest sample. Without a heartbeat, the requested start.
 */
export function historyStart(h: History): number {
  let heartbeat = Infinity;
  let oldest = Infinity;
  for (const s of h.series) {
    if (!s.times.length) continue;
    const first = s.times[0]! - h.stepSeconds;
    oldest = Math.min(oldest, first);
    if (HEARTBEAT.test(s.labels.alertname ?? '')) heartbeat = Math.min(heartbeat, first);
  }
  const first = Math.min(heartbeat, oldest);
  return Number.isFinite(heartbeat) && first > h.since + 2 * h.stepSeconds ? first : h.since;
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
