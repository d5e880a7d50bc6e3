// Per-series measures of one alert's episodes: short runs, re-fires within an hour, firing time.
import type { Episode } from './episodes.js';

export interface SeriesMeasures {
  series: number;
  episodes: number;
  /** Episodes that lasted at most two evaluation steps. */
  short: number;
  /** Most episode starts within any one hour (what changes() over 1h would count). */
  maxStartsPerHour: number;
  flapping: boolean;
}

/** Fewest episodes before a series can be called flapping, and starts within an hour that make it so. */
export const FLAP_MIN_EPISODES = 3;
export const FLAP_STARTS_PER_HOUR = 3;

export function measureSeries(series: number, eps: readonly Episode[], stepSeconds: number): SeriesMeasures {
  let short = 0;
  let maxStarts = 0;
  let lo = 0;
  for (let i = 0; i < eps.length; i++) {
    if (eps[i]!.end - eps[i]!.start <= 2 * stepSeconds) short++;
    while (eps[i]!.start - eps[lo]!.start >= 3600) lo++;
    maxStarts = Math.max(maxStarts, i - lo + 1);
  }
  const flapping = eps.length >= FLAP_MIN_EPISODES && (maxStarts >= FLAP_STARTS_PER_HOUR || short * 2 >= eps.length);
  return { series, episodes: eps.length, short, maxStartsPerHour: maxStarts, flapping };
}

/** Heartbeat alerts that fire by design (a dead man's switch): always firing is their health, not noise. */
export const HEARTBEAT = /^(Watchdog|DeadMansSwitch|DeadMansSnitch|Heartbeat)$/;

/** Share of the window an alert fires for it to be "always firing". */
export const ALWAYS_FIRING_RATIO = 0.95;

export function median(xs: readonly number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
