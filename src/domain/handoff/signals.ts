// The handoff's signals from Prometheus: error budget burned by each SLO over exactly the window (and which page or
// ticket now), GPUs predicted full within the horizon, and models with a quality alert. Pure.
import type { GpuResult } from '../gpu/analyse.js';
import type { ModelQuality } from '../quality/build.js';
import { qualityStepSeconds } from '../slo/promql.js';
import type { SloResult } from '../slo/types.js';
import { windowName } from '../slo/windows.js';
import type { Handoff, HandoffGpu, HandoffModel, HandoffSlo } from './types.js';

/** The SLO's error ratio over the last `seconds`, as one instant query (its own expression, window filled in). */
export function sloWindowExpr(slo: Pick<SloResult, 'errorRatioQuery'>, seconds: number): string {
  return slo.errorRatioQuery
    .replaceAll('$window', windowName(seconds))
    .replaceAll('$step', windowName(qualityStepSeconds(seconds)));
}

/** The series of the answer that is this SLO's (its group's value, or the only one). */
export function pickSloSeries<T extends { metric: Record<string, string> }>(
  slo: Pick<SloResult, 'group'>,
  data: readonly T[],
): T | undefined {
  return slo.group ? data.find((x) => x.metric[slo.group!.label] === slo.group!.value) : data[0];
}

/**
 * Share of the period's error budget burned during a window: the window's error ratio over the budget (1 −
 * objective), times the window's share of the period. Null when a figure is unknown.
 */
export function budgetBurned(
  errorRatio: number | null,
  objective: number | null,
  windowSeconds: number,
  periodSeconds: number,
): number | null {
  if (errorRatio === null || objective === null || !Number.isFinite(errorRatio) || objective >= 1) return null;
  if (periodSeconds <= 0) return null;
  return (errorRatio / (1 - objective)) * (windowSeconds / periodSeconds);
}

const STATE_RANK = { page: 0, ticket: 1, ok: 2 } as const;

export function handoffSlos(
  slos: readonly SloResult[],
  windowRatio: ReadonlyMap<string, number | null>,
  windowSeconds: number,
): NonNullable<Handoff['slos']> {
  const all: HandoffSlo[] = slos.map((s) => {
    const r = windowRatio.get(s.id) ?? null;
    return {
      id: s.id,
      name: s.name,
      objective: s.objective,
      periodSeconds: s.periodSeconds,
      windowErrorRatio: r,
      windowBurnRate: r === null || s.objective === null || s.objective >= 1 ? null : r / (1 - s.objective),
      budgetBurned: budgetBurned(r, s.objective, windowSeconds, s.periodSeconds),
      budgetRemaining: s.budgetRemaining,
      state: s.state,
    };
  });
  const listed = all
    .filter((s) => (s.budgetBurned ?? 0) > 0 || s.state === 'page' || s.state === 'ticket')
    .sort(
      (a, b) =>
        STATE_RANK[a.state ?? 'ok'] - STATE_RANK[b.state ?? 'ok'] ||
        (b.budgetBurned ?? 0) - (a.budgetBurned ?? 0) ||
        a.name.localeCompare(b.name),
    );
  return {
    listed,
    paging: all.filter((s) => s.state === 'page').map((s) => s.name),
    ticketing: all.filter((s) => s.state === 'ticket').map((s) => s.name),
    quiet: all.length - listed.length,
  };
}

/** GPUs whose memory is predicted to reach 100% within the horizon (or is full), soonest first. */
export function handoffGpus(gpus: readonly GpuResult[]): HandoffGpu[] {
  return gpus
    .filter((g) => g.timeToFullSeconds !== null)
    .map((g) => ({
      cluster: g.cluster,
      host: g.host,
      gpu: g.gpu,
      usedRatio: g.usedRatio,
      timeToFullSeconds: Math.round(g.timeToFullSeconds!),
    }))
    .sort((a, b) => a.timeToFullSeconds - b.timeToFullSeconds || a.host.localeCompare(b.host));
}

/** Models with a firing quality alert, with the measures past their threshold now. */
export function handoffModels(models: readonly ModelQuality[]): HandoffModel[] {
  return models
    .filter((m) => m.alerts.length > 0)
    .map((m) => ({
      model: m.model,
      alerts: m.alerts.map((a) => ({
        fingerprint: a.fingerprint,
        alertname: a.labels.alertname ?? '',
        severity: a.labels.severity ?? '',
        summary: a.annotations.summary ?? '',
        startsAt: a.startsAt,
      })),
      breached: Object.values(m.measures)
        .filter((f) => f.breached === true)
        .map((f) => f.title),
    }));
}
