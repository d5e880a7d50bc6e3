// SLO figures from Prometheus (or any engine speaking its API): the configured SLOs in one batched query per
// window (seven windows and the period, sent in parallel so the server spreads them over its cores), Sloth and
// Pyrra SLOs in one discovery query, plus the alert rules only when a Pyrra SLO lacks pyrra_objective. The
// number of requests never depends on the number of SLOs.
import type { ContextConfig, SloConfig } from './config/schema.js';
import { ConfigError } from './config/config-error.js';
import { BackendError } from './errors.js';
import type { PrometheusClient } from './prometheus.js';
import { parseDuration } from '../domain/duration.js';
import { formatMatchers, MatcherParseError, parseMatchers } from '../domain/matchers.js';
import { promString } from '../domain/slo/promql.js';
import { readConfigured, sloPeriodQuery, sloWindowQuery, type InstantSample } from '../domain/slo/evaluate.js';
import {
  DISCOVERY_QUERY,
  pyrraNeedsRules,
  pyrraObjectivesFromRules,
  readPyrra,
  readSloth,
} from '../domain/slo/discover.js';
import { sortWorstFirst } from '../domain/slo/order.js';
import { SLO_WINDOWS, windowName } from '../domain/slo/windows.js';
import type { ConfiguredSlo, SloReport, SloResult } from '../domain/slo/types.js';

function matchers(text: string, where: string) {
  try {
    return parseMatchers(text);
  } catch (e) {
    if (e instanceof MatcherParseError)
      throw new ConfigError(`${where}: ${e.reason} (position ${e.position}); write matchers like job="inference"`);
    throw e;
  }
}

/** The context's SLOs in domain form; bad selectors and matchers are reported with their key. */
export function configuredSlos(settings: Pick<ContextConfig, 'slos'>, contextName = ''): ConfiguredSlo[] {
  return settings.slos.map((s: SloConfig, i) => {
    const where = `${contextName ? `contexts.${contextName}.` : ''}slos[${i}] (${s.name})`;
    const selector = s.selector ? formatMatchers(matchers(s.selector, `${where}.selector`)).slice(1, -1) : undefined;
    const alertMatchers = s.alerts?.length
      ? s.alerts.flatMap((a, j) => matchers(a, `${where}.alerts[${j}]`))
      : parseMatchers(`slo=${promString(s.name)}`);
    return {
      name: s.name,
      kind: s.kind,
      objective: s.objective,
      periodSeconds: parseDuration(s.period) / 1000,
      description: s.description,
      selector,
      groupBy: s.group_by,
      errors: s.errors,
      good: s.good,
      total: s.total,
      histogram: s.histogram,
      threshold: s.threshold,
      gauge: s.gauge,
      goodWhen: s.good_when,
      alertMatchers,
    };
  });
}

/** PromQL errors (a bad expression, an engine that lacks a function) are warnings; a dead backend is not. */
function softFail(e: unknown, what: string, warnings: string[]): void {
  if (e instanceof BackendError && (e.failure === 'api' || e.failure === 'invalid')) {
    warnings.push(`${what}: ${e.message}`);
    return;
  }
  throw e;
}

export interface FetchSlosOptions {
  /** Look for Sloth and Pyrra SLOs too (default true). */
  discover?: boolean;
}

export async function fetchSlos(
  prom: PrometheusClient,
  slos: readonly ConfiguredSlo[],
  o: FetchSlosOptions = {},
): Promise<SloReport> {
  const warnings: string[] = [];
  const plain = (
    r: { data: { metric: Record<string, string>; value: number }[]; warnings: string[] },
    what: string,
  ): InstantSample[] => {
    for (const w of r.warnings) warnings.push(`${what}: ${w}`);
    return r.data;
  };
  const none: InstantSample[] = [];
  const ask = (expr: string, what: string) =>
    prom.query(expr).then(
      (r) => plain(r, what),
      (e) => (softFail(e, what, warnings), none),
    );
  const [disc, per, ...wins] = await Promise.all([
    o.discover === false ? none : ask(DISCOVERY_QUERY, 'Sloth/Pyrra discovery'),
    slos.length ? ask(sloPeriodQuery(slos), 'configured SLOs over their period') : none,
    ...(slos.length ? SLO_WINDOWS.map((w) => ask(sloWindowQuery(slos, w), `configured SLOs over ${w}`)) : []),
  ]);
  const win = wins.flat();
  let ruleObjectives = new Map<string, number>();
  if (pyrraNeedsRules(disc)) {
    try {
      const rules = await prom.rules('alert');
      ruleObjectives = pyrraObjectivesFromRules(rules.data.flatMap((g) => g.rules));
    } catch (e) {
      softFail(e, 'Pyrra alert rules', warnings);
    }
  }
  const results: SloResult[] = [
    ...readConfigured(slos, win, per),
    ...readSloth(disc),
    ...readPyrra(disc, ruleObjectives),
  ];
  if (!results.length)
    warnings.push('no SLOs: none configured (slos: in the context) and no Sloth or Pyrra recording rules found');
  return { generatedAt: new Date().toISOString(), slos: sortWorstFirst(results), warnings };
}

export interface ErrorSeries {
  series: [number, number][];
  stepSeconds: number;
  warnings: string[];
}

/** An SLO's error ratio over its whole period in `width` points: each point is the ratio over one step. */
export async function fetchSloErrorSeries(
  prom: PrometheusClient,
  slo: Pick<SloResult, 'errorRatioQuery' | 'periodSeconds' | 'group'>,
  width: number,
  now = new Date(),
): Promise<ErrorSeries> {
  const cells = Math.max(1, width);
  // Whole minutes per cell; the range ends exactly now so the newest cell is the current one.
  const stepSeconds = Math.max(60, Math.ceil(slo.periodSeconds / cells / 60) * 60);
  const step = windowName(stepSeconds);
  const subStep = windowName(Math.max(30, Math.round(stepSeconds / 60)));
  const expr = slo.errorRatioQuery.replaceAll('$window', step).replaceAll('$step', subStep);
  const start = new Date(now.getTime() - stepSeconds * (cells - 1) * 1000);
  const r = await prom.queryRange(expr, start, now, stepSeconds);
  const s = slo.group ? r.data.find((x) => x.metric[slo.group!.label] === slo.group!.value) : r.data[0];
  const warnings = [...r.warnings];
  if (!s) warnings.push('no error-ratio data over the period');
  return { series: (s?.values ?? []).filter(([, v]) => Number.isFinite(v)), stepSeconds, warnings };
}
