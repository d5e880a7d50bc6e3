// The silence form's input mapping: which of its actions each of its bindings runs (the bindings are declared in
// ./index.tsx; help and the form's hint line list those same bindings). Its text layer takes only what is typed
// into a field; every other key goes to the bindings, and the layer is modal: nothing reaches the view beneath.
import { useInputMap, useKeyLayer } from '../../keys.js';
import type { FormActionName } from './form-state.js';
import type { SilenceFormState } from './state.js';

export const SILENCE_FORM_INPUT = {
  'silence-form.submit': 'submit',
  'silence-form.next': 'next',
  'silence-form.prev': 'prev',
  'silence-form.presetNext': 'presetNext',
  'silence-form.presetPrev': 'presetPrev',
  'silence-form.remove': 'remove',
  'silence-form.activate': 'activate',
  'silence-form.toggle': 'toggle',
  'silence-form.erase': 'erase',
  'silence-form.pageDown': 'pageDown',
  'silence-form.pageUp': 'pageUp',
  'silence-form.cancel': 'cancel',
  'silence-form.yes': 'yes',
  'silence-form.no': 'no',
} as const satisfies Record<string, FormActionName>;

/** The text a key types, or undefined for a named key: printable characters as typed (a paste whole), Space. */
export function typedText(name: string, input: string): string | undefined {
  if (name === 'space') return ' ';
  return name === input && input.length > 0 ? input : undefined;
}

export function useSilenceFormInput(state: SilenceFormState): void {
  useInputMap(SILENCE_FORM_INPUT, state.actions);
  useKeyLayer('silence-form', {
    capture: (name, input) => {
      const text = typedText(name, input);
      return text !== undefined && state.typeText(text);
    },
  });
}
