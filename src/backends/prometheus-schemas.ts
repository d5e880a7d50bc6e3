// Shapes of Prometheus' answers, checked with zod. Loaded by the client when the first answer arrives, so that a
// command whose Prometheus is absent (incidents without topology) never loads zod, and one whose Prometheus answers
// loads it while waiting.
import * as z from 'zod';

export const envelope = z.object({
  status: z.enum(['success', 'error']),
  data: z.unknown().optional(),
  errorType: z.string().optional(),
  error: z.string().optional(),
  warnings: z.array(z.string()).optional(),
  infos: z.array(z.string()).optional(),
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
  annotations: labels.nullish(),
  state: z.string(),
  activeAt: z.string().nullish(),
  value: z.string().optional(),
});
const ruleSchema = z.object({
  name: z.string(),
  query: z.string(),
  type: z.enum(['alerting', 'recording']),
  health: z.string().optional(),
  lastError: z.string().optional(),
  state: z.string().optional(),
  duration: z.number().optional(),
  labels: labels.nullish(),
  annotations: labels.nullish(),
  alerts: z.array(activeAlert).nullish(),
});
export const rulesData = z.object({
  groups: z.array(
    z.object({ name: z.string(), file: z.string(), rules: z.array(ruleSchema), interval: z.number().optional() }),
  ),
});
export const alertsData = z.object({
  alerts: z.array(activeAlert),
});
// VictoriaMetrics answers with empty data: reachable, version unknown.
export const buildInfoData = z
  .object({
    version: z.string().optional(),
    revision: z.string().optional(),
    branch: z.string().optional(),
    goVersion: z.string().optional(),
  })
  .passthrough();
export const seriesData = z.array(labels);

export type PromRule = z.infer<typeof ruleSchema>;
export type PromRuleGroup = z.infer<typeof rulesData>['groups'][number];
export type PromAlert = z.infer<typeof alertsData>['alerts'][number];
