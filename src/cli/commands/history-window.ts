// The window and progress reporting shared by `oncall review` and `oncall rules suggest`.
import { writeErr } from '../output.js';
import { durationFlag } from '../../domain/duration.js';
import type { HistoryProgress } from '../../backends/alert-history.js';
import { OncallError } from '../../domain/errors.js';

export interface WindowOptions {
  since?: string;
  until?: string;
  step?: string;
}

export function windowOf(
  o: WindowOptions,
  defaultSince: string,
  now = Date.now(),
): { sinceMs: number; untilMs: number; stepSeconds?: number } {
  let untilMs = now;
  if (o.until) {
    untilMs = Date.parse(o.until);
    if (!Number.isFinite(untilMs))
      throw new OncallError(
        'usage',
        `--until ${JSON.stringify(o.until)}: expected an RFC 3339 time such as 2026-11-30T00:00:00Z`,
      );
  }
  const sinceMs = untilMs - durationFlag('--since', o.since ?? defaultSince, '30d');
  const stepSeconds = o.step ? Math.max(1, Math.round(durationFlag('--step', o.step, '1h') / 1000)) : undefined;
  return { sinceMs, untilMs, stepSeconds };
}

/** Progress of the history read, one line per chunk on stderr (stdout stays clean for --json). */
export function progressToStderr(p: HistoryProgress): void {
  writeErr(
    `oncall: reading alert history: chunk ${p.chunk}/${p.chunks}, up to ${new Date(p.coveredUntil * 1000).toISOString()}, ${p.series} series\n`,
  );
}
