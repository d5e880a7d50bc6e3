// Prometheus rules for configured SLOs: the error ratio recorded over every Workbook window, and the
// multiwindow, multi-burn-rate alerts (page: 1h and 5m above 14.4×, or 6h and 30m above 6×; ticket: 1d and
// 2h above 3×, or 3d and 6h above 1×; multiples scaled to the SLO's period).
import { errorRatioAt } from './promql.js';
import type { ConfiguredSlo } from './types.js';
import { SLO_WINDOWS, tierThreshold, windowName, windowSeconds, WORKBOOK_TIERS } from './windows.js';

export const RECORDED_ERROR_RATIO = 'slo:sli_error:ratio_rate';
/** What to do about a burning budget, until the team links its own runbook: the Workbook's chapter. */
export const BURN_RUNBOOK = 'https://sre.google/workbook/alerting-on-slos/';
export const EVALUATION_INTERVAL = '1m';

export interface PromRuleGroup {
  name: string;
  interval: string;
  rules: Record<string, unknown>[];
}

/** An alert name from an SLO name: latency-500ms → Latency500ms. */
export function alertBase(name: string): string {
  return (
    name
      .split(/[^a-zA-Z0-9]+/)
      .filter(Boolean)
      .map((w) => w[0]!.toUpperCase() + w.slice(1))
      .join('') || 'Slo'
  );
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function sloRuleGroup(slo: ConfiguredSlo): PromRuleGroup {
  const sel = `{slo=${JSON.stringify(slo.name)}}`;
  const series = (w: string) => `${RECORDED_ERROR_RATIO}${w}${sel}`;
  const records = SLO_WINDOWS.map((w) => ({
    record: `${RECORDED_ERROR_RATIO}${w}`,
    expr: errorRatioAt(slo, windowSeconds(w)),
    labels: { slo: slo.name },
  }));
  const condition = (severity: 'page' | 'ticket') =>
    WORKBOOK_TIERS.filter((t) => t.severity === severity)
      .map((t) => {
        const threshold = `(${round(tierThreshold(t, slo.periodSeconds, windowSeconds(t.long)))} * (1 - ${slo.objective}))`;
        return `(${series(t.long)} > ${threshold} and ${series(t.short)} > ${threshold})`;
      })
      .join('\nor\n');
  const period = windowName(slo.periodSeconds);
  const objective = `${round(slo.objective * 100)}%`;
  const alert = (severity: 'page' | 'ticket') => ({
    alert: `${alertBase(slo.name)}ErrorBudgetBurn${severity === 'page' ? '' : 'Slow'}`,
    expr: condition(severity),
    for: severity === 'page' ? '2m' : '15m',
    labels: { severity: severity === 'page' ? 'critical' : 'warning', slo: slo.name, period },
    annotations: {
      summary: `SLO ${slo.name} (${objective} over ${period}) is burning its error budget ${severity === 'page' ? 'fast' : 'steadily'}${slo.groupBy ? ` for ${slo.groupBy} {{ $labels.${slo.groupBy} }}` : ''}`,
      description:
        severity === 'page'
          ? `Error ratio above 14.4× the budget over 1h and 5m, or 6× over 6h and 30m (multiples for a ${period} period): 2% or 5% of the period's budget gone.`
          : `Error ratio above 3× the budget over 1d and 2h, or 1× over 3d and 6h: 10% of the period's budget gone.`,
      runbook_url: BURN_RUNBOOK,
    },
  });
  return {
    name: `slo-${slo.name}`,
    interval: EVALUATION_INTERVAL,
    rules: [...records, alert('page'), alert('ticket')],
  };
}
