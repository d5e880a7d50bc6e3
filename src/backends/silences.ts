// Writing silences to every Alertmanager cluster of a context, once. An HA cluster gets the silence from one
// replica and spreads it by gossip; oncall then reads it back from every replica and reports which confirmed.
// Posting is not idempotent, so before any retry (and before the first post) the Alertmanagers are searched for
// an identical silence: a request that timed out but landed is never sent twice.
import { AlertmanagerClient, dedupeAlerts, dedupeSilences, type AlertmanagerSet, type NewSilence } from './alertmanager.js';
import { BackendError } from './errors.js';
import { findIdentical } from '../domain/silence/identical.js';
import type { SilenceSpec } from '../domain/silence/types.js';
import type { Alert, Silence } from '../domain/types.js';

export interface Confirmation {
  name: string;
  url: string;
  state: 'confirmed' | 'missing' | 'unreachable';
  detail?: string;
}

export interface WriteResult {
  id: string;
  /** An identical silence already existed; nothing was posted. */
  existed: boolean;
  /** On update, the ID Alertmanager replaced (it may assign a new one). */
  replacedId?: string;
  /** Names of the Alertmanagers the request was posted to (one per cluster). */
  postedTo: string[];
  confirmations: Confirmation[];
}

export interface SilenceWriterOptions {
  /** How long to wait for every replica to show a change (ms). */
  propagationTimeoutMs?: number;
  pollMs?: number;
  /** After a timed-out post, how long to keep looking for it before posting again (ms). */
  settleMs?: number;
  /** Times within this of each other count as the same request (ms). */
  identicalToleranceMs?: number;
  now?: () => number;
}

export class SilenceNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`no silence ${id} on any Alertmanager of the context (see: oncall silence ls --expired)`);
    this.name = 'SilenceNotFoundError';
  }
}

/** The silence exists but cannot take the change (e.g. it has expired). */
export class SilenceStateError extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function asBackendError(c: AlertmanagerClient, e: unknown): BackendError {
  return e instanceof BackendError ? e : new BackendError('alertmanager', c.name, c.http.baseUrl, 'network', (e as Error).message);
}

export class SilenceWriter {
  private readonly propagationMs: number;
  private readonly pollMs: number;
  private readonly settleMs: number;
  private readonly toleranceMs: number;
  private readonly now: () => number;

  constructor(readonly set: AlertmanagerSet, o: SilenceWriterOptions = {}) {
    this.propagationMs = o.propagationTimeoutMs ?? 15_000;
    this.pollMs = o.pollMs ?? 250;
    this.settleMs = o.settleMs ?? 3_000;
    this.toleranceMs = o.identicalToleranceMs ?? 120_000;
    this.now = o.now ?? Date.now;
  }

  /** Every silence, deduplicated by ID; `complete` is false when some Alertmanager did not answer. */
  async silences(): Promise<{ silences: Silence[]; complete: boolean; failures: BackendError[] }> {
    const res = await this.set.each((c) => c.silences());
    const ok = res.filter((r) => r.ok);
    const failures = res.filter((r) => !r.ok).map((r) => r.error!);
    if (!ok.length) throw failures[0]!;
    return { silences: dedupeSilences(ok.map((r) => r.value!)), complete: !failures.length, failures };
  }

  /** Every firing alert (all states), deduplicated by fingerprint. */
  async firing(): Promise<{ alerts: Alert[]; complete: boolean; failures: BackendError[] }> {
    const res = await this.set.each((c) => c.alerts({ active: true, silenced: true, inhibited: true }));
    const ok = res.filter((r) => r.ok);
    const failures = res.filter((r) => !r.ok).map((r) => r.error!);
    if (!ok.length) throw failures[0]!;
    return { alerts: dedupeAlerts(ok.map((r) => r.value!)), complete: !failures.length, failures };
  }

  async find(id: string): Promise<Silence | undefined> {
    const { silences } = await this.silences();
    return silences.find((s) => s.id === id);
  }

  /**
   * Groups the members into clusters from their /api/v2/status peer lists. A member that does not answer is
   * left out: it cannot be written to, and if it is a replica it receives the silence by gossip when it returns.
   */
  async clusters(): Promise<AlertmanagerClient[][]> {
    const res = await this.set.each((c) => c.status());
    const groups: { peers: Set<string>; members: AlertmanagerClient[] }[] = [];
    res.forEach((r, i) => {
      if (!r.ok) return;
      const c = this.set.members[i]!;
      const st = r.value!.cluster;
      const peers = new Set((st.peers ?? []).map((p) => p.name));
      if (st.name) peers.add(st.name);
      const g = st.status === 'disabled' ? undefined : groups.find((x) => [...peers].some((p) => x.peers.has(p)));
      if (g) {
        g.members.push(c);
        for (const p of peers) g.peers.add(p);
      } else groups.push({ peers, members: [c] });
    });
    return groups.map((g) => g.members);
  }

  async create(spec: SilenceSpec): Promise<WriteResult> {
    const { silences } = await this.silences();
    const existing = findIdentical(silences, spec, this.now(), this.toleranceMs);
    if (existing) return { id: existing.id, existed: true, postedTo: [], confirmations: await this.confirm(existing.id, 'present') };
    return this.post({ ...spec });
  }

