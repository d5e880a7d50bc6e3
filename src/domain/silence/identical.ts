// Two silences are the same request when their matchers, comment and author agree and their times agree within
// a tolerance. Used before every create and before any retry, so that a request that timed out but landed is
// never sent twice.
import { formatMatcher, type Matcher } from '../matchers/format.js';
import type { Silence } from '../types.js';
import type { SilenceSpec } from './types.js';

export function matcherKey(ms: readonly Matcher[]): string {
  return [...new Set(ms.map(formatMatcher))].sort().join(',');
}

export function sameMatchers(a: readonly Matcher[], b: readonly Matcher[]): boolean {
  return matcherKey(a) === matcherKey(b);
}

/**
 * True when `s` is what creating `spec` would give. Start times count only when the spec starts in the future:
 * Alertmanager moves a past start to "now", so for an immediate silence it never matches exactly.
 */
export function isIdentical(s: Silence, spec: SilenceSpec, now: number, toleranceMs: number): boolean {
  if (s.status === 'expired') return false;
  if (!sameMatchers(s.matchers, spec.matchers)) return false;
  if (s.comment !== spec.comment || s.createdBy !== spec.createdBy) return false;
  if (Math.abs(Date.parse(s.endsAt) - Date.parse(spec.endsAt)) > toleranceMs) return false;
  const specStart = Date.parse(spec.startsAt);
  if (specStart > now + toleranceMs && Math.abs(Date.parse(s.startsAt) - specStart) > toleranceMs) return false;
  return true;
}

export function findIdentical(
  silences: readonly Silence[],
  spec: SilenceSpec,
  now: number,
  toleranceMs: number,
): Silence | undefined {
  return silences.find((s) => isIdentical(s, spec, now, toleranceMs));
}
