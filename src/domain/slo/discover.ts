// SLOs that Sloth or Pyrra already record in Prometheus, found without any configuration.
// Sloth: sloth_slo_info, slo:sli_error:ratio_rate<w>, slo:objective:ratio, slo:time_period:days,
//   slo:period_error_budget_remaining:ratio.
// Pyrra: <metric>:burnrate<w>{slo=…} whose values are error ratios despite the name (divided here by the
//   budget), pyrra_objective / pyrra_window / pyrra_availability when it runs with --generic-rules.
import type { Labels } from '../types.js';
import { parseMatchers } from '../matchers.js';
import { promString } from './promql.js';
import { budgetRemaining, burnRate, conditions, exhaustion, stateOf, windowThresholds } from './math.js';
import { gapWarnings, type InstantSample } from './evaluate.js';
import { matchWindows, SLO_WINDOWS, windowName, windowSeconds, type WorkbookWindow } from './windows.js';
import type { SloResult, WindowFigures } from './types.js';

export const DISCOVERY_QUERY =
  '{__name__=~"sloth_slo_info|slo:sli_error:ratio_rate.+|slo:objective:ratio|slo:time_period:days|slo:period_error_budget_remaining:ratio|.+:burnrate.+|pyrra_objective|pyrra_window|pyrra_availability"}';

const SLOTH_RATIO = /^slo:sli_error:ratio_rate(.+)$/;
const PYRRA_BURN = /^(.+):burnrate(.+)$/;
/** Pyrra's longest burn-rate window is a seventh of the SLO's period (4d for 28 days). */
const PYRRA_PERIOD_PER_LONGEST_WINDOW = 7;
const DEFAULT_PERIOD = 30 * 86400;

function finite(v: number | undefined): number | null {
  return v !== undefined && Number.isFinite(v) ? v : null;
}

