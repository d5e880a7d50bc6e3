// The incidents view's input mapping: which of its actions each of its bindings runs (the bindings are declared
// in ./index.tsx; s, a, A and b act on the published selection by themselves, see ../extensions.ts).
import { useInputMap } from '../../keys.js';
import { LIST_INPUT } from '../../hooks/useListState.js';
import type { IncidentsActions, IncidentsState } from './state.js';

export const INCIDENTS_INPUT = {
  ...LIST_INPUT,
  'nav.open': 'openDetails',
  'incidents.toggleResolved': 'toggleResolved',
} as const satisfies Record<string, keyof IncidentsActions>;

export function useIncidentsInput(state: IncidentsState): void {
  useInputMap(INCIDENTS_INPUT, state.actions);
}
