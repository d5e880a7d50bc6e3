// The GPU view's input mapping: which of its actions each of its bindings runs (the bindings are declared in
// ./index.tsx).
import { useInputMap } from '../../keys.js';
import { LIST_INPUT } from '../../hooks/useListState.js';
import type { GpuActions, GpuState } from './state.js';

export const GPU_INPUT = {
  ...LIST_INPUT,
  'nav.open': 'openIncidents',
} as const satisfies Record<string, keyof GpuActions>;

export function useGpuInput(state: GpuState): void {
  useInputMap(GPU_INPUT, state.actions);
}
