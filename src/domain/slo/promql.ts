// PromQL for configured SLOs, and the batching that keeps the number of requests independent of the number
// of SLOs: every (SLO, window) expression is tagged with label_replace and the lot joined with `or`.
import type { ConfiguredSlo } from './types.js';
import { windowName } from './windows.js';

export const SLO_TAG = 'oncall_slo';
export const WINDOW_TAG = 'oncall_window';

/** A PromQL string literal. */
export function promString(s: string): string {
  return JSON.stringify(s);
}

/** `metric{selector,extra}`. */
export function selectorOf(metric: string, selector?: string, extra: string[] = []): string {
  const parts = [selector?.trim(), ...extra].filter((p): p is string => !!p);
  return parts.length ? `${metric}{${parts.join(', ')}}` : metric;
}

function by(slo: ConfiguredSlo): string {
  return slo.groupBy ? ` by (${slo.groupBy})` : '';
}

/** A histogram bucket boundary as Prometheus may print it (0.5, 1 or 1.0). */
export function leMatcher(threshold: number): string {
  const s = String(threshold);
  const alts = Number.isInteger(threshold) ? [s, `${s}.0`] : [s];
  return `le=~${promString(alts.map((a) => a.replace(/\./g, '\\.')).join('|'))}`;
}

/** Subquery resolution for a quality SLO window: about 360 points, at least 30 s, whole seconds. */
export function qualityStepSeconds(windowSeconds: number): number {
  return Math.max(30, Math.round(windowSeconds / 360));
}

/**
 * The error ratio of `slo` over `window` (a PromQL duration or `$window`). `step` is the subquery resolution
 * for quality SLOs. Counters missing for a group (no error ever counted) read as zero, not as no data.
 */
export function errorRatioExpr(slo: ConfiguredSlo, window: string, step = '$step'): string {
  const g = by(slo);
  const sumRate = (sel: string) => `sum${g} (rate(${sel}[${window}]))`;
  const zeroIfMissing = (num: string, den: string) => `(${num} or 0 * ${den})`;
  switch (slo.kind) {
    case 'ratio': {
      const total = sumRate(selectorOf(slo.total!, slo.selector));
      if (slo.errors) return `${zeroIfMissing(sumRate(selectorOf(slo.errors, slo.selector)), total)} / ${total}`;
      return `1 - ${zeroIfMissing(sumRate(selectorOf(slo.good!, slo.selector)), total)} / ${total}`;
    }
    case 'latency': {
      const total = sumRate(selectorOf(`${slo.histogram}_count`, slo.selector));
      const good = sumRate(selectorOf(`${slo.histogram}_bucket`, slo.selector, [leMatcher(slo.threshold!)]));
      return `1 - ${zeroIfMissing(good, total)} / ${total}`;
    }
    case 'quality': {
      const op = slo.goodWhen === 'below' ? '<' : '>';
      return `1 - avg${g} (avg_over_time((${selectorOf(slo.gauge!, slo.selector)} ${op} bool ${slo.threshold})[${window}:${step}]))`;
    }
  }
}

/** The expression for one window in seconds, with the subquery step filled in. */
export function errorRatioAt(slo: ConfiguredSlo, windowSeconds: number): string {
  return errorRatioExpr(slo, windowName(windowSeconds), windowName(qualityStepSeconds(windowSeconds)));
}

export function qualityMethod(slo: ConfiguredSlo): string {
  const op = slo.goodWhen === 'below' ? '<' : '>';
  return `share of time ${slo.gauge} ${op} ${slo.threshold}: the gauge sampled by a subquery (about 360 points per window, at least every 30s)${slo.groupBy ? `, averaged per ${slo.groupBy}` : ''}; time without data counts neither way`;
}

export interface Tagged {
  expr: string;
  tags: Record<string, string>;
}

/** One query for many expressions: each result carries its tags, so the caller can tell them apart. */
export function batch(items: readonly Tagged[]): string {
  return items
    .map((it) =>
      Object.entries(it.tags).reduce(
        (e, [k, v]) => `label_replace(${e}, ${promString(k)}, ${promString(v)}, "", "")`,
        `(${it.expr})`,
      ),
    )
    .join('\n  or ');
}
