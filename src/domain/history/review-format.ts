// The review's tables as rows of text, shared by `oncall review` (text and markdown) and the TUI's Review view.
import { formatDuration } from '../duration.js';
import type { AlertReview, GroupReview, Review } from './review.js';

export interface Rows {
  header: string[];
  rows: string[][];
}

const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`;

export function groupRows(r: Review): Rows {
  return {
    header: ['GROUP', 'BY', 'FIRINGS/WEEK', 'TARGET', 'FIRINGS', 'ALERTS'],
    rows: r.groups.map((g: GroupReview) => [
      g.group,
      g.label ?? '-',
      String(g.firingsPerWeek),
      g.overTarget ? `over ${r.target.min}–${r.target.max}` : 'ok',
      String(g.firings),
      g.alerts.join(', '),
    ]),
  };
}

export const ALERT_COLUMNS = [
  'ALERT',
  'GROUP',
  'SEVERITY',
  'FIRINGS/WEEK',
  'FIRINGS',
  'FLAPPING',
  'TIME FIRING',
  'NEVER ACTED ON',
  'MEDIAN',
  'MISSING',
] as const;

export function alertRow(a: AlertReview): string[] {
  return [
    a.alertname,
    a.group,
    a.severity ?? '-',
    String(a.firingsPerWeek),
    String(a.firings),
    a.flapping ? `yes (${a.worstSeries?.maxStartsPerHour ?? 0}/h)` : '-',
    `${pct(a.timeFiringRatio)}${a.alwaysFiring ? (a.heartbeat ? ' heartbeat' : ' ALWAYS') : ''}`,
    a.neverActedOn ? `${a.neverActedOn}${a.neverActedOnPages ? ` (${a.neverActedOnPages} pages)` : ''}` : '0',
    formatDuration(a.medianDurationSeconds * 1000),
    a.missing.join(', ') || '-',
  ];
}

export function alertRows(r: Review): Rows {
  return { header: [...ALERT_COLUMNS], rows: r.alerts.map(alertRow) };
}

/** One line per finding: what and the change to make. */
export function findingLines(r: Review): string[] {
  const out: string[] = [];
  for (const g of r.groups) for (const f of g.findings) out.push(`${g.group}: ${f.message} → ${f.suggestion}`);
  for (const a of r.alerts) for (const f of a.findings) out.push(`${a.alertname}: ${f.message} → ${f.suggestion}`);
  return out;
}

export function reviewTitle(r: Review): string {
  return `Alert review ${r.since.slice(0, 10)} – ${r.until.slice(0, 10)} (${r.weeks} weeks, step ${formatDuration(r.stepSeconds * 1000)}), by ${r.groupBy.join(' | ')}; target ${r.target.min}–${r.target.max} actionable alerts per service per week${r.since !== r.requestedSince ? ` (the history begins ${r.since.slice(0, 16).replace('T', ' ')}, after the ${r.requestedSince.slice(0, 10)} asked for)` : ''}`;
}
