// The silences view and `silence ls`: which silences to show and in what order.
import type { Silence } from '../types.js';

export const RECENTLY_EXPIRED_MS = 24 * 3600_000;

const ORDER: Record<Silence['status'], number> = { active: 0, pending: 1, expired: 2 };

/** Active first (ending soonest first), then pending (starting soonest), then expired (most recent first). */
export function sortSilences(silences: readonly Silence[]): Silence[] {
  return [...silences].sort((a, b) => {
    if (a.status !== b.status) return ORDER[a.status] - ORDER[b.status];
    if (a.status === 'active') return a.endsAt.localeCompare(b.endsAt);
    if (a.status === 'pending') return a.startsAt.localeCompare(b.startsAt);
    return b.endsAt.localeCompare(a.endsAt);
  });
}

/** Active and pending silences, plus (with `expired`) those that ended within `recentMs`. */
export function visibleSilences(
  silences: readonly Silence[],
  now: number,
  expired: boolean,
  recentMs = RECENTLY_EXPIRED_MS,
): Silence[] {
  return sortSilences(
    silences.filter((s) => s.status !== 'expired' || (expired && now - Date.parse(s.endsAt) <= recentMs)),
  );
}

/** "ends in 1h2m", "starts in 3h", "ended 5m ago". */
export function timeLeft(s: Silence, now: number, fmt: (ms: number) => string): string {
  if (s.status === 'pending') return `starts in ${fmt(Date.parse(s.startsAt) - now)}`;
  if (s.status === 'expired') return `ended ${fmt(now - Date.parse(s.endsAt))} ago`;
  return `${fmt(Date.parse(s.endsAt) - now)} left`;
}
