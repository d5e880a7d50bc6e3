// One HTTP client per backend, on axios: auth, TLS, headers, timeouts, bounded retries for reads, and a
// translation of every failure into a BackendError. Proxies come from HTTP(S)_PROXY/NO_PROXY, which axios honours;
// loopback addresses are never proxied (as in Go, so like Prometheus and amtool): a port-forward on localhost
// must not be sent to a corporate proxy.
// Reads that need no proxy (every read against a port-forward, and the 20 MB alert lists of a storm) go through
// node:http directly: they are on the wire before axios (about 0.15 s to load) could be, with one copy of the
// body. Writes, proxied reads and redirects use axios, loaded on first use.
import type { AxiosInstance, CreateAxiosDefaults } from 'axios';
import type { BackendConfig } from './config/schema.js';
import { BackendError, redactUrl, type BackendKind } from './errors.js';
import { backendName } from './config/context-resolution.js';
import { parseDuration } from '../domain/duration.js';
import { sanitizeLine } from '../domain/sanitize.js';
import { parseByteSize } from '../domain/bytes.js';
import { noteBackendSecrets } from '../domain/secrets.js';
import { credentialsOf } from './http-auth.js';
import { transportFailure } from './http-failure.js';
import { directGet, type DirectAnswer, type DirectGetOptions } from './http-direct.js';
import { sendAhead, type HandoverPart } from './http-handover.js';

/**
 * The largest answer read when the config sets no max_response_bytes: twice the alert list of a 200,000-alert
 * storm (about 1 kB an alert), and below the longest string Node can hold (512 MiB), which a bigger body would
 * crash on. Counted on the wire and again decompressed, so a gzip bomb stops at the same size.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 400 * 1024 ** 2;
/** Redirects followed within one server; one to another server is refused (see redirectTarget). */
const MAX_REDIRECTS = 3;
/** What the direct reader and axios report when a body passes the cap. */

export interface HttpClientOptions {
  /** Overrides the backend's configured timeout (milliseconds). */
  timeoutMs?: number;
  /** Retries for idempotent reads after a transient failure (refused, reset, 5xx). */
  retries?: number;
  /** Base backoff in milliseconds; doubled each retry. */
  backoffMs?: number;
}

/** localhost, 127.0.0.0/8 and ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    /^127(\.\d{1,3}){3}$/.test(h) ||
    h === '::1' ||
    h === '0:0:0:0:0:0:0:1'
  );
}

/** Prometheus API error types that are answers, not outages: retrying them would only repeat the same answer. */
const FINAL_ERROR_TYPES = new Set(['bad_data', 'execution', 'timeout', 'canceled', 'not_found', 'not_acceptable']);

export interface RequestOptions {
  params?: Record<string, unknown>;
  data?: unknown;
  form?: Record<string, string>;
  /** Safe to repeat after a transient failure; defaults to true for GET only. */
  idempotent?: boolean;
  /** What a 404 means for this request, e.g. "no silence with ID …". */
  notFound?: string;
  /** Abandons the request, retries included, once the caller no longer needs the answer. */
  signal?: AbortSignal;
}

export interface RequestStats {
  requests: number;
}

export class HttpClient {
  readonly name: string;
  readonly baseUrl: string;
  readonly stats: RequestStats = { requests: 0 };
  private ax?: AxiosInstance;
  private readonly axConfig: CreateAxiosDefaults;
  private readonly direct: boolean;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly timeoutMs: number;
  /** The size cap on answers, in bytes. */
  readonly maxBytes: number;

  constructor(
    readonly backend: BackendKind,
    cfg: BackendConfig,
    opts: HttpClientOptions = {},
  ) {
    this.name = backendName(cfg);
    this.baseUrl = redactUrl(cfg.url).replace(/\/+$/, '');
    this.retries = opts.retries ?? 2;
    this.backoffMs = opts.backoffMs ?? 250;
    noteBackendSecrets(cfg);
    const { headers, auth, httpsAgent } = credentialsOf(cfg, backend, this.name, this.baseUrl);
    const u = new URL(cfg.url);
    u.username = '';
    u.password = '';
    this.timeoutMs = opts.timeoutMs ?? (cfg.timeout ? parseDuration(cfg.timeout) : 10_000);
    this.maxBytes =
      (cfg.max_response_bytes !== undefined ? parseByteSize(cfg.max_response_bytes) : undefined) ??
      DEFAULT_MAX_RESPONSE_BYTES;
    this.direct = isLoopbackHost(u.hostname) || !proxyConfigured();
    this.axConfig = {
      baseURL: u.toString().replace(/\/+$/, ''),
      headers,
      auth,
      httpsAgent,
      timeout: this.timeoutMs,
      ...(isLoopbackHost(u.hostname) ? { proxy: false as const } : {}),
      // Bodies are parsed here so that HTML from a proxy is reported as such instead of as a JSON error.
      responseType: 'text',
      transformResponse: [(d: unknown) => d],
      validateStatus: () => true,
      // axios counts the decompressed body and stops reading past the cap.
      maxContentLength: this.maxBytes,
      maxBodyLength: this.maxBytes,
      // Redirects are followed by once(), which keeps credentials and headers from other servers.
      maxRedirects: 0,
    };
  }

