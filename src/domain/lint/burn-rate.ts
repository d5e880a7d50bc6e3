// Burn-rate alerting rules against the Google SRE Workbook (multiwindow, multi-burn-rate): the burn rate each
// threshold means for the SLO, the window pair, and the rule as it should be written.
import { formatDuration } from '../duration.js';
import { comparisons, objectiveIn, shapeOf, type Comparison, type Node } from './promql-ast.js';
import type { LintRule } from './rule-file.js';
import { tierThreshold, windowSeconds, WORKBOOK_TIERS } from '../slo/windows.js';

export interface Tier {
  long: number;
  short: number;
  budget: number;
  kind: 'page' | 'ticket';
}

/** The Workbook's tiers (src/domain/slo/windows.ts) in seconds. */
export const TIERS: Tier[] = WORKBOOK_TIERS.map((t) => ({
  long: windowSeconds(t.long),
  short: windowSeconds(t.short),
  budget: t.budgetShare,
  kind: t.severity,
}));

export const DEFAULT_PERIOD = 30 * 86400;

/** Burn multiple of a tier for the period: 14.4, 6, 3, 1 for 30 days. */
export function tierBurn(t: Tier, periodSeconds: number): number {
  return Math.round(tierThreshold({ budgetShare: t.budget }, periodSeconds, t.long) * 1000) / 1000;
}

export interface BurnFinding {
  line: number;
  message: string;
}

const fmtW = (s: number) => formatDuration(s * 1000);
const pct = (x: number) => `${Math.round(x * 100000) / 1000}%`;
const num = (x: number) => String(Math.round(x * 1000) / 1000);

/** Whether an alert is meant as a burn-rate alert: it says so, or its threshold is written as N × (1 − SLO). */
export function isBurnRateRule(r: LintRule, q: string, root: Node): boolean {
  const words = `${r.name} ${r.annotations.summary ?? ''} ${r.annotations.description ?? ''}`;
  if (/burn|budget/i.test(words)) return true;
  return comparisons(q, root).some(
    (c) =>
      objectiveIn(q, c.thresholdNode) !== undefined ||
      (shapeOf(q, c.lhs).kind === 'ratio' && /^slo:|burnrate/.test(shapeOf(q, c.lhs).metric ?? '')),
  );
}

/** The SLO objective: from the expression, a label or annotation, a percentage in the text, else the default. */
export function objectiveOf(
  r: LintRule,
  q: string,
  cmps: readonly Comparison[],
  fallback: number,
): { objective: number; assumed: boolean } {
  for (const c of cmps) {
    const o = objectiveIn(q, c.thresholdNode);
    if (o !== undefined) return { objective: o, assumed: false };
  }
  for (const k of ['objective', 'slo_objective', 'sloth_objective', 'target']) {
    const v = Number(r.labels[k] ?? r.annotations[k]);
    if (v > 0.5 && v < 1) return { objective: v, assumed: false };
    if (v > 50 && v < 100) return { objective: v / 100, assumed: false };
  }
  const m = /(9\d(?:\.\d+)?)\s*%/.exec(`${r.annotations.summary ?? ''} ${r.annotations.description ?? ''}`);
  if (m) return { objective: Number(m[1]) / 100, assumed: false };
  return { objective: fallback, assumed: true };
}

function pickTier(r: LintRule, long: number): Tier {
  const byWindow = TIERS.find((t) => t.long === long);
  if (byWindow) return byWindow;
  if (/fast/i.test(r.name)) return TIERS[0]!;
  if (/slow/i.test(r.name)) return TIERS[1]!;
  return /critical|page/i.test(r.labels.severity ?? '') ? TIERS[0]! : TIERS[1]!;
}

function withWindow(lhs: string, w: number): string {
  const d = fmtW(w);
  return lhs
    .replace(/\[\s*\d+[smhdwy][\dsmhdwy]*\s*\]/g, `[${d}]`)
    .replace(/(ratio_rate|burnrate)_?\d+[smhdw]\b/g, `$1${d}`);
}

