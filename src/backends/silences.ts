// Writing silences to every Alertmanager cluster of a context. An HA cluster gets the silence from one replica and
// spreads it by gossip; independent clusters each get their own post and give their own ID, and the copies form
// one logical silence: expiring or extending any copy acts on all of them (copies are found by content, see
// domain/silence/siblings.ts). A change is read back only where it was made: a cluster never waits for an ID it
// never had. Posting is not idempotent, so before the first post and before any retry the cluster's reachable
// replicas are searched for an identical silence; after a timeout on a replica that then cannot be read, nothing
// is re-posted (it may hold the silence): the cluster is reported as not confirmed instead of risking a duplicate.
import {
  AlertmanagerClient,
  dedupeAlerts,
  dedupeSilences,
  type AlertmanagerSet,
  type NewSilence,
} from './alertmanager.js';
import { BackendError } from './errors.js';
import { ClusterLayout, type Cluster } from './silence-clusters.js';
import { findIdentical } from '../domain/silence/identical.js';
import { findSibling } from '../domain/silence/siblings.js';
import type { SilenceSpec } from '../domain/silence/types.js';
import type { Alert, Silence } from '../domain/types.js';
import { OncallError } from '../domain/errors.js';
import {
  SilenceNotFoundError,
  type ClusterFailure,
  type ClusterWrite,
  type Confirmation,
  type ExpireResult,
  type SilenceWriterOptions,
  type WriteResult,
} from './silence-results.js';

export type { Cluster } from './silence-clusters.js';

/**
 * An immediate silence is sent with a start this far in the past. Alertmanager replaces a past start with its own
 * clock, so a laptop whose clock runs ahead of the server's does not make the silence "pending".
 */
export const CLOCK_SKEW_GRACE_MS = 15 * 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function asBackendError(c: AlertmanagerClient, e: unknown): BackendError {
  return e instanceof BackendError
    ? e
    : new BackendError('alertmanager', c.name, c.http.baseUrl, 'network', (e as Error).message);
}

/** What a copy must show to count as confirmed. */
type Want = 'active' | 'pending' | 'expired';

function shows(s: Silence, want: Want): boolean {
  if (want === 'expired') return s.status === 'expired';
  // A planned window may have begun by the time it is read back; an immediate one must not be waiting.
  return want === 'pending' ? s.status !== 'expired' : s.status === 'active';
}

export class SilenceWriter {
  private readonly propagationMs: number;
  private readonly pollMs: number;
  private readonly settleMs: number;
  private readonly toleranceMs: number;
  private readonly now: () => number;
  private readonly layout: ClusterLayout;

  constructor(
    readonly set: AlertmanagerSet,
    o: SilenceWriterOptions = {},
  ) {
    this.propagationMs = o.propagationTimeoutMs ?? 15_000;
    this.pollMs = o.pollMs ?? 250;
    this.settleMs = o.settleMs ?? 3_000;
    this.toleranceMs = o.identicalToleranceMs ?? 120_000;
    this.now = o.now ?? Date.now;
    this.layout = o.layout ?? new ClusterLayout();
  }

