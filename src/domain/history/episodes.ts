// Alert history as episodes: one firing run of one ALERTS series. Input is, per series, the times (Unix seconds,
// ascending) at which the series had a firing sample in its step; a gap longer than step + tolerance ends a run,
// since Prometheus writes ALERTS at every rule evaluation while the alert fires.
import type { Labels } from '../types.js';

/** One ALERTS series: its labels (alertstate and __name__ removed) and the step times it was seen firing. */
export interface HistorySeries {
  labels: Labels;
  times: number[];
}

export interface Episode {
  alertname: string;
  /** Index of the series in the history it came from. */
  series: number;
  /** First firing sample, Unix seconds. */
  start: number;
  /** Last firing sample plus one step: when it stopped firing, at the resolution of the step. */
  end: number;
  samples: number;
  /** Still firing at the end of the window (no chance yet to resolve on its own). */
  open: boolean;
}

export interface History {
  /** Window, Unix seconds. */
  since: number;
  until: number;
  stepSeconds: number;
  series: HistorySeries[];
}

/** Splits each series' times into episodes. `toleranceSeconds` defaults to half a step. */
export function episodesOf(h: History, toleranceSeconds = h.stepSeconds / 2): Episode[] {
  const out: Episode[] = [];
  const maxGap = h.stepSeconds + toleranceSeconds;
  h.series.forEach((s, idx) => {
    const t = s.times;
    if (!t.length) return;
    const alertname = s.labels.alertname ?? '';
    let start = t[0]!;
    let n = 1;
    for (let i = 1; i <= t.length; i++) {
      if (i < t.length && t[i]! - t[i - 1]! <= maxGap) {
        n++;
        continue;
      }
      const last = t[i - 1]!;
      out.push({
        alertname,
        series: idx,
        start,
        end: last + h.stepSeconds,
        samples: n,
        open: h.until - last <= maxGap,
      });
      if (i < t.length) {
        start = t[i]!;
        n = 1;
      }
    }
  });
  return out;
}

/** Episodes grouped by series index, in time order. */
export function bySeries(episodes: readonly Episode[]): Map<number, Episode[]> {
  const m = new Map<number, Episode[]>();
  for (const e of episodes) {
    let l = m.get(e.series);
    if (!l) m.set(e.series, (l = []));
    l.push(e);
  }
  for (const l of m.values()) l.sort((a, b) => a.start - b.start);
  return m;
}

/** Total seconds covered by the union of intervals (clipped to [from, to]). */
export function unionSeconds(intervals: readonly [number, number][], from: number, to: number): number {
  const xs = intervals
    .map(([a, b]) => [Math.max(a, from), Math.min(b, to)] as [number, number])
    .filter(([a, b]) => b > a)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let cur: [number, number] | undefined;
  for (const x of xs) {
    if (cur && x[0] <= cur[1]) cur[1] = Math.max(cur[1], x[1]);
    else {
      if (cur) total += cur[1] - cur[0];
      cur = [x[0], x[1]];
    }
  }
  if (cur) total += cur[1] - cur[0];
  return total;
}
