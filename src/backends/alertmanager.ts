// Alertmanager API v2 client for one server, and a set of servers (an HA cluster or several clusters) whose
// alerts are deduplicated by fingerprint, keeping the earliest startsAt and the most urgent state.
import type { AlertmanagerStatus, ApiMatcher, ApiSilence } from './alertmanager-schemas.js';
import type { BackendConfig } from './config/schema.js';
import { BackendError } from './errors.js';
import { HttpClient, type HttpClientOptions } from './http.js';
import type { HandoverPart } from './http-handover.js';
import { validate } from './validate.js';
import { AlertShapeError, parseAlerts } from './alertmanager-alerts.js';
import { parseStatus } from './alertmanager-status.js';
import { formatMatcher, type Matcher } from '../domain/matchers/format.js';
import type { Alert, Silence } from '../domain/types.js';

// The alert list and the status are validated by hand (alertmanager-alerts.ts, for speed during a storm;
// alertmanager-status.ts, read by every `oncall incidents`); the other answers by zod schemas, loaded on first use.
const schemas = () => import('./alertmanager-schemas.js');

export function toApiMatcher(m: Matcher): ApiMatcher {
  const out: ApiMatcher = { name: m.name, value: m.value, isRegex: m.type === '=~' || m.type === '!~' };
  // isEqual is sent only when false: Alertmanager before 0.22 rejects the field.
  if (m.type === '!=' || m.type === '!~') out.isEqual = false;
  return out;
}

export function fromApiMatcher(m: ApiMatcher): Matcher {
  const eq = m.isEqual !== false;
  return { name: m.name, value: m.value, type: m.isRegex ? (eq ? '=~' : '!~') : eq ? '=' : '!=' };
}

export type { AlertmanagerStatus } from './alertmanager-schemas.js';

function toSilence(s: ApiSilence): Silence {
  return {
    id: s.id,
    matchers: s.matchers.map(fromApiMatcher),
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    updatedAt: s.updatedAt ?? '',
    createdBy: s.createdBy,
    comment: s.comment,
    status: s.status.state,
  };
}

export interface AlertQuery {
  active?: boolean;
  silenced?: boolean;
  inhibited?: boolean;
  filter?: Matcher[];
  receiver?: string;
}

export interface NewSilence {
  id?: string;
  matchers: Matcher[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
}

const ALERTS_PATH = '/api/v2/alerts';

function alertParams(q: AlertQuery): Record<string, unknown> {
  const params: Record<string, unknown> = {
    active: q.active ?? true,
    silenced: q.silenced ?? true,
    inhibited: q.inhibited ?? true,
  };
  if (q.filter?.length) params.filter = q.filter.map(formatMatcher);
  if (q.receiver) params.receiver = q.receiver;
  return params;
}

export class AlertmanagerClient {
  readonly http: HttpClient;
  constructor(cfg: BackendConfig, opts?: HttpClientOptions) {
    this.http = new HttpClient('alertmanager', cfg, opts);
  }
  get name(): string {
    return this.http.name;
  }

  async alerts(q: AlertQuery = {}): Promise<Alert[]> {
    const path = ALERTS_PATH;
    const res = await this.http.request('GET', path, { params: alertParams(q) });
    try {
      return parseAlerts(res.body);
    } catch (e) {
      if (!(e instanceof AlertShapeError)) throw e;
      throw new BackendError('alertmanager', this.http.name, this.http.baseUrl + path, 'invalid', e.message);
    }
  }

  /**
   * Sends the alert list request of alerts(q) now, for another thread whose client has this configuration: its
   * alerts(q) then reads this answer (HttpClient.sendAhead). The URL sent, or undefined when nothing was.
   */
  sendAlertsAhead(
    post: (part: HandoverPart, transfer: ArrayBuffer[]) => void,
    q: AlertQuery = {},
    signal?: AbortSignal,
  ): string | undefined {
    return this.http.sendAhead(ALERTS_PATH, alertParams(q), post, signal);
  }

  async status(): Promise<AlertmanagerStatus> {
    const path = '/api/v2/status';
    const res = await this.http.request('GET', path);
    try {
      return parseStatus(res.body);
    } catch (e) {
      if (!(e instanceof AlertShapeError)) throw e;
      throw new BackendError('alertmanager', this.http.name, this.http.baseUrl + path, 'invalid', e.message);
    }
  }

  async silences(): Promise<Silence[]> {
    const path = '/api/v2/silences';
    const res = await this.http.request('GET', path);
    return validate(this.http, path, (await schemas()).silenceList, res.body).map(toSilence);
  }

  async silence(id: string): Promise<Silence> {
    const path = `/api/v2/silence/${encodeURIComponent(id)}`;
    const res = await this.http.request('GET', path, { notFound: `no silence with ID ${id}` });
    return toSilence(validate(this.http, path, (await schemas()).silenceSchema, res.body));
  }

