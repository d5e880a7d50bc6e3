// A silence of yours that ends soon while the alerts it hides still fire: the header warns about it.
import { compileMatchers } from '../matchers.js';
import type { Alert, Silence } from '../types.js';

export const EXPIRING_SOON_MS = 10 * 60_000;

export interface ExpiringSilence {
  silence: Silence;
  /** Milliseconds until it ends. */
  leftMs: number;
  /** Firing alerts it matches now. */
  firing: number;
}

/** Active silences by `author` ending within `withinMs` that still match firing alerts, soonest first. */
export function expiringSoon(
  silences: readonly Silence[],
  firing: readonly Alert[],
  author: string | undefined,
  now: number,
  withinMs = EXPIRING_SOON_MS,
): ExpiringSilence[] {
  const out: ExpiringSilence[] = [];
  for (const s of silences) {
    if (s.status !== 'active' || (author !== undefined && s.createdBy !== author)) continue;
    const leftMs = Date.parse(s.endsAt) - now;
    if (leftMs <= 0 || leftMs > withinMs) continue;
    const pred = compileMatchers(s.matchers);
    const n = firing.filter((a) => pred(a.labels)).length;
    if (n > 0) out.push({ silence: s, leftMs, firing: n });
  }
  return out.sort((a, b) => a.leftMs - b.leftMs);
}

/** Firing alerts each silence matches now, by silence ID. */
export function firingCounts(silences: readonly Silence[], firing: readonly Alert[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of silences) {
    const pred = compileMatchers(s.matchers);
    out.set(s.id, firing.filter((a) => pred(a.labels)).length);
  }
  return out;
}
