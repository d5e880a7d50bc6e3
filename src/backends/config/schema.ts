// The configuration file's shape. snake_case keys, as in Prometheus and Alertmanager configuration, so that
// blocks such as causal rules can be copied between them. Every section is validated here so a mistake is
// reported with its key path before anything runs.
// zod's mini flavour (functions, no methods on each schema) with the same checks and messages: the config is read
// before the TUI's first frame, and building this schema with the classic API took about twice as long.
import * as z from 'zod/mini';
import '../zod-messages.js';
import { parseDuration } from '../../domain/duration.js';
import { parseByteSize } from '../../domain/bytes.js';

// The same syntax parseDuration reads at run time, so that a value accepted here never fails later.
const duration = z.string().check(
  z.refine((v) => {
    try {
      parseDuration(v);
      return true;
    } catch {
      return false;
    }
  }, 'expected a duration such as 30s, 15m, 2h or 1d2h (units largest first)'),
);
/** A duration greater than 0. */
const positiveDuration = () => duration.check(z.refine(positive, 'must be greater than 0'));

function positive(v: string): boolean {
  try {
    return parseDuration(v) > 0;
  } catch {
    return true; // reported by the syntax check
  }
}

const httpUrl = z.string().check(
  z.refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname;
    } catch {
      return false;
    }
  }, 'expected an http:// or https:// URL, e.g. http://localhost:9090'),
);

/** Above this a body cannot be held as one string by Node (V8's limit is 2^29 − 24 characters). */
export const MAX_RESPONSE_BYTES_LIMIT = 512 * 1024 ** 2 - 1024 ** 2;
const byteSize = z.union([z.number(), z.string()]).check(
  z.refine((v) => {
    const n = parseByteSize(v);
    return n !== undefined && n <= MAX_RESPONSE_BYTES_LIMIT;
  }, 'expected a size up to 511MiB, e.g. 400MiB, 64MB or a number of bytes'),
);

const opt = z.optional;
const str = () => z.string();
const bool = () => z.boolean();

export const tlsSchema = z
  .strictObject({
    ca_file: opt(str()),
    /** Client certificate and its key, for servers that require one (mutual TLS). */
    cert_file: opt(str()),
    key_file: opt(str()),
    /** Explicit opt-in only; never implied. */
    insecure_skip_verify: opt(bool()),
  })
  .check(
    z.refine((t) => !t.cert_file === !t.key_file, {
      message: 'cert_file and key_file go together',
      path: ['cert_file'],
    }),
  );

