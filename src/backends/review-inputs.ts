// What the alert review and the rule suggestions read: the ALERTS history (the step being the rules' evaluation
// interval), the alerting rules' metadata, Alertmanager's silences and the context's runbooks.
import type { AlertmanagerSet } from './alertmanager.js';
import type { PrometheusClient, PromRuleGroup } from './prometheus.js';
import { evaluationStep, fetchAlertHistory, type HistoryProgress } from './alert-history.js';
import { RunbookLibrary, runbookDirs } from './runbooks.js';
import type { ContextConfig } from './config/schema.js';
import type { History } from '../domain/history/episodes.js';
import { buildReview, type Review, type RuleMeta } from '../domain/history/review.js';
import { isAckSilence } from '../domain/silence/ack.js';
import type { Labels, Silence } from '../domain/types.js';

export interface HistoryRequest {
  sinceMs: number;
  untilMs: number;
  /** Overrides the evaluation interval read from /api/v1/rules. */
  stepSeconds?: number;
  onProgress?: (p: HistoryProgress) => void;
}

export interface LoadedHistory {
  history: History;
  rules: Map<string, RuleMeta>;
  warnings: string[];
}

export function ruleMetaOf(groups: readonly PromRuleGroup[]): Map<string, RuleMeta> {
  const out = new Map<string, RuleMeta>();
  for (const g of groups)
    for (const r of g.rules) {
      if (r.type !== 'alerting' || out.has(r.name)) continue;
      out.set(r.name, { forSeconds: r.duration ?? 0, labels: r.labels ?? {}, annotations: r.annotations ?? {} });
    }
  return out;
}

export async function loadHistory(prom: PrometheusClient, req: HistoryRequest): Promise<LoadedHistory> {
  const warnings: string[] = [];
  let groups: PromRuleGroup[] = [];
  try {
    groups = (await prom.rules('alert')).data;
  } catch (e) {
    warnings.push(`alerting rules: ${(e as Error).message}; evaluation interval taken as 1m, annotations unknown`);
  }
  const stepSeconds = req.stepSeconds ?? evaluationStep(groups);
  const h = await fetchAlertHistory(prom, {
    since: new Date(req.sinceMs),
    until: new Date(req.untilMs),
    stepSeconds,
    onProgress: req.onProgress,
  });
  warnings.push(...h.warnings);
  const { warnings: _w, ...history } = h;
  return { history, rules: ruleMetaOf(groups), warnings };
}

/** Every silence the Alertmanagers still hold (expired ones included: they show what was acted on). */
export async function loadSilences(ams: AlertmanagerSet): Promise<{ silences: Silence[]; warnings: string[] }> {
  try {
    const r = await ams.silences();
    return { silences: r.silences, warnings: r.failures.map((f) => `${f.message}; its silences are not counted`) };
  } catch (e) {
    return {
      silences: [],
      warnings: [`silences: ${(e as Error).message}; "never acted on" counts every resolved episode`],
    };
  }
}

/** The project's runbook resolution (annotation, frontmatter matchers, file named after the alert) as a yes/no. */
export function runbookFinder(
  settings: ContextConfig,
  configPath: string | undefined,
): { hasRunbook: (labels: Labels, annotations: Labels) => boolean; warnings: string[] } {
  const lib = new RunbookLibrary(runbookDirs(settings.runbook_dirs, configPath));
  return {
    hasRunbook: (labels, annotations) => {
      const r = lib.resolve({ labels, annotations });
      return Boolean(r.runbook || r.webUrl);
    },
    warnings: lib.warnings,
  };
}

export function groupByOf(settings: ContextConfig): string[] | undefined {
  const g = settings.review?.group_by;
  return g === undefined ? undefined : typeof g === 'string' ? [g] : g;
}

export interface ReviewRequest extends HistoryRequest {
  settings: ContextConfig;
  configPath: string | undefined;
  groupBy?: string[];
}

/** The whole review use case, for the command and the TUI: history, silences and runbooks in, the review out. */
export async function fetchReview(
  prom: PrometheusClient,
  ams: AlertmanagerSet,
  req: ReviewRequest,
): Promise<{ review: Review; warnings: string[] }> {
  const [loaded, sil] = await Promise.all([loadHistory(prom, req), loadSilences(ams)]);
  const rb = runbookFinder(req.settings, req.configPath);
  const review = buildReview(
    {
      history: loaded.history,
      silences: sil.silences,
      rules: loaded.rules,
      hasRunbook: rb.hasRunbook,
      groupBy: req.groupBy?.length ? req.groupBy : groupByOf(req.settings),
    },
    isAckSilence,
  );
  return { review, warnings: [...loaded.warnings, ...sil.warnings, ...rb.warnings] };
}
