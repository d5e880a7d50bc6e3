// The silences view's input mapping: which of its actions each of its bindings runs (the bindings are declared in
// ./index.tsx). While a prompt is up its own bindings act (scope 'silences-prompt'), and what is typed goes into
// the extend prompt's duration.
import { useInputMap, useKeyLayer } from '../../keys.js';
import { LIST_INPUT } from '../../hooks/useListState.js';
import type { SilencesActions, SilencesPromptActions, SilencesState } from './state.js';

export const SILENCES_INPUT = {
  ...LIST_INPUT,
  'silences.new': 'newSilence',
  'silences.extend': 'extend',
  'silences.edit': 'edit',
  'silences.expire': 'expire',
  'silences.recreate': 'recreate',
  'silences.toggleExpired': 'toggleExpired',
} as const satisfies Record<string, keyof SilencesActions>;

export const SILENCES_PROMPT_INPUT = {
  'silences-prompt.yes': 'yes',
  'silences-prompt.no': 'no',
  'silences-prompt.apply': 'apply',
  'silences-prompt.cancel': 'cancel',
  'silences-prompt.erase': 'erase',
} as const satisfies Record<string, keyof SilencesPromptActions>;

export function useSilencesInput(state: SilencesState): void {
  const prompting = state.prompt.kind !== 'none';
  useInputMap(SILENCES_INPUT, state.actions, { active: !prompting });
  useInputMap(SILENCES_PROMPT_INPUT, state.promptActions, { active: prompting });
  useKeyLayer('silences-prompt', {
    active: prompting,
    capture: (name, input) => name === input && state.typeIntoPrompt(input),
  });
}
