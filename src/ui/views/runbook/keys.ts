// Keys of the runbook view (scope 'runbook'), registered through its ViewDef; step movement and paging reuse
// the shared nav.* keys (j/k, g/G, PgUp/PgDn), Enter runs the step's checks, Esc goes back.
import type { KeyBinding } from '../../keymap.js';

export const RUNBOOK_KEYS: Omit<KeyBinding, 'scope'>[] = [
  { id: 'runbook.done', keys: ['x', 'space'], description: 'mark the step done (again: pending)' },
  { id: 'runbook.skip', keys: ['s'], description: 'mark the step skipped (again: pending)' },
  { id: 'runbook.note', keys: ['n'], description: 'add or edit a short note on the step' },
  { id: 'runbook.check', keys: ['c'], description: 'run the step\'s PromQL checks again (also Enter)' },
  { id: 'runbook.next', keys: [']'], description: 'next runbook of the incident (symptoms)' },
  { id: 'runbook.prev', keys: ['['], description: 'previous runbook of the incident (root first)' },
  { id: 'runbook.scrollDown', keys: ['J'], description: 'scroll down a line' },
  { id: 'runbook.scrollUp', keys: ['K'], description: 'scroll up a line' },
  { id: 'runbook.open', keys: ['o'], description: 'open the step\'s link or the web runbook in the browser, or show it where none can open (http/https only)' },
  { id: 'runbook.refetch', keys: ['R'], description: 'fetch the web runbooks anew, past the cache' },
];

/** Opening a runbook from the incidents and alerts views: the same key in both. */
export const OPEN_RUNBOOK_KEY = 'b';
