// The handoff view's input mapping: which of its actions each of its bindings runs (declared in ./index.tsx).
import { useInputMap } from '../../keys.js';
import { LIST_INPUT } from '../../hooks/useListState.js';
import type { HandoffActions, HandoffState } from './state.js';

export const HANDOFF_INPUT = {
  ...LIST_INPUT,
  'handoff.nextSection': 'nextSection',
  'handoff.previousSection': 'previousSection',
  'handoff.copy': 'copy',
  'handoff.window': 'nextWindow',
} as const satisfies Record<string, keyof HandoffActions>;

export function useHandoffInput(state: HandoffState): void {
  useInputMap(HANDOFF_INPUT, state.actions);
}