export const backendSchema = z
  .strictObject({
    url: httpUrl,
    /** Shown in the header and in errors; defaults to the host. */
    name: opt(str()),
    basic_auth: opt(
      z
        .strictObject({
          username: str(),
          password: opt(str()),
          password_file: opt(str()),
        })
        .check(
          z.refine((b) => !(b.password !== undefined && b.password_file !== undefined), {
            message: 'give password or password_file, not both',
            path: ['password_file'],
          }),
        ),
    ),
    bearer_token: opt(str()),
    bearer_token_file: opt(str()),
    /** Name of an environment variable that holds the token. */
    bearer_token_env: opt(
      str().check(z.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected the name of an environment variable, e.g. PROM_TOKEN')),
    ),
    /** Extra headers, e.g. Mimir's X-Scope-OrgID. */
    headers: opt(z.record(str(), str())),
    tls: opt(tlsSchema),
    timeout: opt(positiveDuration()),
    /** The largest answer read from this backend, on the wire and decompressed; the context's when unset. */
    max_response_bytes: opt(byteSize),
  })
  .check(
    z.superRefine((b, ctx) => {
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
    }),
  );

export const causalRuleSchema = z.strictObject({
  cause_matchers: z.array(str()).check(z.minLength(1)),
  effect_matchers: z.array(str()).check(z.minLength(1)),
  equal: z._default(z.array(str()), []),
});

export const sloSchema = z
  .strictObject({
    name: str().check(z.minLength(1)),
    kind: z.enum(['ratio', 'latency', 'quality']),
    objective: z.number().check(z.gt(0), z.lt(1)),
    period: z._default(duration, '30d'),
    description: opt(str()),
    /** Label selector added to every series, e.g. `job="inference"`. */
    selector: opt(str()),
    /** One SLO per value of this label (per model, per service). */
    group_by: opt(str()),
    // ratio: bad/total or good/total counters
    errors: opt(str()),
    good: opt(str()),
    total: opt(str()),
    // latency: histogram and a bucket boundary
    histogram: opt(str()),
    // latency (seconds) or quality (gauge value) threshold
    threshold: opt(z.number()),
    // quality: a gauge that is good while below (or above) the threshold
    gauge: opt(str()),
    good_when: z._default(z.enum(['below', 'above']), 'below'),
    /** Alertmanager matchers for the alerts that belong to this SLO; default `slo="<name>"`. */
    alerts: opt(z.array(str())),
  })
  .check(
    z.superRefine((s, ctx) => {
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
    }),
  );

/** Web runbooks (runbook_url annotations naming http(s) pages): where their markdown is, and what to send. */
export const webRunbooksSchema = z.strictObject({
  /** Fetch and show linked web runbooks; false only shows their URL. */
  fetch: z._default(bool(), true),
  /** Page URL prefix → its markdown source; `{path}`, `{dir}`, `{name}` fill in parts of the page URL. */
  sources: z._default(z.array(z.strictObject({ prefix: httpUrl, markdown: httpUrl })), []),
  /** Headers sent with the URLs that start with a prefix, e.g. a wiki token; redacted by `config show`. */
  headers: z._default(z.array(z.strictObject({ prefix: httpUrl, headers: z.record(str(), str()) })), []),
  /** Pages larger than this are not shown. */
  max_bytes: z._default(z.number().check(z.int(), z.positive()), 1024 * 1024),
  timeout: z._default(positiveDuration(), '10s'),
});

export const contextSchema = z.strictObject({
  prometheus: opt(backendSchema),
  alertmanagers: opt(z.array(backendSchema)),
  /** Refuse every write (silences, acks). Production contexts should say so. */
  read_only: z._default(bool(), false),
  /** The largest answer read from any backend of the context, on the wire and decompressed (default 400MiB). */
  max_response_bytes: opt(byteSize),
  refresh_interval: z._default(positiveDuration(), '15s'),
  author: opt(str()),
  /** Ring the terminal bell when a new critical incident appears. */
  bell: z._default(bool(), true),
  /** Desktop notification of a new active critical incident: OSC 777/9 to the terminal, notify-send where present. */
  notify: z._default(z.strictObject({ terminal: z._default(bool(), true), desktop: z._default(bool(), true) }), {
    terminal: true,
    desktop: true,
  }),
  causal_rules: z._default(z.array(causalRuleSchema), []),
  replace_default_rules: z._default(bool(), false),
  /** The Kubernetes rule pack (node → pods → workload), on unless turned off here. */
  kubernetes_rules: z._default(bool(), true),
  /** Topology (nodes, workloads) from the context's Prometheus, re-read after `ttl`. */
  topology: z._default(
    z.object({
      enabled: z._default(bool(), true),
      ttl: z._default(positiveDuration(), '60s'),
    }),
    { enabled: true, ttl: '60s' },
  ),
  /** How long before its cause a symptom may start and still be grouped under it. */
  symptom_lead_tolerance: z._default(duration, '10m'),
  /** Label names that carry an alert's layer, first match wins. */
  layer_labels: z._default(z.array(str()), ['layer', 'alert_type']),
  /** Alert name regex → layer, added before the defaults. */
  layers: z._default(z.record(str(), z.enum(['infrastructure', 'service', 'quality'])), {}),
  slos: z._default(z.array(sloSchema), []),
  gpu: z._default(
    z
      .strictObject({
        /** PromQL giving used memory as a share of total, one series per GPU; overrides detection. */
        query: opt(str()),
        time_to_full_horizon: z._default(duration, '2h'),
        warn_ratio: z._default(z.number().check(z.gt(0), z.lte(1)), 0.7),
        critical_ratio: z._default(z.number().check(z.gt(0), z.lte(1)), 0.9),
      })
      .check(
        z.refine((g) => g.warn_ratio < g.critical_ratio, {
          message: 'warn_ratio must be below critical_ratio',
          path: ['warn_ratio'],
        }),
      ),
    { time_to_full_horizon: '2h', warn_ratio: 0.7, critical_ratio: 0.9 },
  ),
  /** Incident memory: how long resolved alerts are remembered, so a resolved cause keeps its symptoms. */
  memory: z._default(z.strictObject({ keep: z._default(positiveDuration(), '60m') }), { keep: '60m' }),
  runbook_dirs: z._default(z.array(str()), []),
  runbooks: opt(webRunbooksSchema),
  /** oncall review: the labels that name a service or team, first present wins (default service, team, job). */
  review: opt(
    z.strictObject({
      group_by: opt(z.union([str().check(z.minLength(1)), z.array(str().check(z.minLength(1))).check(z.minLength(1))])),
    }),
  ),
  silence: z._default(
    z.strictObject({
      /** Confirmation is required above this many matched alerts. */
      max_alerts: z._default(z.number().check(z.int(), z.positive()), 10),
      /** Confirmation is required for silences longer than this. */
      max_duration: z._default(duration, '24h'),
      ack_duration: z._default(duration, '15m'),
      /** Alerts with more than one value of this label need confirmation ("more than one cluster"). */
      cluster_label: z._default(str().check(z.minLength(1)), 'cluster'),
      /** How long to wait for every Alertmanager of the context to show a new or changed silence. */
      propagation_timeout: z._default(duration, '15s'),
    }),
    {
      max_alerts: 10,
      max_duration: '24h',
      ack_duration: '15m',
      cluster_label: 'cluster',
      propagation_timeout: '15s',
    },
  ),
});

export const configSchema = z.strictObject({
  current_context: opt(str()),
  contexts: z._default(z.record(str(), contextSchema), {}),
});

export type BackendConfig = z.infer<typeof backendSchema>;
export type CausalRuleConfig = z.infer<typeof causalRuleSchema>;
export type SloConfig = z.infer<typeof sloSchema>;
export type WebRunbooksConfig = z.infer<typeof webRunbooksSchema>;
export type ContextConfig = z.infer<typeof contextSchema>;
export type OncallConfig = z.infer<typeof configSchema>;
