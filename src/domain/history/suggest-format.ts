// Suggested rules as they go into a context's causal_rules: YAML with the evidence in a comment, JSON for scripts.
import { formatDuration } from '../duration.js';
import type { SuggestedRule, Suggestions } from './suggest.js';

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** Alertmanager matcher text for an alert name. */
export function nameMatcher(name: string): string {
  return `alertname=${JSON.stringify(name)}`;
}

/** The rule as causal_rules holds it. */
export function ruleConfig(r: SuggestedRule): { cause_matchers: string[]; effect_matchers: string[]; equal: string[] } {
  return { cause_matchers: [nameMatcher(r.cause)], effect_matchers: [nameMatcher(r.effect)], equal: r.equal };
}

export function ruleJson(r: SuggestedRule) {
  const e = r.evidence;
  return {
    ...ruleConfig(r),
    evidence: {
      support: e.support,
      confidence: r3(e.confidence),
      lift: r3(e.lift),
      medianLeadSeconds: Math.round(e.medianLeadSeconds),
      reverseConfidence: r3(e.reverseConfidence),
      causeEpisodes: e.causeEpisodes,
      effectEpisodes: e.effectEpisodes,
    },
  };
}

export function evidenceComment(r: SuggestedRule): string {
  const e = r.evidence;
  const lead =
    e.medianLeadSeconds < 0
      ? `-${formatDuration(-e.medianLeadSeconds * 1000)}`
      : formatDuration(e.medianLeadSeconds * 1000);
  return `${r.cause} → ${r.effect}: ${e.support} co-started episodes; ${Math.round(e.confidence * 100)}% of ${e.causeEpisodes} ${r.cause} followed by ${r.effect}, ${Math.round(e.reverseConfidence * 100)}% of ${e.effectEpisodes} ${r.effect} had ${r.cause}; lift ${r3(e.lift)}; median lead ${lead}`;
}

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** YAML list items that paste under `causal_rules:` (two-space indent inside the item). */
export function rulesYaml(s: Suggestions, header: string[]): string {
  const lines = header.map((h) => `# ${h}`);
  if (!s.rules.length) lines.push('# no rule passed the thresholds');
  for (const r of s.rules) {
    const c = ruleConfig(r);
    lines.push(`# ${evidenceComment(r)}`);
    lines.push(`- cause_matchers: [${c.cause_matchers.map(q).join(', ')}]`);
    lines.push(`  effect_matchers: [${c.effect_matchers.map(q).join(', ')}]`);
    lines.push(`  equal: [${c.equal.join(', ')}]`);
  }
  return lines.join('\n') + '\n';
}