  private async axios(): Promise<AxiosInstance> {
    if (!this.ax) {
      const { default: axios } = await import('axios');
      this.ax ??= axios.create(this.axConfig);
    }
    return this.ax;
  }

  private fail(
    kind: ConstructorParameters<typeof BackendError>[3],
    detail: string,
    path: string,
    status?: number,
  ): BackendError {
    return new BackendError(this.backend, this.name, this.baseUrl + path, kind, detail, status);
  }

  private translate(e: unknown, path: string): BackendError {
    if (e instanceof BackendError) return e;
    const f = transportFailure(e, this.maxBytes, this.timeoutMs);
    return this.fail(f.kind, f.detail, path);
  }

  /** Sends a request and returns the parsed JSON body; non-2xx and non-JSON answers become BackendErrors. */
  async request(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    opts: RequestOptions = {},
  ): Promise<{ status: number; body: unknown }> {
    const idempotent = opts.idempotent ?? method === 'GET';
    let attempt = 0;
    for (;;) {
      try {
        return await this.once(method, path, opts);
      } catch (e) {
        const be = this.translate(e, path);
        // Timeouts are not retried: the user has already waited the whole timeout once.
        if (!idempotent || attempt >= this.retries || !be.transient || be.failure === 'timeout' || opts.signal?.aborted)
          throw be;
        await new Promise((r) => setTimeout(r, this.backoffMs * 2 ** attempt));
        attempt++;
      }
    }
  }

  private async once(method: string, path: string, opts: RequestOptions): Promise<{ status: number; body: unknown }> {
    this.stats.requests++;
    const data = opts.form ? new URLSearchParams(opts.form).toString() : opts.data;
    const headers = opts.form
      ? { 'Content-Type': 'application/x-www-form-urlencoded' }
      : opts.data !== undefined
        ? { 'Content-Type': 'application/json' }
        : undefined;
    let url = this.axConfig.baseURL + path;
    let params = opts.params;
    for (let hop = 0; ; hop++) {
      // The axios timeout only bounds idle time between packets; the signal bounds the whole answer, so a server
      // that trickles bytes still times out.
      const res =
        method === 'GET' && this.direct
          ? await this.get(url, params, opts.signal)
          : await (
              await this.axios()
            ).request<string>({
              method,
              url,
              params,
              data,
              headers,
              paramsSerializer: { indexes: null },
              signal: opts.signal
                ? AbortSignal.any([AbortSignal.timeout(this.timeoutMs), opts.signal])
                : AbortSignal.timeout(this.timeoutMs),
            });
      const location = res.headers.location;
      if (res.status >= 300 && res.status < 400 && location) {
        url = this.redirectTarget(String(location), url, method, res.status, path, hop);
        params = undefined;
        continue;
      }
      return this.answer(res, path, opts);
    }
  }

  /**
   * Where a redirect leads, if it may be followed: within the same server (or from http to https on the same
   * host), at most MAX_REDIRECTS times, and for a write only with 307/308, which keep the method and body. A
   * redirect to another server is refused rather than followed without credentials: the credentials and every
   * configured header (X-Api-Key, X-Scope-OrgID…) belong to the configured server, and the answer without them
   * would be a confusing 401 from somewhere else.
   */
  private redirectTarget(
    location: string,
    current: string,
    method: string,
    status: number,
    path: string,
    hop: number,
  ): string {
    const from = new URL(current);
    let next: URL;
    try {
      next = new URL(location, from);
    } catch {
      throw this.fail('invalid', `HTTP ${status} redirect to an unreadable location`, path, status);
    }
    const upgrade = from.protocol === 'http:' && next.protocol === 'https:' && from.hostname === next.hostname;
    if (next.origin !== from.origin && !upgrade) {
      throw this.fail(
        'invalid',
        `HTTP ${status} redirect to another server (${next.origin}) refused, so that credentials and headers are not sent there: configure that URL instead if it is right`,
        path,
        status,
      );
    }
    if (hop >= MAX_REDIRECTS)
      throw this.fail('invalid', `more than ${MAX_REDIRECTS} redirects: is the URL (path prefix) right?`, path, status);
    if (method !== 'GET' && status !== 307 && status !== 308) {
      throw this.fail(
        'invalid',
        `HTTP ${status} redirect of a ${method} not followed (it would become a GET and write nothing): configure the URL it redirects to`,
        path,
        status,
      );
    }
    return next.toString();
  }

