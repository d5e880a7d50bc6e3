// When a silence starts and ends, from --duration / --start / --end as amtool takes them, with its errors
// (duration must be greater than 0, start before end) and stricter time parsing (no silent roll-over of
// 2025-02-30 into March).
import { parseDuration } from '../duration.js';
import { OncallError } from '../errors.js';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch of an RFC 3339 time; throws a usage OncallError naming `what`. */
export function parseRfc3339(input: string, what: string): number {
  const m = RFC3339.exec(input.trim());
  const example = 'e.g. 2025-06-01T22:00:00Z or 2025-06-01T22:00:00+02:00';
  if (!m) throw new OncallError('usage', `${what}: ${JSON.stringify(input)} is not an RFC 3339 time (${example})`);
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const probe = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
  if (probe.getUTCMonth() !== mo! - 1 || probe.getUTCDate() !== d! || h! > 23 || mi! > 59 || s! > 59) {
    throw new OncallError('usage', `${what}: ${JSON.stringify(input)} is not a real date and time`);
  }
  const offset = /^[+-](\d{2}):(\d{2})$/.exec(m[8]!);
  if (offset && (Number(offset[1]) > 23 || Number(offset[2]) > 59)) {
    throw new OncallError(
      'usage',
      `${what}: ${JSON.stringify(input)} has no valid UTC offset ${m[8]} (hours 00-23, minutes 00-59; ${example})`,
    );
  }
  return checkTime(Date.parse(input.trim().replace(' ', 'T')), what);
}

/** Latest time a silence may end: Alertmanager and JavaScript dates both handle years up to 9999. */
export const LATEST_TIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

/** `ms` as a time, or a usage OncallError when it is not one or lies beyond the year 9999. */
export function checkTime(ms: number, what: string): number {
  if (!Number.isFinite(ms)) throw new OncallError('usage', `${what} is not a valid time`);
  if (ms > LATEST_TIME_MS)
    throw new OncallError('usage', `${what} would be after the year 9999; use a shorter duration or an earlier --end`);
  return ms;
}

export interface WindowInput {
  duration?: string;
  start?: string;
  end?: string;
  /** Used when neither duration nor end is given (amtool's default is 1h). */
  defaultDuration?: string;
}

export interface SilenceWindow {
  startsAt: string;
  endsAt: string;
  /** True when the silence starts in the future (a planned maintenance window). */
  pending: boolean;
}

export function resolveWindow(input: WindowInput, now: number): SilenceWindow {
  if (input.duration !== undefined && input.end !== undefined) {
    throw new OncallError('usage', 'give either a duration or an end time, not both');
  }
  const start = input.start !== undefined ? parseRfc3339(input.start, 'start time') : now;
  let end: number;
  if (input.end !== undefined) {
    end = parseRfc3339(input.end, 'end time');
  } else {
    const d = parseDuration(input.duration ?? input.defaultDuration ?? '1h');
    if (d <= 0)
      throw new OncallError(
        'usage',
        `silence duration must be greater than 0 (got ${JSON.stringify(input.duration ?? '0')})`,
      );
    end = checkTime(start + d, `end time (start + ${input.duration ?? input.defaultDuration ?? '1h'})`);
  }
  if (end <= now) throw new OncallError('usage', `end time ${new Date(end).toISOString()} is in the past`);
  if (end <= start)
    throw new OncallError(
      'usage',
      `start time must be before end time (start ${new Date(start).toISOString()}, end ${new Date(end).toISOString()})`,
    );
  const pending = start > now;
  return { startsAt: new Date(Math.max(start, now)).toISOString(), endsAt: new Date(end).toISOString(), pending };
}

/** A comment is required, as with amtool's comment_required; blank does not count. */
export function requireComment(comment: string | undefined): string {
  const c = (comment ?? '').trim();
  if (!c)
    throw new OncallError('usage', 'a comment is required: say why, e.g. --comment "GPU node maintenance, JIRA-123"');
  return c;
}

export function requireAuthor(author: string | undefined): string {
  const a = (author ?? '').trim();
  if (!a) throw new OncallError('usage', 'no author: pass --author NAME, or set author in the context (or $USER)');
  return a;
}
