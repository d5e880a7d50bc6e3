// One logical silence across independent Alertmanager clusters: oncall posts the same request to each cluster and
// every cluster assigns its own ID. Copies are recognised by content, so that any oncall (or a person with amtool
// who made the same silence everywhere) finds them without local records: same matchers, author and comment,
// the same end to the second, and starts close together (each server sets a past start to its own clock).
import { matcherKey } from './identical.js';
import type { Silence } from '../types.js';

/** Starts of copies posted by one command differ by the time between posts plus clock skew between servers. */
export const SIBLING_START_TOLERANCE_MS = 15 * 60_000;

export function isSibling(a: Silence, b: Silence): boolean {
  if (a.id === b.id) return false;
  if (a.comment !== b.comment || a.createdBy !== b.createdBy) return false;
  if (Math.abs(Date.parse(a.endsAt) - Date.parse(b.endsAt)) > 1000) return false;
  if (Math.abs(Date.parse(a.startsAt) - Date.parse(b.startsAt)) > SIBLING_START_TOLERANCE_MS) return false;
  return matcherKey(a.matchers) === matcherKey(b.matchers);
}

/** The copy of `s` among another cluster's silences: a live one before an expired one, then the closest start. */
export function findSibling(s: Silence, others: readonly Silence[]): Silence | undefined {
  const live = (x: Silence) => (x.status === 'expired' ? 1 : 0);
  const gap = (x: Silence) => Math.abs(Date.parse(x.startsAt) - Date.parse(s.startsAt));
  return others.filter((o) => isSibling(s, o)).sort((x, y) => live(x) - live(y) || gap(x) - gap(y))[0];
}

export interface LogicalSilence {
  /** The copy shown (the first cluster's). */
  silence: Silence;
  /** Every copy's ID with the cluster (or Alertmanager names) that holds it. */
  copies: { id: string; where: string[] }[];
}

/**
 * Folds copies into one row per logical silence. `where` says which Alertmanagers returned each silence; copies
 * are folded only when they come from different places, so two identical silences on one cluster stay two rows.
 */
export function logicalSilences(
  silences: readonly Silence[],
  where: (s: Silence) => string[] = () => [],
): LogicalSilence[] {
  const out: LogicalSilence[] = [];
  const byKey = new Map<string, LogicalSilence[]>();
  for (const s of silences) {
    const key = `${matcherKey(s.matchers)}\u0000${s.createdBy}\u0000${s.comment}\u0000${s.status}`;
    const places = where(s);
    const group = (byKey.get(key) ?? []).find(
      (g) => isSibling(g.silence, s) && !g.copies.some((c) => c.where.some((w) => places.includes(w))),
    );
    if (group) {
      group.copies.push({ id: s.id, where: places });
      continue;
    }
    const g: LogicalSilence = { silence: s, copies: [{ id: s.id, where: places }] };
    out.push(g);
    byKey.set(key, [...(byKey.get(key) ?? []), g]);
  }
  return out;
}
