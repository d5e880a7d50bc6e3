// Incident memory: the alerts oncall has seen, each with its firing episodes (when it started, when it resolved),
// kept for `memory.keep` after they resolve. Alertmanager forgets an alert once it resolves; without this a
// resolved cause vanishes and its symptoms fall apart into incidents of their own. Pure: the store is
// src/backends/incident-memory.ts.
import type { Alert, Labels } from '../types.js';

export interface Episode {
  startsAt: string;
  /** When oncall saw it leave Alertmanager's list (or null while it fires). */
  resolvedAt: string | null;
}

export interface RememberedAlert {
  fingerprint: string;
  labels: Labels;
  annotations: Labels;
  generatorURL: string;
  /** Oldest first; the last one is the current (or latest) episode. */
  episodes: Episode[];
}

export interface IncidentMemory {
  alerts: Record<string, RememberedAlert>;
  /**
   * When an oncall last read every Alertmanager's whole list into it (to a minute): what it holds as firing was
   * firing then. Absent in files written before it was kept.
   */
  seenAt?: string;
}

export const emptyMemory = (): IncidentMemory => ({ alerts: {} });

export interface MemoryUpdate {
  /** The same object as the one given when nothing changed. */
  memory: IncidentMemory;
  /** An alert appeared, resolved, fired again, or was forgotten. */
  changed: boolean;
}

/**
 * `firing`: every alert Alertmanager lists now (silenced and inhibited ones fire too). `complete`: false when some
 * Alertmanager did not answer or the list was filtered, so that an alert missing from it is not taken as resolved.
 */
export function updateMemory(
  prev: IncidentMemory,
  firing: readonly Alert[],
  now: Date,
  keepMs: number,
  complete = true,
): MemoryUpdate {
  const at = now.toISOString();
  const alerts: Record<string, RememberedAlert> = {};
  let changed = false;
  const seen = new Set<string>();
  for (const a of firing) {
    if (seen.has(a.fingerprint)) continue;
    seen.add(a.fingerprint);
    const old = prev.alerts[a.fingerprint];
    const last = old?.episodes[old.episodes.length - 1];
    // Still firing: kept as it is (a storm's refresh then builds nothing).
    if (old && last && last.resolvedAt === null) {
      alerts[a.fingerprint] = old;
      continue;
    }
    let episodes: Episode[];
    if (!old || !last) episodes = [{ startsAt: a.startsAt, resolvedAt: null }];
    else {
      // Fired again: Alertmanager's startsAt is the new one unless it kept the old (then the return is now).
      const start = Date.parse(a.startsAt) > Date.parse(last.resolvedAt!) ? a.startsAt : at;
      episodes = [...old.episodes, { startsAt: start, resolvedAt: null }];
    }
    changed = true;
    alerts[a.fingerprint] = {
      fingerprint: a.fingerprint,
      labels: a.labels,
      annotations: a.annotations,
      generatorURL: a.generatorURL,
      episodes,
    };
  }
  const cutoff = now.getTime() - keepMs;
  for (const [fp, old] of Object.entries(prev.alerts)) {
    if (seen.has(fp)) continue;
    const last = old.episodes[old.episodes.length - 1];
    if (!last) {
      changed = true;
      continue;
    }
    let episodes = old.episodes;
    if (last.resolvedAt === null) {
      if (!complete) {
        alerts[fp] = old;
        continue;
      }
      episodes = [...old.episodes.slice(0, -1), { startsAt: last.startsAt, resolvedAt: at }];
      changed = true;
    }
    const kept = episodes.filter((e) => e.resolvedAt === null || Date.parse(e.resolvedAt) >= cutoff);
    if (kept.length !== episodes.length) changed = true;
    if (kept.length)
      alerts[fp] = kept.length === old.episodes.length && episodes === old.episodes ? old : { ...old, episodes: kept };
  }
  return changed ? { memory: { alerts }, changed } : { memory: prev, changed };
}

/** A remembered alert's current episode resolved: it is no longer in Alertmanager's list. */
export function resolvedAtOf(r: RememberedAlert): string | null {
  return r.episodes[r.episodes.length - 1]?.resolvedAt ?? null;
}

/**
 * The remembered alerts that resolved and do not fire now, as alerts marked resolved, to be grouped beside the
 * firing ones so that a resolved cause stays the root of its symptoms.
 */
export function resolvedAlerts(m: IncidentMemory, firing: readonly Alert[]): Alert[] {
  // Built on the first resolved alert only: a storm sets memory aside, and then there is none to look up.
  let now: Set<string> | undefined;
  const out: Alert[] = [];
  for (const r of Object.values(m.alerts)) {
    const resolvedAt = resolvedAtOf(r);
    if (!resolvedAt) continue;
    now ??= new Set(firing.map((a) => a.fingerprint));
    if (now.has(r.fingerprint)) continue;
    const last = r.episodes[r.episodes.length - 1]!;
    out.push({
      fingerprint: r.fingerprint,
      labels: r.labels,
      annotations: r.annotations,
      startsAt: last.startsAt,
      endsAt: resolvedAt,
      updatedAt: resolvedAt,
      generatorURL: r.generatorURL,
      receivers: [],
      state: 'active',
      silencedBy: [],
      inhibitedBy: [],
      resolvedAt,
    });
  }
  return out;
}

/** Keeps what is usable of a parsed memory file; undefined when it is not one. */
export function acceptMemory(v: unknown): IncidentMemory | undefined {
  const alerts = (v as IncidentMemory | undefined)?.alerts;
  if (!alerts || typeof alerts !== 'object' || Array.isArray(alerts)) return undefined;
  const ok = (r: RememberedAlert) =>
    !!r &&
    typeof r === 'object' &&
    typeof r.fingerprint === 'string' &&
    !!r.labels &&
    typeof r.labels === 'object' &&
    Array.isArray(r.episodes) &&
    r.episodes.every(
      (e) => e && typeof e.startsAt === 'string' && (e.resolvedAt === null || typeof e.resolvedAt === 'string'),
    );
  // In place: a storm's file holds tens of thousands of records, and nearly all are well-formed.
  for (const [k, r] of Object.entries(alerts)) {
    if (!ok(r) || r.fingerprint !== k) delete alerts[k];
    else {
      r.annotations ??= {};
      r.generatorURL ??= '';
    }
  }
  const seenAt = (v as IncidentMemory).seenAt;
  return typeof seenAt === 'string' && Number.isFinite(Date.parse(seenAt)) ? { alerts, seenAt } : { alerts };
}

/** The remembered alerts whose current episode has not resolved: firing when the memory was last written. */
export function rememberedFiring(m: IncidentMemory): Alert[] {
  const out: Alert[] = [];
  for (const r of Object.values(m.alerts)) {
    const last = r.episodes[r.episodes.length - 1];
    if (!last || last.resolvedAt !== null) continue;
    out.push({
      fingerprint: r.fingerprint,
      labels: r.labels,
      annotations: r.annotations,
      startsAt: last.startsAt,
      endsAt: '',
      updatedAt: m.seenAt ?? last.startsAt,
      generatorURL: r.generatorURL,
      receivers: [],
      state: 'active',
      silencedBy: [],
      inhibitedBy: [],
    });
  }
  return out;
}
