// The rules that keep a silence from hiding more than was meant. Refusals cannot be overridden; confirmations
// can, with an explicit yes. Pure: the caller passes the firing alerts of every Alertmanager of the context.
import { formatMatcher, matchesEmpty, type Matcher } from '../matchers.js';
import { formatDuration } from '../duration.js';
import type { Alert } from '../types.js';
import { coverage } from './catchall.js';
import { clustersOf, previewMatches } from './preview.js';
import type { GuardrailLimits, GuardrailVerdict, SilenceSpec } from './types.js';

/**
 * Problems with the matchers alone; empty when they are acceptable. The question is semantic: does the set
 * match an alert with every label missing, or every alert whatever its label values? `!=""`, `!~""` and
 * `=~".+"` are the same matcher (the label is present): alone, or next to others like it, it matches every
 * alert carrying those labels and is refused; next to a matcher that narrows, it is a presence test and kept.
 * A matcher that accepts every value and a missing label too narrows nothing and is refused wherever it is.
 */
export function matcherRefusals(matchers: readonly Matcher[]): string[] {
  if (!matchers.length)
    return ['no matchers: a silence needs at least one, e.g. alertname="GPUMemoryOOM" cluster="prod"'];
  const out: string[] = [];
  const cover = matchers.map(coverage);
  matchers.forEach((m, i) => {
    if (cover[i] === 'everything' && matchesEmpty(m))
      out.push(
        `matcher ${formatMatcher(m)} matches every value of ${m.name}, and alerts without it: remove it or make it specific`,
      );
  });
  if (matchers.every(matchesEmpty)) {
    out.push(
      'every matcher matches the empty string, so the silence would match alerts that lack those labels: add a matcher on a label value, e.g. alertname="…"',
    );
  } else if (!out.length && cover.every((c) => c === 'everything')) {
    out.push(
      matchers.length === 1
        ? `matcher ${formatMatcher(matchers[0]!)} matches every value of ${matchers[0]!.name}, so the silence would match every alert: add a matcher on a label value, e.g. alertname="…"`
        : `matchers ${matchers.map(formatMatcher).join(', ')} together match every value of ${matchers.map((m) => m.name).join(', ')}, so the silence would match every alert: add a matcher on a label value`,
    );
  }
  return out;
}

/** Doubts the analysis cannot settle: the set may match every alert. Asked as a confirmation. */
export function matcherDoubts(matchers: readonly Matcher[]): string[] {
  const cover = matchers.map(coverage);
  if (!matchers.length || !cover.includes('unknown') || !cover.every((c) => c !== 'narrow')) return [];
  const unsure = matchers.filter((_, i) => cover[i] === 'unknown').map(formatMatcher);
  return [
    `oncall cannot tell whether ${unsure.join(', ')} excludes any value (its regex has assertions such as \\b or (?m)^), so the silence may match every alert`,
  ];
}

export function checkSilence(spec: SilenceSpec, firing: readonly Alert[], limits: GuardrailLimits): GuardrailVerdict {
  const refusals: string[] = [];
  if (limits.readOnly) refusals.push('this context is read-only (read_only: true): silences and acks are refused');
  refusals.push(...matcherRefusals(spec.matchers));
  const matched = refusals.length ? [] : previewMatches(spec.matchers, firing);
  const clusters = clustersOf(matched, limits.clusterLabel);
  const confirmations: string[] = refusals.length ? [] : matcherDoubts(spec.matchers);
  if (matched.length > limits.maxAlerts) {
    confirmations.push(
      `it matches ${matched.length} firing alerts (more than silence.max_alerts = ${limits.maxAlerts})`,
    );
  }
  if (clusters.length > 1)
    confirmations.push(`it matches alerts in ${clusters.length} clusters (${clusters.join(', ')})`);
  const lasts = Date.parse(spec.endsAt) - Math.max(Date.parse(spec.startsAt), 0);
  if (lasts > limits.maxDurationMs) {
    confirmations.push(
      `it lasts ${formatDuration(lasts)} (longer than silence.max_duration = ${formatDuration(limits.maxDurationMs)})`,
    );
  }
  return { refusals, confirmations, matched, clusters };
}