  /** Changes a silence (new end, matchers or comment). Alertmanager may answer with a new ID. */
  async update(id: string, change: (s: Silence) => Partial<SilenceSpec>): Promise<WriteResult> {
    const current = await this.find(id);
    if (!current) throw new SilenceNotFoundError(id);
    if (current.status === 'expired') throw new SilenceStateError(`silence ${id} has expired and cannot be changed; create a new one (oncall silence add …)`);
    const base: SilenceSpec = { matchers: current.matchers, startsAt: current.startsAt, endsAt: current.endsAt, createdBy: current.createdBy, comment: current.comment };
    const next = { ...base, ...change(current) };
    // A start in the past is rejected on update unless unchanged; an active silence keeps its own start.
    if (current.status === 'active') next.startsAt = current.startsAt;
    const r = await this.post({ ...next, id });
    return r.id !== id ? { ...r, replacedId: id } : r;
  }

  /** Posts once per cluster, trying its replicas in order; before each retry, looks for the request having landed. */
  private async post(s: NewSilence): Promise<WriteResult> {
    const clusters = await this.clusters();
    if (!clusters.length) {
      const { failures } = await this.silences().catch((e: BackendError) => ({ failures: [e] }));
      throw failures[0] ?? new Error('no Alertmanager of the context answered');
    }
    const ids = new Set<string>();
    const postedTo: string[] = [];
    for (const members of clusters) {
      let id: string | undefined;
      let last: BackendError | undefined;
      for (const c of members) {
        try {
          id = await c.postSilence(s);
          postedTo.push(c.name);
          break;
        } catch (e) {
          last = asBackendError(c, e);
          // Alertmanager said no (bad request, forbidden): another replica would say the same.
          if (!last.transient) throw last;
          const found = await this.lookFor(s, last.kind === 'timeout' ? this.settleMs : 0);
          if (found) {
            id = found;
            postedTo.push(c.name);
            break;
          }
        }
      }
      if (!id) throw last ?? new Error('no Alertmanager accepted the silence');
      ids.add(id);
    }
    // Separate clusters assign separate IDs; the first is reported, every one is confirmed where it belongs.
    const [first] = [...ids];
    const confirmations = (await Promise.all([...ids].map((id) => this.confirm(id, 'present')))).flat();
    const byMember = new Map<string, Confirmation>();
    for (const c of confirmations) {
      const prev = byMember.get(c.url);
      if (!prev || c.state === 'confirmed') byMember.set(c.url, c);
    }
    return { id: first!, existed: false, postedTo, confirmations: [...byMember.values()] };
  }

  /**
   * Searches for a silence identical to `s`, for up to `waitMs`, and returns its ID. For an update the times
   * must agree to the second: the old version of the same silence differs only in its end.
   */
  private async lookFor(s: NewSilence, waitMs: number): Promise<string | undefined> {
    const deadline = this.now() + waitMs;
    const tolerance = s.id ? 1000 : this.toleranceMs;
    for (;;) {
      const res = await this.set.each((c) => c.silences());
      const all = dedupeSilences(res.filter((r) => r.ok).map((r) => r.value!));
      const hit = findIdentical(all, s, this.now(), tolerance);
      if (hit) return hit.id;
      if (this.now() >= deadline) return undefined;
      await sleep(this.pollMs);
    }
  }

  async expire(id: string): Promise<Confirmation[]> {
    const current = await this.find(id);
    if (!current) throw new SilenceNotFoundError(id);
    if (current.status !== 'expired') {
      let done = false;
      let last: BackendError | undefined;
      for (const c of this.set.members) {
        try {
          await c.expireSilence(id);
          done = true;
          break;
        } catch (e) {
          last = asBackendError(c, e);
          if (!last.transient) throw last;
        }
      }
      if (!done) throw last!;
    }
    return this.confirm(id, 'expired');
  }

  /** Reads `id` back from every member until each shows it (present or expired), or the timeout passes. */
  async confirm(id: string, want: 'present' | 'expired'): Promise<Confirmation[]> {
    const deadline = this.now() + this.propagationMs;
    const result = new Map<AlertmanagerClient, Confirmation>();
    for (;;) {
      const pending = this.set.members.filter((c) => result.get(c)?.state !== 'confirmed' && result.get(c)?.state !== 'unreachable');
      await Promise.all(pending.map(async (c) => {
        const base = { name: c.name, url: c.http.baseUrl };
        try {
          const s = await c.silence(id);
          const ok = want === 'expired' ? s.status === 'expired' : s.status !== 'expired';
          result.set(c, { ...base, state: ok ? 'confirmed' : 'missing', detail: ok ? undefined : `status ${s.status}` });
        } catch (e) {
          const be = asBackendError(c, e);
          if (be.status === 404 || be.kind === 'not-found') result.set(c, { ...base, state: 'missing', detail: 'not there yet' });
          else if (be.transient) result.set(c, { ...base, state: 'unreachable', detail: be.detail });
          else result.set(c, { ...base, state: 'missing', detail: be.detail });
        }
      }));
      const waiting = this.set.members.some((c) => result.get(c)?.state === 'missing');
      if (!waiting || this.now() >= deadline) break;
      await sleep(this.pollMs);
    }
    return this.set.members.map((c) => result.get(c)!);
  }
}
