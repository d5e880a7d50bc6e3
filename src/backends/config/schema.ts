// The configuration file's shape. snake_case keys, as in Prometheus and Alertmanager configuration, so that
// blocks such as causal rules can be copied between them. Every section is validated here so a mistake is
// reported with its key path before anything runs.
import * as z from 'zod';
import { parseDuration } from '../../domain/duration.js';
import { parseByteSize } from '../../domain/bytes.js';

// The same syntax parseDuration reads at run time, so that a value accepted here never fails later.
const duration = z.string().refine((v) => {
  try {
    parseDuration(v);
    return true;
  } catch {
    return false;
  }
}, 'expected a duration such as 30s, 15m, 2h or 1d2h (units largest first)');

function positive(v: string): boolean {
  try {
    return parseDuration(v) > 0;
  } catch {
    return true; // reported by the syntax check
  }
}

const httpUrl = z.string().refine((v) => {
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname;
  } catch {
    return false;
  }
}, 'expected an http:// or https:// URL, e.g. http://localhost:9090');

/** Above this a body cannot be held as one string by Node (V8's limit is 2^29 − 24 characters). */
export const MAX_RESPONSE_BYTES_LIMIT = 512 * 1024 ** 2 - 1024 ** 2;
const byteSize = z.union([z.number(), z.string()]).refine((v) => {
  const n = parseByteSize(v);
  return n !== undefined && n <= MAX_RESPONSE_BYTES_LIMIT;
}, 'expected a size up to 511MiB, e.g. 400MiB, 64MB or a number of bytes');

export const tlsSchema = z
  .object({
    ca_file: z.string().optional(),
    /** Client certificate and its key, for servers that require one (mutual TLS). */
    cert_file: z.string().optional(),
    key_file: z.string().optional(),
    /** Explicit opt-in only; never implied. */
    insecure_skip_verify: z.boolean().optional(),
  })
  .strict()
  .refine((t) => !t.cert_file === !t.key_file, { message: 'cert_file and key_file go together', path: ['cert_file'] });

export const backendSchema = z
  .object({
    url: httpUrl,
    /** Shown in the header and in errors; defaults to the host. */
    name: z.string().optional(),
    basic_auth: z
      .object({
        username: z.string(),
        password: z.string().optional(),
        password_file: z.string().optional(),
      })
      .strict()
      .refine((b) => !(b.password !== undefined && b.password_file !== undefined), {
        message: 'give password or password_file, not both',
        path: ['password_file'],
      })
      .optional(),
    bearer_token: z.string().optional(),
    bearer_token_file: z.string().optional(),
    /** Name of an environment variable that holds the token. */
    bearer_token_env: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected the name of an environment variable, e.g. PROM_TOKEN')
      .optional(),
    /** Extra headers, e.g. Mimir's X-Scope-OrgID. */
    headers: z.record(z.string(), z.string()).optional(),
    tls: tlsSchema.optional(),
    timeout: duration.refine(positive, 'must be greater than 0').optional(),
    /** The largest answer read from this backend, on the wire and decompressed; the context's when unset. */
    max_response_bytes: byteSize.optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    const tokens = (['bearer_token', 'bearer_token_file', 'bearer_token_env'] as const).filter(
      (k) => b[k] !== undefined,
    );
    if (tokens.length > 1)
      ctx.addIssue({
        code: 'custom',
        path: [tokens[1]!],
        message: `give one of bearer_token, bearer_token_file, bearer_token_env, not ${tokens.join(' and ')}`,
      });
    if (tokens.length && b.basic_auth)
      ctx.addIssue({ code: 'custom', path: [tokens[0]!], message: 'give basic_auth or a bearer token, not both' });
  });

export const causalRuleSchema = z
  .object({
    cause_matchers: z.array(z.string()).min(1),
    effect_matchers: z.array(z.string()).min(1),
    equal: z.array(z.string()).default([]),
  })
  .strict();

