// The runbook view's input mapping: which of its actions each of its bindings runs (the bindings are declared in
// ./index.tsx; the step keys keep the list keys' ids, nav.*). While a note is typed its own bindings act (scope
// 'runbook-note': save, cancel, erase) and every other key is text for the note.
import { useDispatcher, useInputMap, useKeyLayer } from '../../keys.js';
import type { RunbookActions, RunbookNoteActions, RunbookState } from './state.js';

export const RUNBOOK_INPUT = {
  'nav.down': 'nextStep',
  'nav.up': 'prevStep',
  'nav.top': 'firstStep',
  'nav.bottom': 'lastStep',
  'nav.pageDown': 'pageDown',
  'nav.pageUp': 'pageUp',
  'nav.open': 'runChecks',
  'nav.back': 'back',
  'runbook.done': 'done',
  'runbook.skip': 'skip',
  'runbook.note': 'note',
  'runbook.check': 'runChecks',
  'runbook.next': 'nextRunbook',
  'runbook.prev': 'prevRunbook',
  'runbook.scrollDown': 'scrollDown',
  'runbook.scrollUp': 'scrollUp',
  'runbook.open': 'openLink',
  'runbook.refetch': 'refetch',
} as const satisfies Record<string, keyof RunbookActions>;

export const RUNBOOK_NOTE_INPUT = {
  'runbook-note.save': 'save',
  'runbook-note.cancel': 'cancel',
  'runbook-note.erase': 'erase',
} as const satisfies Record<string, keyof RunbookNoteActions>;

export function useRunbookInput(state: RunbookState): void {
  const d = useDispatcher();
  useInputMap(RUNBOOK_INPUT, state.actions, { active: !state.editing });
  useInputMap(RUNBOOK_NOTE_INPUT, state.noteActions, { active: state.editing });
  // While a note is typed its layer takes every key but those its bindings handle (and Ctrl-C, so quitting always
  // works): printable ones are the note's text, the rest do nothing.
  useKeyLayer('runbook-note', {
    active: state.editing,
    modal: false,
    capture: (name, input) => {
      if (name === 'ctrl+c' || d.keymap.matches(name, 'runbook-note', d.ctx).length) return false;
      if (name === 'space') state.typeNote(' ');
      else if (input && !name.startsWith('ctrl+')) state.typeNote(input);
      return true;
    },
  });
}
