// SLO arithmetic (shared/reference/slo-math.md). burn = error ratio / (1 − objective); remaining budget over
// the period = 1 − period error ratio / (1 − objective); time to exhaustion = remaining × period / 1 h burn.
import { tierThreshold, windowSeconds, WORKBOOK_TIERS, type SloState, type WorkbookWindow } from './windows.js';

export function burnRate(errorRatio: number | null, objective: number | null): number | null {
  if (errorRatio === null || objective === null || !Number.isFinite(errorRatio)) return null;
  return errorRatio / (1 - objective);
}

export function budgetRemaining(periodErrorRatio: number | null, objective: number | null): number | null {
  if (periodErrorRatio === null || objective === null || !Number.isFinite(periodErrorRatio)) return null;
  return 1 - periodErrorRatio / (1 - objective);
}

export type Exhaustion = { seconds: number; reason?: undefined } | { seconds: null; reason: string };

/** Seconds until the budget is gone at the current burn; 0 when it is already gone. */
export function exhaustion(remaining: number | null, periodSeconds: number, burn1h: number | null): Exhaustion {
  if (remaining === null) return { seconds: null, reason: 'budget remaining unknown' };
  if (remaining <= 0) return { seconds: 0 };
  if (burn1h === null) return { seconds: null, reason: 'no 1h burn rate' };
  if (burn1h <= 0) return { seconds: null, reason: 'not burning budget over the last 1h' };
  return { seconds: (remaining * periodSeconds) / burn1h };
}

export interface Condition {
  severity: 'page' | 'ticket';
  long: string;
  short: string;
  /** Burn multiple both windows must exceed. */
  threshold: number;
  longBurn: number | null;
  shortBurn: number | null;
  /** null when a window has no data. */
  firing: boolean | null;
}

/**
 * The Workbook's conditions for one SLO. `roles` maps each Workbook window to the window actually measured
 * (the same name for configured SLOs; a source's own windows, e.g. Pyrra's 4d for 3d, for discovered ones).
 */
export function conditions(
  burns: Record<string, number | null>,
  periodSeconds: number,
  roles: Partial<Record<WorkbookWindow, string>> = {},
): Condition[] {
  return WORKBOOK_TIERS.map((t) => {
    const long = roles[t.long] ?? t.long;
    const short = roles[t.short] ?? t.short;
    const threshold = tierThreshold(t, periodSeconds, windowSeconds(long));
    const longBurn = burns[long] ?? null;
    const shortBurn = burns[short] ?? null;
    const firing = longBurn === null || shortBurn === null ? null : longBurn > threshold && shortBurn > threshold;
    return { severity: t.severity, long, short, threshold, longBurn, shortBurn, firing };
  });
}

/** page if a page condition fires, else ticket if a ticket condition fires; null if nothing could be evaluated. */
export function stateOf(conds: readonly Condition[]): SloState | null {
  if (conds.some((c) => c.severity === 'page' && c.firing)) return 'page';
  if (conds.some((c) => c.severity === 'ticket' && c.firing)) return 'ticket';
  if (conds.every((c) => c.firing === null)) return null;
  return 'ok';
}

/** The strictest (page before ticket) threshold a window takes part in, for drawing its bar. */
export function windowThresholds(conds: readonly Condition[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of conds) {
    for (const w of [c.long, c.short]) if (out[w] === undefined) out[w] = c.threshold;
  }
  return out;
}
