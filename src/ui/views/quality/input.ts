// The model-quality view's input mapping: which of its actions each of its bindings runs (the bindings are
// declared in ./index.tsx: the list keys alone).
import { useInputMap } from '../../keys.js';
import { LIST_INPUT } from '../../hooks/useListState.js';
import type { QualityActions, QualityState } from './state.js';

export const QUALITY_INPUT = LIST_INPUT satisfies Record<string, keyof QualityActions>;

export function useQualityInput(state: QualityState): void {
  useInputMap(QUALITY_INPUT, state.actions);
}
