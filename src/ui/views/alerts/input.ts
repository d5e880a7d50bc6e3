// The alerts view's input mapping: which of its actions each of its bindings runs (the bindings are declared in
// ./index.tsx; s, a, A and b act on the published selection by themselves, see ../extensions.ts). The sort keys
// rest while the filter line is being typed into.
import { useInputMap } from '../../keys.js';
import { LIST_INPUT } from '../../hooks/useListState.js';
import type { AlertsActions, AlertsState } from './state.js';

export const ALERTS_INPUT = {
  ...LIST_INPUT,
  'nav.open': 'openDetails',
} as const satisfies Record<string, keyof AlertsActions>;

export const ALERTS_SORT_INPUT = {
  'alerts.sort': 'sortNext',
  'alerts.sortPrev': 'sortPrev',
  'alerts.reverse': 'reverse',
} as const satisfies Record<string, keyof AlertsActions>;

export function useAlertsInput(state: AlertsState): void {
  useInputMap(ALERTS_INPUT, state.actions);
  useInputMap(ALERTS_SORT_INPUT, state.actions, { active: !state.filter.editing });
}
