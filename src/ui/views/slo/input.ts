// The SLO view's input mapping: which of its actions each of its bindings runs (the bindings are declared in
// ./index.tsx). Esc (the global nav.back) closes an open detail, and only then, so it still clears nothing else.
import { useInputMap } from '../../keys.js';
import { LIST_INPUT } from '../../hooks/useListState.js';
import type { SloActions, SloState } from './state.js';

export const SLO_INPUT = {
  ...LIST_INPUT,
  'nav.open': 'toggleDetail',
} as const satisfies Record<string, keyof SloActions>;

export const SLO_DETAIL_INPUT = {
  'nav.back': 'closeDetail',
} as const satisfies Record<string, keyof SloActions>;

export function useSloInput(state: SloState): void {
  useInputMap(SLO_INPUT, state.actions);
  useInputMap(SLO_DETAIL_INPUT, state.actions, { active: state.expanded !== null });
}
