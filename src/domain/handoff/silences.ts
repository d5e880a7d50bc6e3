// The handoff's silences and acks: those created or ended during the window, those that end within the next two
// hours while the alerts they hide still fire, and the until-resolved ones (which only a running oncall expires).
// A silence copied to several independent Alertmanager clusters is one entry. Pure.
import { isAckSilence } from '../silence/ack.js';
import { expiringSoon, firingCounts } from '../silence/expiring.js';
import { sortSilences } from '../silence/listing.js';
import { logicalSilences } from '../silence/siblings.js';
import { formatMatchers } from '../matchers.js';
import type { Alert, Silence } from '../types.js';
import type { HandoffSilence, SilenceReason } from './types.js';

/** "Ends soon": within this long from now, while alerts it catches still fire. */
export const ENDS_SOON_MS = 2 * 3600_000;

export interface SilenceInputs {
  silences: readonly Silence[];
  /** Which Alertmanagers returned each silence (by ID), to fold copies. */
  seenOn?: ReadonlyMap<string, string[]>;
  /** Firing alerts now; null when they could not be read (then "ends soon" cannot be told). */
  firing: readonly Alert[] | null;
  untilResolved: ReadonlySet<string>;
  now: number;
  windowMs: number;
}

function reasonsOf(s: Silence, i: SilenceInputs, soon: ReadonlySet<string>, marked: boolean): SilenceReason[] {
  const since = i.now - i.windowMs;
  const within = (t: string) => Date.parse(t) >= since && Date.parse(t) <= i.now;
  const out: SilenceReason[] = [];
  // Alertmanager keeps no creation time: an immediate silence starts when it is made; a planned one was last
  // changed (updatedAt) when it was made or edited.
  if (within(s.startsAt) || (s.status === 'pending' && within(s.updatedAt))) out.push('created');
  if (s.status === 'expired' && within(s.endsAt)) out.push('ended');
  if (soon.has(s.id)) out.push('ends soon');
  if (marked && s.status !== 'expired') out.push('until resolved');
  return out;
}

export function handoffSilences(i: SilenceInputs): HandoffSilence[] {
  const soon = new Set(
    i.firing ? expiringSoon(i.silences, i.firing, undefined, i.now, ENDS_SOON_MS).map((e) => e.silence.id) : [],
  );
  const counts = i.firing ? firingCounts(i.silences, i.firing) : undefined;
  const out: HandoffSilence[] = [];
  for (const { silence: s, copies } of logicalSilences(sortSilences(i.silences), (x) => i.seenOn?.get(x.id) ?? [])) {
    const ids = copies.map((c) => c.id);
    const marked = ids.some((id) => i.untilResolved.has(id));
    // A copy may end sooner than the one shown (each cluster's own clock): any copy counts.
    const copyReasons = new Set<SilenceReason>();
    for (const id of ids) {
      const c = i.silences.find((x) => x.id === id);
      if (c) for (const r of reasonsOf(c, i, soon, marked)) copyReasons.add(r);
    }
    const order: SilenceReason[] = ['created', 'ended', 'ends soon', 'until resolved'];
    const reasons = order.filter((r) => copyReasons.has(r));
    if (!reasons.length) continue;
    out.push({
      ids,
      kind: isAckSilence(s) ? 'ack' : 'silence',
      status: s.status,
      matchers: formatMatchers(s.matchers),
      by: s.createdBy,
      comment: s.comment,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      untilResolved: marked,
      firing: counts ? Math.max(...ids.map((id) => counts.get(id) ?? 0)) : null,
      reasons,
    });
  }
  return out;
}
