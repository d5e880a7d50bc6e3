// An ack: a short silence of one alert or incident, with a fixed comment and no form.
import { parseDuration } from '../duration.js';
import type { Matcher } from '../matchers.js';
import type { SilenceSpec } from './types.js';

export const DEFAULT_ACK_DURATION = '15m';

export function ackComment(author: string): string {
  return `ack by ${author}`;
}

export function ackSpec(
  matchers: Matcher[],
  author: string,
  ackDuration: string | undefined,
  now: number,
): SilenceSpec {
  const ms = parseDuration(ackDuration ?? DEFAULT_ACK_DURATION);
  return {
    matchers,
    startsAt: new Date(now).toISOString(),
    endsAt: new Date(now + ms).toISOString(),
    createdBy: author,
    comment: ackComment(author),
  };
}

/** An ack is a silence with the ack comment (see ackComment). */
export function isAckSilence(s: { comment: string }): boolean {
  return /^ack by /.test(s.comment);
}
