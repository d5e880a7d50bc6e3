// The rules view's rows: a learned rule is new, already in effect (a rule links the same two alert names) or added
// this run; and how the view's height is shared between the rules in effect and the learned ones.
import { describe, expect, it } from 'vitest';
import { parseMatchers } from '../src/domain/matchers.js';
import type { SuggestedRule } from '../src/domain/history/suggest.js';
import type { CausalRule } from '../src/domain/incidents/types.js';
import { rulesLayout, suggestionRows } from '../src/ui/views/rules/rows.js';
import { RULES_INPUT } from '../src/ui/views/rules/input.js';
import { rulesView } from '../src/ui/views/rules/index.js';
import { listNavigation } from '../src/ui/views/extensions.js';

const evidence = {
  support: 5,
  confidence: 0.9,
  reverseConfidence: 0.8,
  lift: 12,
  medianLeadSeconds: 30,
  causeEpisodes: 6,
  effectEpisodes: 7,
};
const learned = (cause: string, effect: string): SuggestedRule => ({ cause, effect, equal: ['cluster'], evidence });
const rule = (cause: string, effect: string): CausalRule => ({
  cause: parseMatchers(cause),
  effect: parseMatchers(effect),
  equal: ['cluster'],
  origin: 'config',
});

describe('rules view rows', () => {
  it('marks learned rules new, in effect or added', () => {
    const rows = suggestionRows(
      [learned('NodeDown', 'GPUDown'), learned('DiskFull', 'WriteErrors'), learned('A', 'B')],
      [rule('alertname="NodeDown"', 'alertname="GPUDown"'), rule('alertname="WriteErrors"', 'alertname="DiskFull"')],
      ['A→B'],
    );
    expect(rows.map((r) => [r.key, r.state])).toEqual([
      ['NodeDown→GPUDown', 'active'],
      // The rule in effect runs the other way: this one is still new.
      ['DiskFull→WriteErrors', 'new'],
      ['A→B', 'added'],
    ]);
  });

  it('gives the rules in effect at most half the lines, at least two', () => {
    expect(rulesLayout(24, 30)).toEqual({ activeLines: 10, listHeight: 10 });
    expect(rulesLayout(24, 3)).toEqual({ activeLines: 3, listHeight: 17 });
    expect(rulesLayout(6, 30)).toEqual({ activeLines: 2, listHeight: 1 });
    expect(rulesLayout(24, 0)).toEqual({ activeLines: 0, listHeight: 20 });
  });

  it('maps every binding of the view to an action, and every list key', () => {
    const ids = [...listNavigation.keys, ...(rulesView.keys ?? [])].map((b) => b.id).sort();
    expect(Object.keys(RULES_INPUT).sort()).toEqual(ids);
  });
});
