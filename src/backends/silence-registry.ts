// Silences marked "until resolved", remembered across runs in the user's config folder (XDG_CONFIG_HOME/oncall/
// until-resolved.json, mode 0600) so that any running oncall (TUI or `oncall silence watch`) can expire them.
import path from 'node:path';
import Conf from 'conf';
import envPaths from 'env-paths';
import { decideUntilResolved, type UntilResolvedDecision } from '../domain/silence/until-resolved.js';
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

export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.XDG_CONFIG_HOME ? path.join(env.XDG_CONFIG_HOME, 'oncall') : envPaths('oncall', { suffix: '' }).config;
}

export class UntilResolvedRegistry {
  private readonly store: Conf<Store>;
  constructor(dir = stateDir()) {
    this.store = new Conf<Store>({ cwd: dir, configName: 'until-resolved', defaults: { silences: {} }, configFileMode: 0o600 });
  }
  get file(): string { return this.store.path; }

  add(e: UntilResolvedEntry): void {
    this.store.set('silences', { ...this.store.get('silences'), [e.id]: e });
  }

  remove(id: string): void {
    const { [id]: _gone, ...rest } = this.store.get('silences');
    this.store.set('silences', rest);
  }

  has(id: string): boolean {
    return id in this.store.get('silences');
  }

  /** Alertmanager may give an updated silence a new ID; the mark follows it. */
  rename(oldId: string, newId: string): void {
    const e = this.store.get('silences')[oldId];
    if (!e) return;
    this.remove(oldId);
    this.add({ ...e, id: newId });
  }

  /** Entries made against any of these Alertmanagers. */
  list(alertmanagers: readonly string[]): UntilResolvedEntry[] {
    const urls = new Set(alertmanagers);
    return Object.values(this.store.get('silences')).filter((e) => e.alertmanagers.some((u) => urls.has(u)));
  }
}

export interface SweepOutcome {
  id: string;
  decision: UntilResolvedDecision;
  error?: string;
}

/** One pass of the until-resolved loop: expires the marked silences whose alerts have all resolved. */
export async function sweepUntilResolved(writer: SilenceWriter, registry: UntilResolvedRegistry, urls: readonly string[]): Promise<SweepOutcome[]> {
  const entries = registry.list(urls);
  if (!entries.length) return [];
  const [{ silences, complete: silencesComplete }, { alerts, complete }] = await Promise.all([writer.silences(), writer.firing()]);
  const out: SweepOutcome[] = [];
  for (const e of entries) {
    const silence = silences.find((s) => s.id === e.id);
    // A silence missing from a partial answer may be on the Alertmanager that did not answer.
    const decision = !silence && !silencesComplete ? { action: 'keep' as const, reason: 'not seen; some Alertmanager did not answer', firing: 0 } : decideUntilResolved({ silence, firing: alerts, complete });
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
