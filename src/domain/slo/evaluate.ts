// Configured SLOs: the two batched queries (all SLOs × the Workbook's windows; all SLOs over their period),
// and the reading of their answers into figures, states and warnings.
import type { Labels } from '../types.js';
import { batch, errorRatioAt, errorRatioExpr, qualityMethod, SLO_TAG, WINDOW_TAG } from './promql.js';
import { budgetRemaining, burnRate, conditions, exhaustion, stateOf, windowThresholds } from './math.js';
import { SLO_WINDOWS, windowName, windowSeconds } from './windows.js';
import type { ConfiguredSlo, SloResult, WindowFigures } from './types.js';

export interface InstantSample {
  metric: Labels;
  value: number;
}

export const PERIOD_TAG_VALUE = 'period';

/** All SLOs over one Workbook window: one query per window, whatever the number of SLOs. */
export function sloWindowQuery(slos: readonly ConfiguredSlo[], window: string): string {
  return batch(
    slos.map((s, i) => ({
      expr: errorRatioAt(s, windowSeconds(window)),
      tags: { [SLO_TAG]: String(i), [WINDOW_TAG]: window },
    })),
  );
}

export function sloPeriodQuery(slos: readonly ConfiguredSlo[]): string {
  return batch(
    slos.map((s, i) => ({
      expr: errorRatioAt(s, s.periodSeconds),
      tags: { [SLO_TAG]: String(i), [WINDOW_TAG]: PERIOD_TAG_VALUE },
    })),
  );
}

function groupValue(slo: ConfiguredSlo, m: Labels): string | null {
  return slo.groupBy ? (m[slo.groupBy] ?? '') : null;
}

/** One warning per kind of gap, listing the windows, instead of one per window. */
export function gapWarnings(gaps: { window: string; value: number | undefined }[]): string[] {
  const none = gaps.filter((g) => g.value === undefined).map((g) => g.window);
  const nan = gaps.filter((g) => g.value !== undefined).map((g) => g.window);
  const out: string[] = [];
  if (none.length) out.push(`no data over ${none.join(', ')}`);
  if (nan.length) out.push(`no events over ${nan.join(', ')} (0/0): error ratio unknown`);
  return out;
}

/** Figures for every configured SLO (one result per group value) from the two batched answers. */
export function readConfigured(
  slos: readonly ConfiguredSlo[],
  windowSamples: readonly InstantSample[],
  periodSamples: readonly InstantSample[],
): SloResult[] {
  // slo index → group value → window → value
  const table = new Map<number, Map<string, Map<string, number>>>();
  for (const s of [...windowSamples, ...periodSamples]) {
    const i = Number(s.metric[SLO_TAG]);
    const w = s.metric[WINDOW_TAG];
    const slo = slos[i];
    if (!slo || !w) continue;
    const gv = groupValue(slo, s.metric) ?? '';
    let groups = table.get(i);
    if (!groups) table.set(i, (groups = new Map()));
    let wins = groups.get(gv);
    if (!wins) groups.set(gv, (wins = new Map()));
    wins.set(w, s.value);
  }
  const out: SloResult[] = [];
  slos.forEach((slo, i) => {
    const groups = table.get(i) ?? new Map<string, Map<string, number>>();
    // Without a grouping label there is always exactly one instance, data or not.
    if (!slo.groupBy && !groups.size) groups.set('', new Map());
    if (slo.groupBy && !groups.size) {
      out.push(build(slo, i, null, new Map(), [`no series for ${slo.name}: nothing to split by ${slo.groupBy}`]));
      return;
    }
    for (const [gv, wins] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
      out.push(build(slo, i, slo.groupBy ? gv : null, wins, []));
    }
  });
  return out;
}

function build(
  slo: ConfiguredSlo,
  index: number,
  group: string | null,
  wins: Map<string, number>,
  warnings: string[],
): SloResult {
  const windows: Record<string, WindowFigures> = {};
  const burns: Record<string, number | null> = {};
  const gaps: { window: string; value: number | undefined }[] = [];
  for (const w of SLO_WINDOWS) {
    const v = wins.get(w);
    const errorRatio = v !== undefined && Number.isFinite(v) ? v : null;
    if (errorRatio === null) gaps.push({ window: w, value: v });
    const burn = burnRate(errorRatio, slo.objective);
    burns[w] = burn;
    windows[w] = { errorRatio, burnRate: burn, threshold: null };
  }
  const conds = conditions(burns, slo.periodSeconds);
  const th = windowThresholds(conds);
  for (const w of SLO_WINDOWS) windows[w]!.threshold = th[w] ?? null;
  const pv = wins.get(PERIOD_TAG_VALUE);
  const periodErrorRatio = pv !== undefined && Number.isFinite(pv) ? pv : null;
  if (periodErrorRatio === null) gaps.push({ window: `the ${windowName(slo.periodSeconds)} period`, value: pv });
  warnings.push(...gapWarnings(gaps));
  const remaining = budgetRemaining(periodErrorRatio, slo.objective);
  const ex = exhaustion(remaining, slo.periodSeconds, burns['1h'] ?? null);
  if (ex.seconds === null && remaining !== null) warnings.push(`no exhaustion time: ${ex.reason}`);
  const state = stateOf(conds);
  if (state === null) warnings.push('state unknown: no window pair has data');
  const name = group === null ? slo.name : `${slo.name}{${slo.groupBy}="${group}"}`;
  return {
    id: `config:${index}:${group ?? ''}`,
    name,
    source: 'config',
    kind: slo.kind,
    description: slo.description,
    objective: slo.objective,
    periodSeconds: slo.periodSeconds,
    group: group === null ? null : { label: slo.groupBy!, value: group },
    windows,
    periodErrorRatio,
    budgetRemaining: remaining,
    exhaustionSeconds: ex.seconds,
    state,
    conditions: conds,
    errorRatioQuery: errorRatioExpr(slo, '$window'),
    method: slo.kind === 'quality' ? qualityMethod(slo) : undefined,
    alertMatchers: slo.alertMatchers,
    warnings,
  };
}
