// The runbook view: the selected incident's runbooks (root first), step by step. `b` in Incidents or Alerts opens it
// (selectionActions, ../extensions.ts). Every key that acts here is declared below: the view's (step movement and
// paging keep the ids of the list keys, nav.*, described as what they do in a runbook) and those of the note being
// typed, a layer of its own.
import type { ViewDef } from '../registry.js';
import { keymap, type KeyBinding } from '../../keymap.js';
import { onDemand } from '../on-demand.js';

const RUNBOOK_KEYS: Omit<KeyBinding, 'scope'>[] = [
  { id: 'nav.down', keys: ['j', 'down'], description: 'next step' },
  { id: 'nav.up', keys: ['k', 'up'], description: 'previous step' },
  { id: 'nav.top', keys: ['g', 'home'], description: 'first step' },
  { id: 'nav.bottom', keys: ['G', 'end'], description: 'last step' },
  { id: 'nav.pageDown', keys: ['pagedown', 'ctrl+d'], description: 'scroll a page down' },
  { id: 'nav.pageUp', keys: ['pageup', 'ctrl+u'], description: 'scroll a page up' },
  { id: 'nav.open', keys: ['enter'], description: "run the step's PromQL checks", footer: 'check' },
  { id: 'runbook.done', keys: ['x', 'space'], footer: 'done', description: 'mark the step done (again: pending)' },
  { id: 'runbook.skip', keys: ['s'], footer: 'skip', description: 'mark the step skipped (again: pending)' },
  { id: 'runbook.note', keys: ['n'], footer: 'note', description: 'add or edit a short note on the step' },
  { id: 'runbook.check', keys: ['c'], description: "run the step's PromQL checks again" },
  { id: 'runbook.next', keys: [']'], footer: 'next runbook', description: 'next runbook of the incident (symptoms)' },
  { id: 'runbook.prev', keys: ['['], description: 'previous runbook of the incident (root first)' },
  { id: 'runbook.scrollDown', keys: ['J'], description: 'scroll down a line' },
  { id: 'runbook.scrollUp', keys: ['K'], description: 'scroll up a line' },
  {
    id: 'runbook.open',
    keys: ['o'],
    description:
      "open the step's link or the web runbook in the browser, or show it where none can open (http/https only)",
  },
  { id: 'runbook.refetch', keys: ['R'], description: 'fetch the web runbooks anew, past the cache' },
];

export const runbookView: ViewDef = {
  id: 'runbook',
  component: onDemand(async () => (await import('./RunbookScreen.js')).RunbookScreen),
  keys: RUNBOOK_KEYS,
};

/** The note's keys; everything else typed while it is open is its text. */
export const RUNBOOK_NOTE_KEYS: KeyBinding[] = [
  { id: 'runbook-note.save', keys: ['enter'], footer: 'save', description: 'save the note on the step' },
  { id: 'runbook-note.cancel', keys: ['esc'], footer: 'cancel', description: 'close the note, unsaved' },
  { id: 'runbook-note.erase', keys: ['backspace', 'delete'], description: 'erase a character of the note' },
].map((b) => ({ ...b, scope: 'runbook-note' }));

keymap.register(RUNBOOK_NOTE_KEYS);
