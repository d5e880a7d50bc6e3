// Silences marked "until resolved", remembered across runs in the user's config folder (XDG_CONFIG_HOME/oncall/
// until-resolved.json, mode 0600) so that any running oncall (TUI or `oncall silence watch`) can expire them.
import path from 'node:path';
import { stateDir } from './state-dir.js';
import { decideUntilResolved, type UntilResolvedDecision } from '../domain/silence/until-resolved.js';
import { JsonStore } from './state-store.js';
import type { SilenceWriter } from './silences.js';

export interface UntilResolvedEntry {
  id: string;
  /** Alertmanager URLs of the context it was made in; a watcher handles the entries that share one of its URLs. */
  alertmanagers: string[];
  context: string;
  createdAt: string;
}

interface Store {
  silences: Record<string, UntilResolvedEntry>;
}

export { stateDir };

function isEntry(v: unknown): v is UntilResolvedEntry {
  const e = v as UntilResolvedEntry;
  return (
    !!e &&
    typeof e === 'object' &&
    typeof e.id === 'string' &&
    Array.isArray(e.alertmanagers) &&
    e.alertmanagers.every((u) => typeof u === 'string')
  );
}

/** Keeps the well-formed entries of a parsed file; anything that is not `{silences: {...}}` is no registry. */
function acceptStore(v: unknown): Store | undefined {
  const s = (v as Store | undefined)?.silences;
  if (!s || typeof s !== 'object' || Array.isArray(s)) return undefined;
  return { silences: Object.fromEntries(Object.entries(s).filter(([k, e]) => isEntry(e) && e.id === k)) };
}

/**
 * Reads never throw (a damaged file is moved aside, an unreadable folder reads as empty); writes throw
 * StateWriteError, which callers report as a warning next to the silence's ID.
 */
export class UntilResolvedRegistry {
  private readonly store: JsonStore<Store>;
  constructor(dir = stateDir()) {
    this.store = new JsonStore<Store>(path.join(dir, 'until-resolved.json'), {
      empty: () => ({ silences: {} }),
      accept: acceptStore,
    });
  }
  get file(): string {
    return this.store.file;
  }

  add(e: UntilResolvedEntry): void {
    this.store.update((s) => ({ silences: { ...s.silences, [e.id]: e } }));
  }

  remove(id: string): void {
    if (!this.has(id)) return;
    this.store.update((s) => {
      const { [id]: _gone, ...rest } = s.silences;
      return { silences: rest };
    });
  }

  has(id: string): boolean {
    return id in this.store.read().silences;
  }

  /** Alertmanager may give an updated silence a new ID; the mark follows it. */
  rename(oldId: string, newId: string): void {
    if (!this.has(oldId)) return;
    this.store.update((s) => {
      const { [oldId]: e, ...rest } = s.silences;
      return { silences: e ? { ...rest, [newId]: { ...e, id: newId } } : rest };
    });
  }

  /** Entries made against any of these Alertmanagers. */
  list(alertmanagers: readonly string[]): UntilResolvedEntry[] {
    const urls = new Set(alertmanagers);
    return Object.values(this.store.read().silences).filter((e) => e.alertmanagers.some((u) => urls.has(u)));
  }
}

export interface SweepOutcome {
  id: string;
  decision: UntilResolvedDecision;
  error?: string;
}

/** One pass of the until-resolved loop: expires the marked silences whose alerts have all resolved. */
export async function sweepUntilResolved(
  writer: SilenceWriter,
  registry: UntilResolvedRegistry,
  urls: readonly string[],
): Promise<SweepOutcome[]> {
  const entries = registry.list(urls);
  if (!entries.length) return [];
  const [{ silences, complete: silencesComplete }, { alerts, complete }] = await Promise.all([
    writer.silences(),
    writer.firing(),
  ]);
  const out: SweepOutcome[] = [];
  for (const e of entries) {
    const silence = silences.find((s) => s.id === e.id);
    // A silence missing from a partial answer may be on the Alertmanager that did not answer.
    const decision =
      !silence && !silencesComplete
        ? { action: 'keep' as const, reason: 'not seen; some Alertmanager did not answer', firing: 0 }
        : decideUntilResolved({ silence, firing: alerts, complete });
    const o: SweepOutcome = { id: e.id, decision };
    try {
      if (decision.action === 'expire') await writer.expire(e.id);
      if (decision.action !== 'keep') registry.remove(e.id);
    } catch (err) {
      o.error = (err as Error).message;
    }
    out.push(o);
  }
  return out;
}