export const sloSchema = z
  .object({
    name: z.string().min(1),
    kind: z.enum(['ratio', 'latency', 'quality']),
    objective: z.number().gt(0).lt(1),
    period: duration.default('30d'),
    description: z.string().optional(),
    /** Label selector added to every series, e.g. `job="inference"`. */
    selector: z.string().optional(),
    /** One SLO per value of this label (per model, per service). */
    group_by: z.string().optional(),
    // ratio: bad/total or good/total counters
    errors: z.string().optional(),
    good: z.string().optional(),
    total: z.string().optional(),
    // latency: histogram and a bucket boundary
    histogram: z.string().optional(),
    // latency (seconds) or quality (gauge value) threshold
    threshold: z.number().optional(),
    // quality: a gauge that is good while below (or above) the threshold
    gauge: z.string().optional(),
    good_when: z.enum(['below', 'above']).default('below'),
    /** Alertmanager matchers for the alerts that belong to this SLO; default `slo="<name>"`. */
    alerts: z.array(z.string()).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    // Each kind needs its own series; say which key is missing rather than failing at query time.
    const need = (key: keyof typeof s, why: string) => {
      if (s[key] === undefined)
        ctx.addIssue({ code: 'custom', path: [key], message: `required for a ${s.kind} SLO: ${why}` });
    };
    if (s.kind === 'ratio') {
      need('total', 'the counter of all events, e.g. predictions_total');
      if ((s.errors === undefined) === (s.good === undefined))
        ctx.addIssue({
          code: 'custom',
          path: ['errors'],
          message: 'a ratio SLO needs exactly one of errors (bad events) or good (good events)',
        });
    }
    if (s.kind === 'latency') {
      need('histogram', 'the histogram name without _bucket, e.g. prediction_latency_seconds');
      need('threshold', 'the latency bound in seconds, an existing bucket boundary (le), e.g. 0.5');
    }
    if (s.kind === 'quality') {
      need('gauge', 'the gauge to hold within target, e.g. psi_score');
      need('threshold', 'the target value, e.g. 0.2');
    }
    const name = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
    if (s.group_by !== undefined && !name.test(s.group_by))
      ctx.addIssue({ code: 'custom', path: ['group_by'], message: 'a Prometheus label name, e.g. model' });
    for (const key of ['errors', 'good', 'total', 'histogram', 'gauge'] as const) {
      const v = s[key];
      if (v !== undefined && !/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(v))
        ctx.addIssue({ code: 'custom', path: [key], message: 'a metric name (put label matchers in selector)' });
    }
  });

/** Web runbooks (runbook_url annotations naming http(s) pages): where their markdown is, and what to send. */
export const webRunbooksSchema = z
  .object({
    /** Fetch and show linked web runbooks; false only shows their URL. */
    fetch: z.boolean().default(true),
    /** Page URL prefix → its markdown source; `{path}`, `{dir}`, `{name}` fill in parts of the page URL. */
    sources: z.array(z.object({ prefix: httpUrl, markdown: httpUrl }).strict()).default([]),
    /** Headers sent with the URLs that start with a prefix, e.g. a wiki token; redacted by `config show`. */
    headers: z.array(z.object({ prefix: httpUrl, headers: z.record(z.string(), z.string()) }).strict()).default([]),
    /** Pages larger than this are not shown. */
    max_bytes: z
      .number()
      .int()
      .positive()
      .default(1024 * 1024),
    timeout: duration.refine(positive, 'must be greater than 0').default('10s'),
  })
  .strict();