  /** Creates (or, with `id`, updates) a silence. Returns the ID the server assigned: an update may get a new one. */
  async postSilence(s: NewSilence): Promise<string> {
    const path = '/api/v2/silences';
    const body = {
      ...(s.id ? { id: s.id } : {}),
      matchers: s.matchers.map(toApiMatcher),
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      createdBy: s.createdBy,
      comment: s.comment,
    };
    // Not idempotent: a blind retry could create a duplicate. Callers check for an identical silence first.
    const res = await this.http.request('POST', path, { data: body, idempotent: false });
    return validate(this.http, path, (await schemas()).silenceCreated, res.body).silenceID;
  }

  async expireSilence(id: string): Promise<void> {
    await this.http.request('DELETE', `/api/v2/silence/${encodeURIComponent(id)}`, {
      idempotent: true,
      notFound: `no silence with ID ${id}`,
    });
  }
}

const STATE_RANK: Record<Alert['state'], number> = { active: 3, suppressed: 2, unprocessed: 1 };

/** Merges alerts from several Alertmanagers: one per fingerprint, earliest startsAt, most urgent state. */
export function dedupeAlerts(lists: Alert[][]): Alert[] {
  if (lists.length === 1) return lists[0]!;
  const byFp = new Map<string, Alert>();
  for (const list of lists) {
    for (const a of list) {
      const prev = byFp.get(a.fingerprint);
      if (!prev) {
        byFp.set(a.fingerprint, a);
        continue;
      }
      const keep = STATE_RANK[a.state] > STATE_RANK[prev.state] ? { ...a } : { ...prev };
      keep.startsAt = Date.parse(a.startsAt) < Date.parse(prev.startsAt) ? a.startsAt : prev.startsAt;
      keep.silencedBy = [...new Set([...prev.silencedBy, ...a.silencedBy])];
      keep.inhibitedBy = [...new Set([...prev.inhibitedBy, ...a.inhibitedBy])];
      byFp.set(a.fingerprint, keep);
    }
  }
  return [...byFp.values()];
}

export function dedupeSilences(lists: Silence[][]): Silence[] {
  const byId = new Map<string, Silence>();
  for (const list of lists)
    for (const s of list) {
      const prev = byId.get(s.id);
      if (!prev || s.updatedAt > prev.updatedAt) byId.set(s.id, s);
    }
  return [...byId.values()];
}

export interface PerBackend<T> {
  name: string;
  url: string;
  ok: boolean;
  value?: T;
  error?: BackendError;
  elapsedMs: number;
}

/** Milliseconds for timing a request, without the global `performance`, which loads perf_hooks on first use
 * (over a millisecond before the first request otherwise). */
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/** Every Alertmanager of a context. Reads go to all in parallel; one failing replica is reported, not fatal. */
export class AlertmanagerSet {
  readonly members: AlertmanagerClient[];
  constructor(cfgs: BackendConfig[], opts?: HttpClientOptions) {
    this.members = cfgs.map((c) => new AlertmanagerClient(c, opts));
  }

  async each<T>(fn: (c: AlertmanagerClient) => Promise<T>): Promise<PerBackend<T>[]> {
    return Promise.all(
      this.members.map(async (c) => {
        const t0 = nowMs();
        try {
          const value = await fn(c);
          return { name: c.name, url: c.http.baseUrl, ok: true, value, elapsedMs: nowMs() - t0 };
        } catch (e) {
          const error =
            e instanceof BackendError
              ? e
              : new BackendError('alertmanager', c.name, c.http.baseUrl, 'network', (e as Error).message);
          return { name: c.name, url: c.http.baseUrl, ok: false, error, elapsedMs: nowMs() - t0 };
        }
      }),
    );
  }

  /** Deduplicated alerts; throws only when no Alertmanager answered. */
  async alerts(q?: AlertQuery): Promise<{ alerts: Alert[]; failures: BackendError[] }> {
    const res = await this.each((c) => c.alerts(q));
    const ok = res.filter((r) => r.ok);
    const failures = res.filter((r) => !r.ok).map((r) => r.error!);
    if (!ok.length) throw failures[0]!;
    return { alerts: dedupeAlerts(ok.map((r) => r.value!)), failures };
  }

  async silences(): Promise<{ silences: Silence[]; failures: BackendError[] }> {
    const res = await this.each((c) => c.silences());
    const ok = res.filter((r) => r.ok);
    const failures = res.filter((r) => !r.ok).map((r) => r.error!);
    if (!ok.length) throw failures[0]!;
    return { silences: dedupeSilences(ok.map((r) => r.value!)), failures };
  }
}
