// Rows of the rules view: each learned rule marked new, already in effect or added this run, and how the height
// is shared between the rules in effect and the learned ones. Pure.
import type { SuggestedRule } from '../../../domain/history/suggest.js';
import { nameMatcher } from '../../../domain/history/suggest-format.js';
import type { CausalRule } from '../../../domain/incidents/types.js';
import { formatMatcher } from '../../../domain/matchers.js';

export interface SuggestionRow {
  rule: SuggestedRule;
  /** "cause→effect": identity of the row across refreshes. */
  key: string;
  /** `new`, already `active` (a rule in effect links the same two names), or `added` to the config this run. */
  state: 'new' | 'active' | 'added';
}

/** A rule's cause and effect matchers as one key, to tell a learned rule already in effect. */
function pairOf(cause: string, effect: string): string {
  return `${cause} ${effect}`;
}

export function suggestionRows(
  learned: readonly SuggestedRule[],
  active: readonly CausalRule[],
  added: readonly string[],
): SuggestionRow[] {
  const inEffect = new Set(
    active.map((r) => pairOf(r.cause.map(formatMatcher).join(','), r.effect.map(formatMatcher).join(','))),
  );
  return learned.map((rule) => {
    const key = `${rule.cause}→${rule.effect}`;
    const state = added.includes(key)
      ? 'added'
      : inEffect.has(pairOf(nameMatcher(rule.cause), nameMatcher(rule.effect)))
        ? 'active'
        : 'new';
    return { rule, key, state };
  });
}

/** Lines for the rules in effect (at most half, at least two when there are) and for the learned list. */
export function rulesLayout(height: number, activeCount: number): { activeLines: number; listHeight: number } {
  const activeLines = Math.min(activeCount, Math.max(2, Math.floor((height - 4) / 2)));
  return { activeLines, listHeight: Math.max(1, height - 4 - activeLines) };
}
