// Shapes of Prometheus' answers, checked with zod. Loaded by the client when the first answer arrives, so that a
// command whose Prometheus is absent (incidents without topology) never loads zod, and one whose Prometheus answers
// loads it while waiting.
import * as z from 'zod/mini';
import './zod-messages.js';

export const envelope = z.object({
  status: z.enum(['success', 'error']),
  data: z.optional(z.unknown()),
  errorType: z.optional(z.string()),
  error: z.optional(z.string()),
  warnings: z.optional(z.array(z.string())),
  infos: z.optional(z.array(z.string())),
});
const labels = z.record(z.string(), z.string());
const pair = z.tuple([z.number(), z.string()]);
const vector = z.object({
  resultType: z.literal('vector'),
  result: z.array(z.object({ metric: labels, value: pair })),
});
const matrix = z.object({
  resultType: z.literal('matrix'),
  result: z.array(z.object({ metric: labels, values: z.array(pair) })),
});
const scalar = z.object({ resultType: z.literal('scalar'), result: pair });
export const queryData = z.discriminatedUnion('resultType', [
  vector,
  matrix,
  scalar,
  z.object({ resultType: z.literal('string'), result: pair }),
]);

/** An alert as /api/v1/rules (under its rule) and /api/v1/alerts give it. */
const activeAlert = z.object({
  labels,
  annotations: z.nullish(labels),
  state: z.string(),
  activeAt: z.nullish(z.string()),
  value: z.optional(z.string()),
});
const ruleSchema = z.object({
  name: z.string(),
  query: z.string(),
  type: z.enum(['alerting', 'recording']),
  health: z.optional(z.string()),
  lastError: z.optional(z.string()),
  state: z.optional(z.string()),
  duration: z.optional(z.number()),
  labels: z.nullish(labels),
  annotations: z.nullish(labels),
  alerts: z.nullish(z.array(activeAlert)),
});
export const rulesData = z.object({
  groups: z.array(
    z.object({ name: z.string(), file: z.string(), rules: z.array(ruleSchema), interval: z.optional(z.number()) }),
  ),
});
export const alertsData = z.object({
  alerts: z.array(activeAlert),
});
// VictoriaMetrics answers with empty data: reachable, version unknown.
export const buildInfoData = z.looseObject({
  version: z.optional(z.string()),
  revision: z.optional(z.string()),
  branch: z.optional(z.string()),
  goVersion: z.optional(z.string()),
});
export const seriesData = z.array(labels);

export type PromRule = z.infer<typeof ruleSchema>;
export type PromRuleGroup = z.infer<typeof rulesData>['groups'][number];
export type PromAlert = z.infer<typeof alertsData>['alerts'][number];
