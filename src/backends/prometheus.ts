// Prometheus HTTP API v1 client (also VictoriaMetrics, Thanos Query, Mimir with a path prefix and X-Scope-OrgID).
import type * as z from 'zod/mini';
import type { BackendConfig } from './config/schema.js';
import { BackendError } from './errors.js';
import { HttpClient, type HttpClientOptions } from './http.js';
import { validate } from './validate.js';
import type { PromAlert, PromRuleGroup } from './prometheus-schemas.js';
import type { Labels } from '../domain/types.js';

export interface Sample {
  metric: Labels;
  value: number;
  timestamp: number;
}
export interface Series {
  metric: Labels;
  values: [number, number][];
}
export interface WithWarnings<T> {
  data: T;
  warnings: string[];
}

/** Prometheus sends sample values as strings, including NaN and ±Inf. */
export function parseSampleValue(v: string): number {
  switch (v) {
    case '+Inf':
    case 'Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
    case 'NaN':
      return NaN;
    default:
      return Number(v);
  }
}

export type { PromAlert, PromRule, PromRuleGroup } from './prometheus-schemas.js';

/** The answers' data schemas, by name; zod is loaded with them on the first answer. */
type Schemas = typeof import('./prometheus-schemas.js');
type DataSchema = 'queryData' | 'rulesData' | 'alertsData' | 'buildInfoData' | 'seriesData';
const schemas = () => import('./prometheus-schemas.js');

/** Queries longer than this go as a POST form, which has no URL length limit. */
const POST_THRESHOLD = 1500;

export class PrometheusClient {
  readonly http: HttpClient;
  constructor(cfg: BackendConfig, opts?: HttpClientOptions) {
    this.http = new HttpClient('prometheus', cfg, opts);
  }
  get name(): string {
    return this.http.name;
  }

  private async call<K extends DataSchema>(
    path: string,
    schema: K,
    params: Record<string, string> = {},
    signal?: AbortSignal,
  ): Promise<WithWarnings<z.infer<Schemas[K]>>> {
    const long = Object.values(params).some((v) => v.length > POST_THRESHOLD);
    const res = long
      ? await this.http.request('POST', path, { form: params, idempotent: true, signal })
      : await this.http.request('GET', path, { params, signal });
    const zs = await schemas();
    const env = validate(this.http, path, zs.envelope, res.body);
    if (env.status === 'error') {
      throw new BackendError(
        'prometheus',
        this.http.name,
        this.http.baseUrl + path,
        'api',
        `${env.errorType ?? 'error'}: ${env.error ?? 'unknown error'}`,
      );
    }
    const data = validate(
      this.http,
      path,
      zs[schema] as unknown as z.ZodMiniType<z.infer<Schemas[K]>>,
      env.data,
      'data',
    );
    return { data, warnings: [...(env.warnings ?? []), ...(env.infos ?? [])] };
  }

  /** Instant query. Scalars come back as one sample with no labels. `signal` abandons it. */
  async query(expr: string, time?: Date, signal?: AbortSignal): Promise<WithWarnings<Sample[]>> {
    const params: Record<string, string> = { query: expr };
    if (time) params.time = (time.getTime() / 1000).toString();
    const r = await this.call('/api/v1/query', 'queryData', params, signal);
    const d = r.data;
    let out: Sample[];
    if (d.resultType === 'vector')
      out = d.result.map((s) => ({ metric: s.metric, timestamp: s.value[0], value: parseSampleValue(s.value[1]) }));
    else if (d.resultType === 'scalar')
      out = [{ metric: {}, timestamp: d.result[0], value: parseSampleValue(d.result[1]) }];
    else if (d.resultType === 'matrix')
      out = d.result.flatMap((s) => {
        const last = s.values[s.values.length - 1];
        return last ? [{ metric: s.metric, timestamp: last[0], value: parseSampleValue(last[1]) }] : [];
      });
    else out = [];
    return { data: out, warnings: r.warnings };
  }

  /** Range query; `step` in seconds. Prometheus caps a series at 11,000 points, so the step is raised to fit. */
  async queryRange(expr: string, start: Date, end: Date, stepSeconds: number): Promise<WithWarnings<Series[]>> {
    const span = Math.max(0, (end.getTime() - start.getTime()) / 1000);
    const step = Math.max(stepSeconds, Math.ceil(span / 10_000), 1);
    const r = await this.call('/api/v1/query_range', 'queryData', {
      query: expr,
      start: (start.getTime() / 1000).toString(),
      end: (end.getTime() / 1000).toString(),
      step: step.toString(),
    });
    if (r.data.resultType !== 'matrix') {
      throw new BackendError(
        'prometheus',
        this.http.name,
        this.http.baseUrl + '/api/v1/query_range',
        'invalid',
        `invalid response: expected a matrix, got ${r.data.resultType}`,
      );
    }
    return {
      data: r.data.result.map((s) => ({
        metric: s.metric,
        values: s.values.map(([t, v]) => [t, parseSampleValue(v)] as [number, number]),
      })),
      warnings: r.warnings,
    };
  }

  /** Label sets of the series matching `match` in [start, end]: an index lookup, no samples read. */
  async series(match: string, start: Date, end: Date): Promise<WithWarnings<Labels[]>> {
    return this.call('/api/v1/series', 'seriesData', {
      'match[]': match,
      start: (start.getTime() / 1000).toString(),
      end: (end.getTime() / 1000).toString(),
    });
  }

  async rules(type?: 'alert' | 'record'): Promise<WithWarnings<PromRuleGroup[]>> {
    const r = await this.call('/api/v1/rules', 'rulesData', type ? { type } : {});
    return { data: r.data.groups, warnings: r.warnings };
  }

  async alerts(): Promise<WithWarnings<PromAlert[]>> {
    const r = await this.call('/api/v1/alerts', 'alertsData');
    return { data: r.data.alerts, warnings: r.warnings };
  }

  async buildInfo(): Promise<{ version?: string; revision?: string }> {
    const r = await this.call('/api/v1/status/buildinfo', 'buildInfoData');
    return r.data;
  }
}
