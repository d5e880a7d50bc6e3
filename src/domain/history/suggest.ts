// Causal rules learned from alert history. Two alert names are linked when their episodes, on series that agree
// on an `equal` label set, start together far more often than their independent rates predict; the one that
// starts first (median lead) is the cause. Flapping series, always-firing series and heartbeats are left out.
import { bySeries, episodesOf, unionSeconds, type Episode, type History } from './episodes.js';
import { ALWAYS_FIRING_RATIO, HEARTBEAT, measureSeries, median } from './flapping.js';
import { candidateEqualSets, type PairStats, pairStats, type Indexed } from './cooccurrence.js';

export interface SuggestOptions {
  minSupport?: number;
  minConfidence?: number;
  minLift?: number;
  /** An effect may start this long before its cause (seconds). */
  leadBeforeSeconds?: number;
  /** …or this long after it. */
  lagAfterSeconds?: number;
  /** Restrict candidate equal labels to these (cluster always kept where present). */
  equalLabels?: readonly string[];
  clusterLabel?: string;
}

export interface SuggestedRule {
  cause: string;
  effect: string;
  equal: string[];
  evidence: {
    support: number;
    /** Share of the cause's episodes followed by the effect. */
    confidence: number;
    /** Share of the effect's episodes that had the cause. */
    reverseConfidence: number;
    lift: number;
    medianLeadSeconds: number;
    causeEpisodes: number;
    effectEpisodes: number;
  };
}

export interface Suggestions {
  rules: SuggestedRule[];
  /** Alert names left out, and why. */
  excluded: { alertname: string; reason: 'flapping' | 'always firing' | 'heartbeat' }[];
  episodes: number;
}

export const SUGGEST_DEFAULTS = {
  minSupport: 5,
  minConfidence: 0.5,
  minLift: 3,
  leadBeforeSeconds: 600,
  lagAfterSeconds: 900,
};

/** Episodes fit for learning, per alert name. */
function eligible(h: History): { byName: Map<string, Indexed[]>; excluded: Suggestions['excluded']; total: number } {
  const eps = episodesOf(h);
  const per = bySeries(eps);
  const byName = new Map<string, Indexed[]>();
  const dropped = new Map<string, { flapping: number; always: number; kept: number }>();
  const windowSeconds = Math.max(h.stepSeconds, h.until - h.since);
  per.forEach((list, idx) => {
    const labels = h.series[idx]!.labels;
    const name = labels.alertname ?? '';
    const d = dropped.get(name) ?? { flapping: 0, always: 0, kept: 0 };
    dropped.set(name, d);
    if (HEARTBEAT.test(name)) return;
    const ratio =
      unionSeconds(
        list.map((e: Episode) => [e.start, e.end]),
        h.since,
        h.until,
      ) / windowSeconds;
    if (ratio >= ALWAYS_FIRING_RATIO) {
      d.always++;
      return;
    }
    if (measureSeries(idx, list, h.stepSeconds).flapping) {
      d.flapping++;
      return;
    }
    d.kept++;
    let l = byName.get(name);
    if (!l) byName.set(name, (l = []));
    for (const e of list) l.push({ start: e.start, labels });
  });
  const excluded: Suggestions['excluded'] = [];
  for (const [name, d] of dropped) {
    if (HEARTBEAT.test(name)) excluded.push({ alertname: name, reason: 'heartbeat' });
    else if (!d.kept && d.always) excluded.push({ alertname: name, reason: 'always firing' });
    else if (!d.kept && d.flapping) excluded.push({ alertname: name, reason: 'flapping' });
  }
  for (const l of byName.values()) l.sort((a, b) => a.start - b.start);
  return { byName, excluded: excluded.sort((a, b) => a.alertname.localeCompare(b.alertname)), total: eps.length };
}

function passes(s: PairStats, o: Required<Omit<SuggestOptions, 'equalLabels' | 'clusterLabel'>>): boolean {
  return (
    s.support >= o.minSupport && Math.max(s.confidence, s.reverseConfidence) >= o.minConfidence && s.lift >= o.minLift
  );
}

