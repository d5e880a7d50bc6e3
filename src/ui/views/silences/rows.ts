// Rows of the silences view: which silences, in what order, and each one's columns. Pure.
import { formatDuration } from '../../../domain/duration.js';
import { formatMatchers } from '../../../domain/matchers/format.js';
import { sanitizeLine } from '../../../domain/sanitize.js';
import { firingCounts } from '../../../domain/silence/expiring.js';
import { timeLeft, visibleSilences } from '../../../domain/silence/listing.js';
import { logicalSilences } from '../../../domain/silence/siblings.js';
import type { Alert, Silence } from '../../../domain/types.js';

export interface SilenceRow {
  silence: Silence;
  id: string;
  /** Every cluster's copy of this logical silence (just `id` with one cluster); actions act on all of them. */
  copies: string[];
  status: Silence['status'];
  matchers: string;
  createdBy: string;
  comment: string;
  startsAt: string;
  endsAt: string;
  left: string;
  firing: number;
  untilResolved: boolean;
  /** Ends within 10 minutes while matching alerts fire. */
  expiringSoon: boolean;
}

export function silenceRows(
  silences: readonly Silence[],
  firing: readonly Alert[],
  now: number,
  showExpired: boolean,
  untilResolved: (id: string) => boolean = () => false,
): SilenceRow[] {
  const shown = visibleSilences(silences, now, showExpired);
  const counts = firingCounts(shown, firing);
  return logicalSilences(shown).map(({ silence: s, copies }) => {
    const n = counts.get(s.id) ?? 0;
    const leftMs = Date.parse(s.endsAt) - now;
    return {
      silence: s,
      id: s.id,
      copies: copies.map((c) => sanitizeLine(c.id)),
      status: s.status,
      matchers: sanitizeLine(formatMatchers(s.matchers)),
      createdBy: sanitizeLine(s.createdBy),
      comment: sanitizeLine(s.comment),
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      left: timeLeft(s, now, formatDuration),
      firing: n,
      untilResolved: copies.some((c) => untilResolved(c.id)),
      expiringSoon: s.status === 'active' && leftMs > 0 && leftMs <= 10 * 60_000 && n > 0,
    };
  });
}
