// The rules that keep a silence from hiding more than was meant. Refusals cannot be overridden; confirmations
// can, with an explicit yes. Pure: the caller passes the firing alerts of every Alertmanager of the context.
import { formatMatcher, matchesEmpty, type Matcher } from '../matchers.js';
import { formatDuration } from '../duration.js';
import type { Alert } from '../types.js';
import { matchesEveryValue } from './catchall.js';
import { clustersOf, previewMatches } from './preview.js';
import type { GuardrailLimits, GuardrailVerdict, SilenceSpec } from './types.js';

/** Problems with the matchers alone; empty when they are acceptable. */
export function matcherRefusals(matchers: readonly Matcher[]): string[] {
  if (!matchers.length) return ['no matchers: a silence needs at least one, e.g. alertname="GPUMemoryOOM" cluster="prod"'];
  const out: string[] = [];
  for (const m of matchers) {
    if ((m.type === '=~' || m.type === '!~') && matchesEveryValue(m)) {
      out.push(`matcher ${formatMatcher(m)} matches every value of ${m.name}: remove it or make it specific`);
    }
  }
  if (matchers.every(matchesEmpty)) {
    out.push('every matcher matches the empty string, so the silence would match alerts that lack those labels: add a matcher on a label value, e.g. alertname="…"');
  }
  return out;
}

export function checkSilence(spec: SilenceSpec, firing: readonly Alert[], limits: GuardrailLimits): GuardrailVerdict {
  const refusals: string[] = [];
  if (limits.readOnly) refusals.push('this context is read-only (read_only: true): silences and acks are refused');
  refusals.push(...matcherRefusals(spec.matchers));
  const matched = refusals.length ? [] : previewMatches(spec.matchers, firing);
  const clusters = clustersOf(matched, limits.clusterLabel);
  const confirmations: string[] = [];
  if (matched.length > limits.maxAlerts) {
    confirmations.push(`it matches ${matched.length} firing alerts (more than silence.max_alerts = ${limits.maxAlerts})`);
  }
  if (clusters.length > 1) confirmations.push(`it matches alerts in ${clusters.length} clusters (${clusters.join(', ')})`);
  const lasts = Date.parse(spec.endsAt) - Math.max(Date.parse(spec.startsAt), 0);
  if (lasts > limits.maxDurationMs) {
    confirmations.push(`it lasts ${formatDuration(lasts)} (longer than silence.max_duration = ${formatDuration(limits.maxDurationMs)})`);
  }
  return { refusals, confirmations, matched, clusters };
}
