// Shapes of Alertmanager's silence and status answers, checked with zod. Loaded by the client when it first reads
// one: the alert list (alertmanager-alerts.ts) needs none of them, so `oncall alerts` and `oncall incidents`
// send their request without loading zod.
import * as z from 'zod/mini';
import './zod-messages.js';

export const apiMatcher = z.object({
  name: z.string(),
  value: z.string(),
  isRegex: z.boolean(),
  isEqual: z.optional(z.boolean()),
});
export const silenceSchema = z.object({
  id: z.string(),
  matchers: z.array(apiMatcher),
  startsAt: z.string(),
  endsAt: z.string(),
  updatedAt: z.nullish(z.string()),
  createdBy: z.string(),
  comment: z.string(),
  status: z.object({ state: z.enum(['active', 'pending', 'expired']) }),
});
export const statusSchema = z.object({
  cluster: z.object({
    name: z.nullish(z.string()),
    status: z.string(),
    peers: z.nullish(z.array(z.object({ name: z.string(), address: z.string() }))),
  }),
  versionInfo: z.looseObject({ version: z.string(), revision: z.optional(z.string()) }),
  config: z.object({ original: z.string() }),
  uptime: z.optional(z.string()),
});

export type AlertmanagerStatus = z.infer<typeof statusSchema>;
export type ApiMatcher = z.infer<typeof apiMatcher>;
export type ApiSilence = z.infer<typeof silenceSchema>;
export const silenceList = z.array(silenceSchema);
export const silenceCreated = z.object({ silenceID: z.string() });
