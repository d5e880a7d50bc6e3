// The rules view's state hook: the causal rules in effect, the rules learned from the last 14 days of alert
// history (polled), which of those are already in effect or added, the cursor, and the view's named actions. Its
// keys are mapped to these in ./input.ts.
import { useMemo } from 'react';
import { useOncall } from '../../app-context.js';
import { usePoll } from '../../hooks/usePoll.js';
import { useViewState } from '../../hooks/useViewState.js';
import { useKeyedListState, type ListActions } from '../../hooks/useListState.js';
import type { Cursor } from '../../list.js';
import { loadHistory } from '../../../backends/review-inputs.js';
import { contextGroupingOptions } from '../../../app/incidents.js';
import { addCausalRule } from '../../../backends/config/add-causal-rule.js';
import { suggestRules, type Suggestions } from '../../../domain/history/suggest.js';
import { evidenceComment, ruleConfig } from '../../../domain/history/suggest-format.js';
import type { CausalRule } from '../../../domain/incidents/types.js';
import { rulesLayout, suggestionRows, type SuggestionRow } from './rows.js';

const WINDOW_MS = 14 * 86400_000;

export interface RulesActions extends ListActions {
  /** Adds the selected learned rule to the context's causal_rules in the config file. */
  add(): void;
}

export interface RulesState {
  /** The rules in effect. */
  active: CausalRule[];
  /** Learned rules, undefined before the first answer. */
  learned: Suggestions | undefined;
  /** Why the alert history could not be read. */
  error: string | undefined;
  suggested: SuggestionRow[];
  cursor: Cursor;
  /** Lines for the rules in effect, and for the learned ones. */
  activeLines: number;
  listHeight: number;
  actions: RulesActions;
}

export function useRulesState(height: number): RulesState {
  const app = useOncall();
  const { context } = app.services;
  const [added, setAdded] = useViewState<string[]>('rules.added', []);
  const active = useMemo(() => {
    try {
      return contextGroupingOptions(context.settings).rules;
    } catch {
      return [];
    }
  }, [context]);
  const poll = usePoll(
    async () => {
      const until = app.services.now();
      const h = await loadHistory(app.services.prometheus(), { sinceMs: until - WINDOW_MS, untilMs: until });
      return suggestRules(h.history, { clusterLabel: context.settings.silence.cluster_label });
    },
    { backend: 'prom', intervalMs: 10 * 60_000, deps: [context] },
  );
  const suggested = useMemo(() => suggestionRows(poll.data?.rules ?? [], active, added), [poll.data, added, active]);
  const { activeLines, listHeight } = rulesLayout(height, active.length);
  const list = useKeyedListState({
    stateKey: 'rules.cursor',
    items: suggested,
    keyOf: (s) => s.key,
    height: listHeight,
  });
  const actions: RulesActions = {
    ...list.actions,
    add: () => {
      const s = suggested[list.cursor.index];
      if (!s) return;
      if (s.state !== 'new') {
        app.notify(`${s.key} is already ${s.state === 'added' ? 'added' : 'in effect'}`);
        return;
      }
      try {
        addCausalRule(context.configPath, context.name, ruleConfig(s.rule), evidenceComment(s.rule));
        setAdded((a) => [...a, s.key]);
        app.notify(
          `added ${s.key} to contexts.${context.name}.causal_rules in ${context.configPath} (in effect at the next start)`,
        );
      } catch (e) {
        app.notify(`could not add the rule: ${(e as Error).message}`, 'error');
      }
    },
  };
  return {
    active,
    learned: poll.data,
    error: poll.error,
    suggested,
    cursor: list.cursor,
    activeLines,
    listHeight,
    actions,
  };
}