function selectorFor(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${promString(labels[k]!)}`)
    .join(', ');
}

interface Figures {
  ratios: Map<string, number>;
  roles: Partial<Record<WorkbookWindow, string>>;
  objective: number | null;
  periodSeconds: number;
  periodErrorRatio: number | null;
  remaining: number | null;
  /** A warning already says why the period's figures are missing. */
  periodGapNoted?: boolean;
}

function assemble(
  base: Omit<
    SloResult,
    | 'windows'
    | 'periodErrorRatio'
    | 'budgetRemaining'
    | 'exhaustionSeconds'
    | 'state'
    | 'conditions'
    | 'periodSeconds'
    | 'objective'
  >,
  f: Figures,
): SloResult {
  const warnings = [...base.warnings];
  const burns: Record<string, number | null> = {};
  const windows: Record<string, WindowFigures> = {};
  const shown = SLO_WINDOWS.map((w) => f.roles[w] ?? w);
  // Windows the source records beyond the Workbook's are shown too, never silently dropped.
  for (const w of f.ratios.keys()) if (!shown.includes(w) && windowSeconds(w) < f.periodSeconds) shown.push(w);
  shown.sort((a, b) => windowSeconds(a) - windowSeconds(b));
  const gaps: { window: string; value: number | undefined }[] = [];
  for (const w of shown) {
    const v = f.ratios.get(w);
    const er = finite(v);
    if (er === null) gaps.push({ window: w, value: v });
    burns[w] = burnRate(er, f.objective);
    windows[w] = { errorRatio: er, burnRate: burns[w]!, threshold: null };
  }
  const conds = conditions(burns, f.periodSeconds, f.roles);
  const th = windowThresholds(conds);
  for (const w of shown) windows[w]!.threshold = th[w] ?? null;
  if (f.periodErrorRatio === null && f.remaining === null && !f.periodGapNoted)
    gaps.push({ window: `the ${windowName(f.periodSeconds)} period`, value: undefined });
  warnings.push(...gapWarnings(gaps));
  const remaining = f.remaining ?? budgetRemaining(f.periodErrorRatio, f.objective);
  const ex = exhaustion(remaining, f.periodSeconds, burns[f.roles['1h'] ?? '1h'] ?? null);
  if (ex.seconds === null && remaining !== null) warnings.push(`no exhaustion time: ${ex.reason}`);
  const state = f.objective === null ? null : stateOf(conds);
  if (state === null && f.objective !== null) warnings.push('state unknown: no window pair has data');
  return {
    ...base,
    objective: f.objective,
    periodSeconds: f.periodSeconds,
    windows,
    periodErrorRatio: f.periodErrorRatio,
    budgetRemaining: remaining,
    exhaustionSeconds: ex.seconds,
    state,
    conditions: conds,
    warnings,
  };
}

/** Sloth SLOs, keyed by sloth_id. */
export function readSloth(samples: readonly InstantSample[]): SloResult[] {
  interface Acc {
    labels: Labels;
    info?: Labels;
    ratios: Map<string, number>;
    objective?: number;
    days?: number;
    remaining?: number;
  }
  const byId = new Map<string, Acc>();
  const acc = (m: Labels): Acc | undefined => {
    const id = m.sloth_id ?? (m.sloth_service && m.sloth_slo ? `${m.sloth_service}-${m.sloth_slo}` : undefined);
    if (!id) return undefined;
    let a = byId.get(id);
    if (!a)
      byId.set(
        id,
        (a = {
          labels: { sloth_id: id, sloth_service: m.sloth_service ?? '', sloth_slo: m.sloth_slo ?? '' },
          ratios: new Map(),
        }),
      );
    return a;
  };
  for (const s of samples) {
    const name = s.metric.__name__ ?? '';
    if (name !== 'sloth_slo_info' && !name.startsWith('slo:')) continue;
    const a = acc(s.metric);
    if (!a) continue;
    const r = SLOTH_RATIO.exec(name);
    if (r) a.ratios.set(s.metric.sloth_window ?? r[1]!, s.value);
    else if (name === 'sloth_slo_info') a.info = s.metric;
    else if (name === 'slo:objective:ratio') a.objective = s.value;
    else if (name === 'slo:time_period:days') a.days = s.value;
    else if (name === 'slo:period_error_budget_remaining:ratio') a.remaining = s.value;
  }
  const out: SloResult[] = [];
  for (const [id, a] of byId) {
    const warnings: string[] = [];
    let objective = finite(a.objective);
    if (objective === null && a.info?.sloth_objective) {
      const pct = Number(a.info.sloth_objective);
      if (Number.isFinite(pct)) objective = pct / 100;
    }
    if (objective === null)
      warnings.push('objective unknown: neither slo:objective:ratio nor sloth_slo_info{sloth_objective} found');
    let periodSeconds = DEFAULT_PERIOD;
    if (finite(a.days) !== null && a.days! > 0) periodSeconds = a.days! * 86400;
    else warnings.push('slo:time_period:days missing: assuming a 30d period');
    const periodWindow = windowName(periodSeconds);
    const periodErrorRatio = finite(a.ratios.get(periodWindow));
    a.ratios.delete(periodWindow);
    const sel = selectorFor({ sloth_id: id });
    const name = a.labels.sloth_service && a.labels.sloth_slo ? `${a.labels.sloth_service}/${a.labels.sloth_slo}` : id;
    out.push(
      assemble(
        {
          id: `sloth:${id}`,
          name,
          source: 'sloth',
          kind: null,
          group: null,
          errorRatioQuery: `avg_over_time(slo:sli_error:ratio_rate5m{${sel}}[$window])`,
          method: "figures from Sloth's recording rules; its period ratio is a mean of 5m ratios",
          alertMatchers: parseMatchers(
            a.labels.sloth_service && a.labels.sloth_slo
              ? `sloth_service=${promString(a.labels.sloth_service)}, sloth_slo=${promString(a.labels.sloth_slo)}`
              : `sloth_id=${promString(id)}`,
          ),
          warnings,
        },
        { ratios: a.ratios, roles: {}, objective, periodSeconds, periodErrorRatio, remaining: finite(a.remaining) },
      ),
    );
  }
  return out;
}

/** Pyrra SLOs that have no pyrra_objective series: their objective must come from the alert rules. */
export function pyrraNeedsRules(samples: readonly InstantSample[]): boolean {
  const withObjective = new Set(
    samples.filter((s) => s.metric.__name__ === 'pyrra_objective').map((s) => s.metric.slo),
  );
  return samples.some(
    (s) => s.metric.slo !== undefined && PYRRA_BURN.test(s.metric.__name__ ?? '') && !withObjective.has(s.metric.slo),
  );
}

/**
 * The objective in a Pyrra alert expression such as `x:burnrate5m{slo="a"} > (14 * (1-0.999))`; null if none.
 */
export function pyrraObjectiveFromExpr(expr: string): number | null {
  const m = /\(\s*1\s*-\s*(\d*\.?\d+(?:e-?\d+)?)\s*\)/i.exec(expr);
  if (!m) return null;
  const v = Number(m[1]);
  return v > 0 && v < 1 ? v : null;
}

/** Pyrra SLOs. `ruleObjectives` maps an slo name to the objective read from its alert rules. */
export function readPyrra(
  samples: readonly InstantSample[],
  ruleObjectives: ReadonlyMap<string, number> = new Map(),
): SloResult[] {
  interface Acc {
    slo: string;
    labels: Labels;
    prefix: string;
    ratios: Map<string, number>;
  }
  const objective = new Map<string, number>();
  const windowSecs = new Map<string, number>();
  const availability = new Map<string, number>();
  const byKey = new Map<string, Acc>();
  for (const s of samples) {
    const name = s.metric.__name__ ?? '';
    const slo = s.metric.slo;
    if (slo === undefined) continue;
    if (name === 'pyrra_objective') {
      objective.set(slo, s.value);
      continue;
    }
    if (name === 'pyrra_window') {
      windowSecs.set(slo, s.value);
      continue;
    }
    if (name === 'pyrra_availability') {
      availability.set(slo, s.value);
      continue;
    }
    const m = PYRRA_BURN.exec(name);
    if (!m || name.startsWith('slo:') || !Number.isFinite(windowSeconds(m[2]!))) continue;
    const { __name__: _n, ...labels } = s.metric;
    const key = selectorFor(labels);
    let a = byKey.get(key);
    if (!a) byKey.set(key, (a = { slo, labels, prefix: m[1]!, ratios: new Map() }));
    a.ratios.set(m[2]!, s.value);
  }
  const perSlo = new Map<string, Acc[]>();
  for (const a of byKey.values()) perSlo.set(a.slo, [...(perSlo.get(a.slo) ?? []), a]);
  const out: SloResult[] = [];
  for (const [slo, list] of perSlo) {
    // Labels that differ between the series of one SLO are its grouping labels.
    const varying =
      list.length > 1
        ? [...new Set(list.flatMap((a) => Object.keys(a.labels)))].filter(
            (k) => new Set(list.map((a) => a.labels[k])).size > 1,
          )
        : [];
    for (const a of list) {
      const warnings: string[] = [];
      let obj = finite(objective.get(slo)) ?? ruleObjectives.get(slo) ?? null;
      if (objective.get(slo) === undefined) {
        if (obj !== null) warnings.push("objective read from the SLO's Pyrra alert rule (no pyrra_objective series)");
        else warnings.push('objective unknown: no pyrra_objective series and no Pyrra alert rule naming it');
      }
      if (obj !== null && !(obj > 0 && obj < 1)) obj = null;
      const wins = [...a.ratios.keys()].sort((x, y) => windowSeconds(x) - windowSeconds(y));
      // Pyrra scales its windows to the SLO's period (4d instead of 3d for 28 days): each plays the part of the
      // Workbook window nearest in length.
      const roles: Partial<Record<WorkbookWindow, string>> = matchWindows(wins);
      let periodSeconds = finite(windowSecs.get(slo));
      if (periodSeconds === null || periodSeconds <= 0) {
        const longest = SLO_WINDOWS[SLO_WINDOWS.length - 1]!;
        const sized =
          roles[longest] !== undefined ? windowSeconds(roles[longest]!) * PYRRA_PERIOD_PER_LONGEST_WINDOW : NaN;
        periodSeconds = Number.isFinite(sized) ? sized : DEFAULT_PERIOD;
        warnings.push(
          `pyrra_window missing: assuming a ${windowName(periodSeconds)} period${Number.isFinite(sized) ? ` (${PYRRA_PERIOD_PER_LONGEST_WINDOW} × its longest burn-rate window, as Pyrra sizes them)` : ''}`,
        );
      }
      const avail = finite(availability.get(slo));
      const periodErrorRatio = avail === null || list.length > 1 ? null : 1 - avail;
      if (avail === null)
        warnings.push('budget remaining unknown: Pyrra records pyrra_availability only with --generic-rules');
      const name = varying.length ? `${slo}{${varying.map((k) => `${k}="${a.labels[k] ?? ''}"`).join(',')}}` : slo;
      const shortest = wins[0] ?? '5m';
      out.push(
        assemble(
          {
            id: `pyrra:${selectorFor(a.labels)}`,
            name,
            source: 'pyrra',
            kind: null,
            group: varying.length === 1 ? { label: varying[0]!, value: a.labels[varying[0]!] ?? '' } : null,
            errorRatioQuery: `avg_over_time(${a.prefix}:burnrate${shortest}{${selectorFor(a.labels)}}[$window])`,
            method: "Pyrra's :burnrate series are error ratios; burn = ratio / (1 − objective)",
            alertMatchers: parseMatchers(`slo=${promString(slo)}`),
            warnings,
          },
          {
            ratios: a.ratios,
            roles,
            objective: obj,
            periodSeconds,
            periodErrorRatio,
            remaining: null,
            periodGapNoted: avail === null,
          },
        ),
      );
    }
  }
  return out;
}

/** Objectives of Pyrra SLOs read from their alert rules (labels.slo and `(1-0.999)` in the expression). */
export function pyrraObjectivesFromRules(
  rules: readonly { query: string; labels?: Labels | null }[],
): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rules) {
    const slo = r.labels?.slo;
    if (!slo || out.has(slo)) continue;
    const o = pyrraObjectiveFromExpr(r.query);
    if (o !== null) out.set(slo, o);
  }
  return out;
}