export function suggestRules(h: History, opts: SuggestOptions = {}): Suggestions {
  const o = {
    ...SUGGEST_DEFAULTS,
    ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)),
  } as typeof SUGGEST_DEFAULTS & SuggestOptions;
  const cluster = o.clusterLabel ?? 'cluster';
  const { byName, excluded, total } = eligible(h);
  const names = [...byName.keys()].sort();
  const windowSeconds = Math.max(h.stepSeconds, h.until - h.since);
  const found: SuggestedRule[] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const a = names[i]!,
        b = names[j]!;
      const best = [bestDirection(a, b), bestDirection(b, a)].filter((x): x is SuggestedRule => x !== undefined);
      // The cause starts first: of the two directions, the one whose median lead is not negative.
      best.sort(
        (x, y) =>
          Number(y.evidence.medianLeadSeconds >= 0) - Number(x.evidence.medianLeadSeconds >= 0) ||
          y.evidence.reverseConfidence - x.evidence.reverseConfidence ||
          y.evidence.lift - x.evidence.lift,
      );
      if (best[0] && (best[0].evidence.medianLeadSeconds >= 0 || best.length === 1)) found.push(best[0]);
    }
  }
  function bestDirection(cause: string, effect: string): SuggestedRule | undefined {
    const A = byName.get(cause)!,
      B = byName.get(effect)!;
    const sets = candidateEqualSets(A, B, cluster, o.equalLabels);
    let widest: PairStats | undefined;
    let chosen: { stats: PairStats; equal: string[] } | undefined;
    // From the widest set to the narrowest: the most specific set that keeps most of the evidence.
    for (const equal of sets) {
      const stats = pairStats(A, B, equal, { before: o.leadBeforeSeconds, after: o.lagAfterSeconds, windowSeconds });
      if (!widest || stats.support > widest.support) widest = stats;
      if (!passes(stats, o)) continue;
      if (!chosen || stats.support > chosen.stats.support * 1.25) chosen = { stats, equal };
    }
    if (!chosen) return undefined;
    const s = chosen.stats;
    return {
      cause,
      effect,
      equal: chosen.equal,
      evidence: {
        support: s.support,
        confidence: s.confidence,
        reverseConfidence: s.reverseConfidence,
        lift: s.lift,
        medianLeadSeconds: median(s.leads),
        causeEpisodes: A.length,
        effectEpisodes: B.length,
      },
    };
  }
  return { rules: pruneIndirect(found, byName, o), excluded, episodes: total };
}

const INDIRECT_SHARE = 0.05;

function key(a: string, b: string): string {
  return `${a}\u0000${b}`;
}

/**
 * Drops rules that other rules explain. A chain A→B→C makes A→C look like a rule: it goes when nearly every A–C
 * co-start had B near A. A common cause A→B, A→C makes B→C look like one: it goes when nearly every B–C co-start
 * had A near B. A rule with co-starts of its own (the third alert absent) stays.
 */
function pruneIndirect(
  rules: SuggestedRule[],
  byName: Map<string, Indexed[]>,
  o: typeof SUGGEST_DEFAULTS,
): SuggestedRule[] {
  const w = { before: o.leadBeforeSeconds, after: o.lagAfterSeconds, windowSeconds: 1 };
  const explained = (r: SuggestedRule, other: string, equal: string[]) => {
    const own = pairStats(byName.get(r.cause)!, byName.get(r.effect)!, r.equal, {
      ...w,
      without: { other: byName.get(other)!, equal },
    });
    return own.support < Math.max(2, INDIRECT_SHARE * r.evidence.support);
  };
  const common = (x: string[], y: string[]) => x.filter((l) => y.includes(l));
  let has = new Map(rules.map((r) => [key(r.cause, r.effect), r]));
  // Chains first: what they remove can no longer look like a common cause.
  const afterChains = rules.filter((r) => {
    for (const mid of byName.keys()) {
      const ab = has.get(key(r.cause, mid)),
        bc = has.get(key(mid, r.effect));
      if (ab && bc && explained(r, mid, common(ab.equal, bc.equal))) return false;
    }
    return true;
  });
  has = new Map(afterChains.map((r) => [key(r.cause, r.effect), r]));
  return afterChains
    .filter((r) => {
      for (const top of byName.keys()) {
        const ab = has.get(key(top, r.cause)),
          ac = has.get(key(top, r.effect));
        if (ab && ac && explained(r, top, common(ab.equal, ac.equal))) return false;
      }
      return true;
    })
    .sort((x, y) => x.cause.localeCompare(y.cause) || x.effect.localeCompare(y.effect));
}
