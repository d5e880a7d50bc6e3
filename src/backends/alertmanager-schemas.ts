// Shapes of Alertmanager's silence and status answers, checked with zod. Loaded by the client when it first reads
// one: the alert list (alertmanager-alerts.ts) needs none of them, so `oncall alerts` and `oncall incidents`
// send their request without loading zod.
import * as z from 'zod';

export const apiMatcher = z.object({
  name: z.string(),
  value: z.string(),
  isRegex: z.boolean(),
  isEqual: z.boolean().optional(),
});
export const silenceSchema = z.object({
  id: z.string(),
  matchers: z.array(apiMatcher),
  startsAt: z.string(),
  endsAt: z.string(),
  updatedAt: z.string().nullish(),
  createdBy: z.string(),
  comment: z.string(),
  status: z.object({ state: z.enum(['active', 'pending', 'expired']) }),
});
export const statusSchema = z.object({
  cluster: z.object({
    name: z.string().nullish(),
    status: z.string(),
    peers: z.array(z.object({ name: z.string(), address: z.string() })).nullish(),
  }),
  versionInfo: z.object({ version: z.string(), revision: z.string().optional() }).passthrough(),
  config: z.object({ original: z.string() }),
  uptime: z.string().optional(),
});

export type AlertmanagerStatus = z.infer<typeof statusSchema>;
export type ApiMatcher = z.infer<typeof apiMatcher>;
export type ApiSilence = z.infer<typeof silenceSchema>;
export const silenceList = z.array(silenceSchema);
export const silenceCreated = z.object({ silenceID: z.string() });
