// The rules view's input mapping: which of its actions each of its bindings runs (the bindings are declared in
// ./index.tsx).
import { useInputMap } from '../../keys.js';
import { LIST_INPUT } from '../../hooks/useListState.js';
import type { RulesActions, RulesState } from './state.js';

export const RULES_INPUT = {
  ...LIST_INPUT,
  'rules.add': 'add',
} as const satisfies Record<string, keyof RulesActions>;

export function useRulesInput(state: RulesState): void {
  useInputMap(RULES_INPUT, state.actions);
}
