// For the header: a short warning when a silence of yours ends within 10 minutes while its alerts still fire.
import { formatDuration } from '../../../domain/duration.js';
import { expiringSoon } from '../../../domain/silence/expiring.js';
import type { Alert, Silence } from '../../../domain/types.js';

export function expiringSoonNotice(
  silences: readonly Silence[],
  firing: readonly Alert[],
  author: string | undefined,
  now: number,
): string | undefined {
  const list = expiringSoon(silences, firing, author, now);
  if (!list.length) return undefined;
  const first = list[0]!;
  const more = list.length > 1 ? ` (+${list.length - 1} more)` : '';
  return `⚠ your silence ${first.silence.id.slice(0, 8)} ends in ${formatDuration(first.leftMs)}, ${first.firing} alert${first.firing === 1 ? '' : 's'} still firing${more}`;
}
