// Which Alertmanagers of a context form one cluster. Replicas of an HA cluster gossip silences to each other, so
// a silence is posted to one of them; independent clusters each need their own post and give their own ID.
// Membership comes from each member's /api/v2/status peer list. A member that does not answer cannot say where it
// belongs: the last layout seen with every member up (kept in cluster-layout.json) places it; with no such
// record it counts as a cluster of its own, so a write reports it as not written instead of assuming gossip.
import path from 'node:path';
import type { AlertmanagerClient, AlertmanagerSet } from './alertmanager.js';
import { BackendError } from './errors.js';
import { stateDir } from './silence-registry.js';
import { JsonStore } from './state-store.js';

export interface Cluster {
  /** The members' names joined with "+", e.g. "am-0.example.com+am-1.example.com". */
  name: string;
  members: AlertmanagerClient[];
  /** Members that answered, in configured order. */
  reachable: AlertmanagerClient[];
  /** Why each unreachable member did not answer. */
  down: BackendError[];
  /** A member that did not answer and that no recorded layout places: it may be a replica of another cluster. */
  unplaced?: boolean;
}

type Layouts = Record<string, string[][]>;

function asBackendError(c: AlertmanagerClient, e: unknown): BackendError {
  return e instanceof BackendError
    ? e
    : new BackendError('alertmanager', c.name, c.http.baseUrl, 'network', (e as Error).message);
}

export class ClusterLayout {
  private readonly store: JsonStore<Layouts>;
  constructor(dir = stateDir()) {
    const accept = (v: unknown): Layouts | undefined =>
      v && typeof v === 'object' && !Array.isArray(v) ? (v as Layouts) : undefined;
    this.store = new JsonStore<Layouts>(path.join(dir, 'cluster-layout.json'), { empty: () => ({}), accept });
  }

  /** Groups the set's members into clusters, asking each for its status. */
  async of(set: AlertmanagerSet): Promise<Cluster[]> {
    const res = await set.each((c) => c.status());
    const groups: { peers: Set<string>; members: AlertmanagerClient[] }[] = [];
    const down: { c: AlertmanagerClient; error: BackendError }[] = [];
    res.forEach((r, i) => {
      const c = set.members[i]!;
      if (!r.ok) return void down.push({ c, error: asBackendError(c, r.error) });
      const st = r.value!.cluster;
      const peers = new Set((st.peers ?? []).map((p) => p.name));
      if (st.name) peers.add(st.name);
      const g = st.status === 'disabled' ? undefined : groups.find((x) => [...peers].some((p) => x.peers.has(p)));
      if (g) {
        g.members.push(c);
        for (const p of peers) g.peers.add(p);
      } else groups.push({ peers, members: [c] });
    });
    const key = set.members
      .map((m) => m.http.baseUrl)
      .sort()
      .join(' ');
    const urlsOf = (ms: AlertmanagerClient[]) => ms.map((m) => m.http.baseUrl);
    const clusters: Omit<Cluster, 'name'>[] = groups.map((g) => ({
      members: [...g.members],
      reachable: [...g.members],
      down: [] as BackendError[],
    }));
    // A single Alertmanager needs no layout: there is nothing to place it with.
    if (!down.length && set.members.length > 1) {
      this.remember(
        key,
        clusters.map((c) => urlsOf(c.members)),
      );
    } else {
      const known = this.store.read()[key] ?? [];
      for (const d of down) {
        const mates = known.find((urls) => urls.includes(d.c.http.baseUrl)) ?? [];
        const home = clusters.find((c) => c.reachable.some((m) => mates.includes(m.http.baseUrl)));
        if (home) {
          home.members.push(d.c);
          home.down.push(d.error);
        } else clusters.push({ members: [d.c], reachable: [], down: [d.error], unplaced: true });
      }
    }
    // Configured order, so that messages and the first ID are stable.
    const order = (c: AlertmanagerClient) => set.members.indexOf(c);
    return clusters
      .map((c) => ({ ...c, members: c.members.sort((a, b) => order(a) - order(b)) }))
      .sort((a, b) => order(a.members[0]!) - order(b.members[0]!))
      .map((c) => ({ ...c, name: c.members.map((m) => m.name).join('+') }));
  }

  private remember(key: string, layout: string[][]): void {
    const norm = layout.map((u) => [...u].sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
    if (JSON.stringify(this.store.read()[key]) === JSON.stringify(norm)) return;
    try {
      this.store.update((all) => ({ ...all, [key]: norm }));
    } catch {
      // Only a hint for a later run with a member down; a read-only config folder must not fail the command.
    }
  }
}