/** The Workbook's rule for this tier, written from the rule's own error-ratio expression. */
export function correctExpr(lhs: string, t: Tier, objective: number, periodSeconds: number): string {
  const b = num(tierBurn(t, periodSeconds));
  const threshold = `${b} * (1 - ${objective})`;
  return `(${withWindow(lhs.trim(), t.long)}) > (${threshold}) and (${withWindow(lhs.trim(), t.short)}) > (${threshold})`;
}

/** The SLO period from a label or annotation (period, slo_period), else 30 days. */
export function periodOf(r: LintRule): number {
  for (const k of ['period', 'slo_period']) {
    const s = windowSeconds(r.labels[k] ?? r.annotations[k] ?? '');
    if (s > 0) return s;
  }
  return DEFAULT_PERIOD;
}

export function lintBurnRate(r: LintRule, q: string, root: Node, defaultObjective: number): BurnFinding[] {
  const out: BurnFinding[] = [];
  const periodSeconds = periodOf(r);
  const cmps = comparisons(q, root);
  const ratios = cmps.filter((c) => shapeOf(q, c.lhs).kind === 'ratio');
  const quantiles = cmps.filter((c) => shapeOf(q, c.lhs).kind === 'quantile');
  const line = r.exprLine;
  if (!ratios.length) {
    for (const c of quantiles) {
      const ws = shapeOf(q, c.lhs).windows;
      out.push({
        line,
        message: `"${r.name}" is named a burn-rate alert but compares a quantile with ${num(c.threshold)} over ${ws.map(fmtW).join(', ') || 'no window'}: that is no burn rate and pages on any brief spike; for a latency SLO alert on the share of slow requests, e.g. (1 - rate(<h>_bucket{le="${num(c.threshold)}"}[1h]) / rate(<h>_count[1h])) > (14.4 * (1 - 0.99)) and the same over [5m]`,
      });
    }
    return out;
  }
  const { objective, assumed } = objectiveOf(r, q, ratios, defaultObjective);
  const sloText = `${pct(objective)} SLO${assumed ? ' (assumed; state it as a label objective: or in the threshold as N * (1 - SLO))' : ''}`;
  const byThreshold = new Map<number, Comparison[]>();
  for (const c of ratios) {
    const l = byThreshold.get(c.threshold) ?? [];
    l.push(c);
    byThreshold.set(c.threshold, l);
  }
  const lhsNode = ratios[0]!.lhs;
  const inner = lhsNode.name === 'ParenExpr' && lhsNode.firstChild ? lhsNode.firstChild : lhsNode;
  const lhsText = q.slice(inner.from, inner.to).replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')');
  for (const [threshold, cs] of byThreshold) {
    const ws = [...new Set(cs.flatMap((c) => shapeOf(q, c.lhs).windows))].sort((a, b) => a - b);
    const long = ws[ws.length - 1] ?? 0;
    const t = pickTier(r, long);
    const expected = tierBurn(t, periodSeconds);
    const burn = threshold / (1 - objective);
    const fix = `; correct (${t.kind}, ${fmtW(t.long)} and ${fmtW(t.short)} above ${num(expected)}×): ${correctExpr(lhsText, t, objective, periodSeconds)}`;
    const problems: string[] = [];
    if (ws.length < 2)
      problems.push(
        `a multiwindow burn-rate alert with one window (${ws.map(fmtW).join('') || 'none'}): it needs a long and a short window, both above the threshold`,
      );
    else if (!TIERS.some((x) => x.long === long))
      problems.push(`windows ${ws.map(fmtW).join(' and ')} are not a Workbook pair (1h+5m, 6h+30m, 1d+2h, 3d+6h)`);
    else if (ws[0] !== t.short)
      problems.push(
        `short window ${fmtW(ws[0]!)} for long window ${fmtW(long)}: the Workbook pairs it with ${fmtW(t.short)} (1/12 of the long one)`,
      );
    if (Math.abs(burn / expected - 1) > 0.02)
      problems.push(
        `threshold ${num(threshold)} (${pct(threshold)} errors) is a burn rate of ${num(burn)}× for a ${sloText}, not the Workbook's ${num(expected)}× (${pct(expected * (1 - objective))} errors)`,
      );
    if (problems.length) out.push({ line, message: problems.join('; ') + fix });
  }
  return out;
}