export const contextSchema = z
  .object({
    prometheus: backendSchema.optional(),
    alertmanagers: z.array(backendSchema).optional(),
    /** Refuse every write (silences, acks). Production contexts should say so. */
    read_only: z.boolean().default(false),
    /** The largest answer read from any backend of the context, on the wire and decompressed (default 400MiB). */
    max_response_bytes: byteSize.optional(),
    refresh_interval: duration.refine(positive, 'must be greater than 0').default('15s'),
    author: z.string().optional(),
    /** Ring the terminal bell when a new critical incident appears. */
    bell: z.boolean().default(true),
    /** Desktop notification of a new active critical incident: OSC 777/9 to the terminal, notify-send where present. */
    notify: z
      .object({ terminal: z.boolean().default(true), desktop: z.boolean().default(true) })
      .strict()
      .default({ terminal: true, desktop: true }),
    causal_rules: z.array(causalRuleSchema).default([]),
    replace_default_rules: z.boolean().default(false),
    /** The Kubernetes rule pack (node → pods → workload), on unless turned off here. */
    kubernetes_rules: z.boolean().default(true),
    /** Topology (nodes, workloads) from the context's Prometheus, re-read after `ttl`. */
    topology: z
      .object({
        enabled: z.boolean().default(true),
        ttl: duration.refine(positive, 'must be greater than 0').default('60s'),
      })
      .default({ enabled: true, ttl: '60s' }),
    /** How long before its cause a symptom may start and still be grouped under it. */
    symptom_lead_tolerance: duration.default('10m'),
    /** Label names that carry an alert's layer, first match wins. */
    layer_labels: z.array(z.string()).default(['layer', 'alert_type']),
    /** Alert name regex → layer, added before the defaults. */
    layers: z.record(z.string(), z.enum(['infrastructure', 'service', 'quality'])).default({}),
    slos: z.array(sloSchema).default([]),
    gpu: z
      .object({
        /** PromQL giving used memory as a share of total, one series per GPU; overrides detection. */
        query: z.string().optional(),
        time_to_full_horizon: duration.default('2h'),
        warn_ratio: z.number().gt(0).lte(1).default(0.7),
        critical_ratio: z.number().gt(0).lte(1).default(0.9),
      })
      .strict()
      .refine((g) => g.warn_ratio < g.critical_ratio, {
        message: 'warn_ratio must be below critical_ratio',
        path: ['warn_ratio'],
      })
      .default({ time_to_full_horizon: '2h', warn_ratio: 0.7, critical_ratio: 0.9 }),
    /** Incident memory: how long resolved alerts are remembered, so a resolved cause keeps its symptoms. */
    memory: z
      .object({ keep: duration.refine(positive, 'must be greater than 0').default('60m') })
      .strict()
      .default({ keep: '60m' }),
    runbook_dirs: z.array(z.string()).default([]),
    runbooks: webRunbooksSchema.optional(),
    /** oncall review: the labels that name a service or team, first present wins (default service, team, job). */
    review: z
      .object({ group_by: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional() })
      .strict()
      .optional(),
    silence: z
      .object({
        /** Confirmation is required above this many matched alerts. */
        max_alerts: z.number().int().positive().default(10),
        /** Confirmation is required for silences longer than this. */
        max_duration: duration.default('24h'),
        ack_duration: duration.default('15m'),
        /** Alerts with more than one value of this label need confirmation ("more than one cluster"). */
        cluster_label: z.string().min(1).default('cluster'),
        /** How long to wait for every Alertmanager of the context to show a new or changed silence. */
        propagation_timeout: duration.default('15s'),
      })
      .strict()
      .default({
        max_alerts: 10,
        max_duration: '24h',
        ack_duration: '15m',
        cluster_label: 'cluster',
        propagation_timeout: '15s',
      }),
  })
  .strict();

export const configSchema = z
  .object({
    current_context: z.string().optional(),
    contexts: z.record(z.string(), contextSchema).default({}),
  })
  .strict();

export type BackendConfig = z.infer<typeof backendSchema>;
export type CausalRuleConfig = z.infer<typeof causalRuleSchema>;
export type SloConfig = z.infer<typeof sloSchema>;
export type WebRunbooksConfig = z.infer<typeof webRunbooksSchema>;
export type ContextConfig = z.infer<typeof contextSchema>;
export type OncallConfig = z.infer<typeof configSchema>;