  /** The parsed JSON body of a final answer; non-2xx and non-JSON answers become BackendErrors. */
  private answer(
    res: { status: number; headers: Record<string, unknown>; data: unknown },
    path: string,
    opts: RequestOptions,
  ): { status: number; body: unknown } {
    const text = typeof res.data === 'string' ? res.data : '';
    const ctype = String(res.headers['content-type'] ?? '');
    let body: unknown = undefined;
    let parsed = false;
    if (text.length) {
      try {
        body = JSON.parse(text);
        parsed = true;
      } catch {
        parsed = false;
      }
    }
    if (res.status === 401)
      throw this.fail('unauthorized', '401 unauthorized: check basic_auth or the bearer token', path, 401);
    if (res.status === 403)
      throw this.fail('forbidden', '403 forbidden: the credentials lack access (or X-Scope-OrgID is wrong)', path, 403);
    // A bare 404 means the path does not exist here; one with a message is the API saying the object does not.
    if (res.status === 404 && opts.notFound) throw this.fail('not-found', `404: ${opts.notFound}`, path, 404);
    if (res.status === 404 && !parsed)
      throw this.fail(
        'not-found',
        `404 not found: is this a ${this.backend === 'prometheus' ? 'Prometheus' : 'Alertmanager'} URL (path prefix)?`,
        path,
        404,
      );
    if (text.length && !parsed) {
      const looksHtml = /^\s*</.test(text) || ctype.includes('html');
      const snippet = JSON.stringify(sanitizeLine(text).trim().slice(0, 80));
      if (res.status < 400) {
        const what = looksHtml
          ? 'an HTML page instead of JSON (a proxy or login page in front?)'
          : `text instead of JSON: ${snippet}`;
        throw this.fail('not-json', `HTTP ${res.status} with ${what}`, path, res.status);
      }
      const what = looksHtml ? 'with an HTML error page (from a proxy in front?)' : `: ${snippet}`;
      throw this.fail('http', `HTTP ${res.status}${looksHtml ? ' ' : ''}${what}`, path, res.status);
    }
    if (res.status >= 400) {
      const obj = body && typeof body === 'object' ? (body as Record<string, unknown>) : undefined;
      const msg = obj ? (obj.error ?? obj.message) : undefined;
      const detail = sanitizeLine(typeof msg === 'string' ? msg : typeof body === 'string' ? body : '').slice(0, 300);
      const errorType = typeof obj?.errorType === 'string' ? obj.errorType : undefined;
      // A 5xx is retried as an outage (gateway errors) unless the API says what went wrong, e.g. Prometheus' 503
      // "timeout" or Alertmanager's 500 "silence not found": repeating those gives the same answer.
      const outage =
        (res.status === 502 || res.status === 503 || res.status === 504) &&
        !(errorType && FINAL_ERROR_TYPES.has(errorType));
      const kind = res.status === 404 ? 'not-found' : outage ? 'http' : 'api';
      throw this.fail(
        kind,
        `HTTP ${res.status}${errorType ? ` ${errorType}` : ''}${detail ? `: ${detail}` : ''}`,
        path,
        res.status,
      );
    }
    return { status: res.status, body };
  }

  /** A GET over node:http(s), with the same deadline, auth, TLS and size cap; a redirect is returned as it is. */
  private get(target: string, params?: Record<string, unknown>, signal?: AbortSignal): Promise<DirectAnswer> {
    const { url, options } = this.directRequest(target, params);
    return directGet(url, { ...options, signal });
  }

  /**
   * Sends GET `path` now, over node:http(s), for another thread whose client has this one's configuration: the
   * parts of the answer go to `post`, and that thread's first GET of the returned URL takes them (http-handover.ts).
   * Undefined, and nothing sent, where the client would go through a proxy (axios).
   */
  sendAhead(
    path: string,
    params: Record<string, unknown> | undefined,
    post: (part: HandoverPart, transfer: ArrayBuffer[]) => void,
    /** Abandons the request (nothing will read the answer); it must not hold a closing process open. */
    signal?: AbortSignal,
  ): string | undefined {
    if (!this.direct) return undefined;
    this.stats.requests++;
    const { url, options } = this.directRequest(this.axConfig.baseURL + path, params);
    sendAhead(url, { ...options, signal }, post);
    return url.href;
  }

  private directRequest(target: string, params?: Record<string, unknown>): { url: URL; options: DirectGetOptions } {
    const cfg = this.axConfig;
    const url = new URL(target);
    for (const [k, v] of Object.entries(params ?? {})) {
      for (const item of Array.isArray(v) ? v : [v])
        if (item !== undefined && item !== null) url.searchParams.append(k, String(item));
    }
    const headers: Record<string, string> = {
      ...(cfg.headers as Record<string, string>),
      'Accept-Encoding': 'gzip, deflate, br',
    };
    if (cfg.auth)
      headers.Authorization = `Basic ${Buffer.from(`${cfg.auth.username}:${cfg.auth.password}`).toString('base64')}`;
    return {
      url,
      options: { headers, httpsAgent: cfg.httpsAgent, maxBytes: this.maxBytes, timeoutMs: this.timeoutMs },
    };
  }
}

/** Proxies are axios' business (HTTP(S)_PROXY with NO_PROXY); without any, reads need not wait for it to load. */
function proxyConfigured(): boolean {
  const env = process.env;
  return [
    'http_proxy',
    'https_proxy',
    'all_proxy',
    'npm_config_proxy',
    'npm_config_http_proxy',
    'npm_config_https_proxy',
  ].some((k) => env[k] || env[k.toUpperCase()]);
}
