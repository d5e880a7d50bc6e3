// The Review view's input mapping: which of its actions each of its bindings runs (the bindings are declared in
// ./index.tsx).
import { useInputMap } from '../../keys.js';
import { LIST_INPUT } from '../../hooks/useListState.js';
import type { ReviewActions, ReviewState } from './state.js';

export const REVIEW_INPUT = {
  ...LIST_INPUT,
  'nav.open': 'toggleDetail',
  'review.sort': 'sortNext',
  'review.sortPrev': 'sortPrev',
  'review.reverse': 'reverse',
} as const satisfies Record<string, keyof ReviewActions>;

export function useReviewInput(state: ReviewState): void {
  useInputMap(REVIEW_INPUT, state.actions);
}