  /** Every silence, deduplicated by ID; `complete` is false when some Alertmanager did not answer. */
  async silences(): Promise<{
    silences: Silence[];
    complete: boolean;
    failures: BackendError[];
    seenOn: Map<string, string[]>;
  }> {
    const res = await this.set.each((c) => c.silences());
    const ok = res.filter((r) => r.ok);
    const failures = res.filter((r) => !r.ok).map((r) => r.error!);
    if (!ok.length) throw failures[0]!;
    const seenOn = new Map<string, string[]>();
    for (const r of ok) for (const s of r.value!) seenOn.set(s.id, [...(seenOn.get(s.id) ?? []), r.name]);
    return { silences: dedupeSilences(ok.map((r) => r.value!)), complete: !failures.length, failures, seenOn };
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

  /** The context's clusters (see silence-clusters.ts). */
  clusters(): Promise<Cluster[]> {
    return this.layout.of(this.set);
  }

  /** Silences held by a cluster's reachable replicas, and the replicas that could not be read. */
  private async on(cluster: Cluster): Promise<{ silences: Silence[]; unread: AlertmanagerClient[] }> {
    const res = await Promise.all(
      cluster.reachable.map(async (c) => ({ c, list: await c.silences().catch(() => undefined) })),
    );
    return {
      silences: dedupeSilences(res.flatMap((r) => (r.list ? [r.list] : []))),
      unread: res.filter((r) => !r.list).map((r) => r.c),
    };
  }

  async create(spec: SilenceSpec): Promise<WriteResult> {
    const clusters = await this.clusters();
    const copies: ClusterWrite[] = [];
    const failed: ClusterFailure[] = [];
    const immediate = Date.parse(spec.startsAt) <= this.now() + 1000;
    const request: NewSilence = immediate
      ? { ...spec, startsAt: new Date(Date.parse(spec.startsAt) - CLOCK_SKEW_GRACE_MS).toISOString() }
      : { ...spec };
    await Promise.all(
      clusters.map(async (cl) => {
        if (!cl.reachable.length) {
          const hint =
            cl.unplaced && clusters.length > 1
              ? 'oncall has not seen it up together with the others, so it cannot tell whether it is a replica that gets the silence by gossip or a cluster of its own'
              : undefined;
          return void failed.push({ cluster: cl.name, error: cl.down[0]!, ...(hint ? { hint } : {}) });
        }
        const existing = findIdentical((await this.on(cl)).silences, spec, this.now(), this.toleranceMs);
        if (existing) return void copies.push({ cluster: cl.name, id: existing.id, existed: true });
        const r = await this.postTo(cl, request, spec);
        if ('error' in r) failed.push({ cluster: cl.name, error: r.error });
        else copies.push({ cluster: cl.name, ...r, existed: false });
      }),
    );
    return this.result(clusters, copies, failed, immediate ? 'active' : 'pending');
  }

  /**
   * Changes a silence (new end, matchers or comment) and its copies on the other clusters. Alertmanager may
   * answer with new IDs. `change` is asked once per copy, with that copy's current state.
   */
  async update(id: string, change: (s: Silence) => Partial<SilenceSpec>): Promise<WriteResult> {
    const { clusters, copies: found, failed } = await this.copiesOf(id);
    const named = found.find((f) => f.silence.id === id)!;
    if (named.silence.status === 'expired')
      throw new OncallError(
        'state',
        `silence ${id} has expired and cannot be changed; create a new one (oncall silence add …)`,
      );
    const copies: ClusterWrite[] = [];
    // The named copy first: a change it refuses (e.g. a usage error) stops before anything is written.
    const plans = [named, ...found.filter((f) => f !== named && f.silence.status !== 'expired')].map((f) => {
      const s = f.silence;
      const next: NewSilence = {
        matchers: s.matchers,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        createdBy: s.createdBy,
        comment: s.comment,
        ...change(s),
        id: s.id,
      };
      // A start in the past is rejected on update unless unchanged; an active silence keeps its own start.
      if (s.status === 'active') next.startsAt = s.startsAt;
      return { f, next };
    });
    await Promise.all(
      plans.map(async ({ f, next }) => {
        const r = await this.postTo(f.cluster, next, next);
        if ('error' in r) failed.push({ cluster: f.cluster.name, error: r.error });
        else
          copies.push({
            cluster: f.cluster.name,
            ...r,
            existed: false,
            ...(r.id !== f.silence.id ? { replacedId: f.silence.id } : {}),
          });
      }),
    );
    const pending = Date.parse(plans[0]!.next.startsAt) > this.now() + 1000;
    // A replica shows the change once it shows the new end (before gossip reaches it, it shows the old one).
    const ends = new Map(copies.map((c) => [c.id, plans.find((p) => p.f.cluster.name === c.cluster)!.next.endsAt]));
    const result = await this.result(clusters, copies, failed, pending ? 'pending' : 'active', ends);
    const mine = copies.find((c) => c.cluster === named.cluster.name);
    return mine ? { ...result, id: mine.id, replacedId: mine.replacedId } : result;
  }

  async expire(id: string): Promise<ExpireResult> {
    const { copies: found, failed } = await this.copiesOf(id);
    const copies: ClusterWrite[] = [];
    const confirmations: Confirmation[] = [];
    await Promise.all(
      found.map(async ({ cluster, silence }) => {
        if (silence.status !== 'expired') {
          let last: BackendError | undefined;
          for (const c of cluster.reachable) {
            try {
              await c.expireSilence(silence.id);
              last = undefined;
              break;
            } catch (e) {
              last = asBackendError(c, e);
              if (!last.transient) break;
            }
          }
          if (last) return void failed.push({ cluster: cluster.name, error: last });
        }
        copies.push({ cluster: cluster.name, id: silence.id, existed: silence.status === 'expired' });
        confirmations.push(...(await this.confirm(silence.id, 'expired', cluster.members)));
      }),
    );
    return {
      copies: this.ordered(
        copies,
        found.map((f) => f.cluster),
      ),
      failed,
      confirmations,
    };
  }

  /**
   * The copies of a logical silence: the one named and its sibling on every other reachable cluster. Clusters
   * that cannot be read are failures (a copy there, if any, is left as it is).
   */
  private async copiesOf(
    id: string,
  ): Promise<{ clusters: Cluster[]; copies: { cluster: Cluster; silence: Silence }[]; failed: ClusterFailure[] }> {
    const clusters = await this.clusters();
    const lists = await Promise.all(
      clusters.map(async (cluster) => ({
        cluster,
        ...(cluster.reachable.length ? await this.on(cluster) : { silences: [], unread: [] }),
      })),
    );
    const home = lists.find((l) => l.silences.some((s) => s.id === id));
    if (!home) throw new SilenceNotFoundError(id);
    const silence = home.silences.find((s) => s.id === id)!;
    const copies = [{ cluster: home.cluster, silence }];
    const failed: ClusterFailure[] = [];
    for (const l of lists) {
      if (l === home) continue;
      if (!l.cluster.reachable.length || l.unread.length === l.cluster.reachable.length) {
        failed.push({
          cluster: l.cluster.name,
          error: new Error(
            `did not answer (${l.cluster.down[0]?.detail ?? 'unreachable'}); a copy of this silence there, if any, is unchanged`,
          ),
        });
        continue;
      }
      const sib = findSibling(silence, l.silences);
      if (sib) copies.push({ cluster: l.cluster, silence: sib });
    }
    return { clusters, copies, failed };
  }

  private ordered(copies: ClusterWrite[], clusters: Cluster[]): ClusterWrite[] {
    const at = (c: ClusterWrite) => clusters.findIndex((x) => x.name === c.cluster);
    return [...copies].sort((a, b) => at(a) - at(b));
  }

  private async result(
    clusters: Cluster[],
    copies: ClusterWrite[],
    failed: ClusterFailure[],
    want: Want,
    ends = new Map<string, string>(),
  ): Promise<WriteResult> {
    const sorted = this.ordered(copies, clusters);
    if (!sorted.length) throw failed[0]?.error ?? new Error('no Alertmanager of the context answered');
    const confirmations = (
      await Promise.all(
        sorted.map((w) =>
          this.confirm(w.id, want, clusters.find((c) => c.name === w.cluster)!.members, ends.get(w.id)),
        ),
      )
    ).flat();
    return {
      id: sorted[0]!.id,
      copies: sorted,
      failed: failed.sort(
        (a, b) => clusters.findIndex((c) => c.name === a.cluster) - clusters.findIndex((c) => c.name === b.cluster),
      ),
      existed: sorted.every((c) => c.existed) && !failed.length,
      postedTo: sorted.flatMap((c) => (c.postedTo ? [c.postedTo] : [])),
      confirmations,
    };
  }

  /**
   * Posts to one cluster, trying its replicas in order. Before each retry it looks for the request having landed
   * on every reachable replica; after a timeout on a replica that cannot then be read, it stops (no duplicate).
   */
  private async postTo(
    cluster: Cluster,
    s: NewSilence,
    spec: SilenceSpec,
  ): Promise<{ id: string; postedTo: string } | { error: Error }> {
    let last: BackendError | undefined;
    for (const c of cluster.members) {
      try {
        return { id: await c.postSilence(s), postedTo: c.name };
      } catch (e) {
        last = asBackendError(c, e);
        // Alertmanager said no (bad request, forbidden): another replica would say the same.
        if (!last.transient) return { error: last };
        const found = await this.lookFor(cluster, s, spec, last.failure === 'timeout' ? this.settleMs : 0);
        if (found.id) return { id: found.id, postedTo: c.name };
        if (last.failure === 'timeout' && found.unread.includes(c)) {
          return {
            error: new BackendError(
              'alertmanager',
              c.name,
              c.http.baseUrl,
              'timeout',
              `the post timed out and ${c.name} cannot be read back, so it may hold the silence; not posting again to avoid a duplicate: re-run when it answers (the re-run finds it if it landed)`,
            ),
          };
        }
      }
    }
    return { error: last ?? new Error('no Alertmanager accepted the silence') };
  }

  /**
   * Searches a cluster for a silence identical to `spec`, for up to `waitMs`. For an update the times must agree
   * to the second: the old version of the same silence differs only in its end.
   */
  private async lookFor(
    cluster: Cluster,
    s: NewSilence,
    spec: SilenceSpec,
    waitMs: number,
  ): Promise<{ id?: string; unread: AlertmanagerClient[] }> {
    const deadline = this.now() + waitMs;
    const tolerance = s.id ? 1000 : this.toleranceMs;
    for (;;) {
      const { silences, unread } = await this.on({ ...cluster, reachable: cluster.members });
      const hit = findIdentical(silences, spec, this.now(), tolerance);
      if (hit) return { id: hit.id, unread };
      if (this.now() >= deadline) return { unread };
      await sleep(this.pollMs);
    }
  }

  /** Reads `id` back from the given members (its cluster) until each shows it as wanted, or the timeout passes. */
  async confirm(
    id: string,
    want: Want,
    members: readonly AlertmanagerClient[] = this.set.members,
    endsAt?: string,
  ): Promise<Confirmation[]> {
    const deadline = this.now() + this.propagationMs;
    const result = new Map<AlertmanagerClient, Confirmation>();
    for (;;) {
      const pending = members.filter(
        (c) => result.get(c)?.state !== 'confirmed' && result.get(c)?.state !== 'unreachable',
      );
      await Promise.all(
        pending.map(async (c) => {
          const base = { name: c.name, url: c.http.baseUrl };
          try {
            const s = await c.silence(id);
            const oldEnd = endsAt !== undefined && Math.abs(Date.parse(s.endsAt) - Date.parse(endsAt)) > 1000;
            const ok = shows(s, want) && !oldEnd;
            const detail = oldEnd
              ? `still ends ${s.endsAt}`
              : `${s.status}${want === 'active' && s.status === 'pending' ? ` (starts ${s.startsAt} by its clock)` : ''}`;
            result.set(c, { ...base, state: ok ? 'confirmed' : 'missing', detail: ok ? undefined : detail });
          } catch (e) {
            const be = asBackendError(c, e);
            if (be.status === 404 || be.failure === 'not-found')
              result.set(c, { ...base, state: 'missing', detail: 'not there yet' });
            else if (be.transient) result.set(c, { ...base, state: 'unreachable', detail: be.detail });
            else result.set(c, { ...base, state: 'missing', detail: be.detail });
          }
        }),
      );
      const waiting = members.some((c) => result.get(c)?.state === 'missing');
      if (!waiting || this.now() >= deadline) break;
      await sleep(this.pollMs);
    }
    return members.map((c) => result.get(c)!);
  }
}
