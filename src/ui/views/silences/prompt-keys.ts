// The keys of the silences view's one-line prompts: ./index.tsx registers them, ./input.ts maps them, and the
// prompts write their hints from them.
import type { KeyBinding } from '../../keymap.js';

/** The prompt's keys; letters and digits typed into the extend prompt make its duration. */
export const SILENCES_PROMPT_KEYS: KeyBinding[] = [
  { id: 'silences-prompt.yes', keys: ['y', 'Y'], description: 'expire it (the expire prompt)' },
  { id: 'silences-prompt.no', keys: ['n', 'N'], description: 'keep it (the expire prompt)' },
  {
    id: 'silences-prompt.apply',
    keys: ['enter'],
    footer: 'apply',
    description: 'extend by the duration typed (the extend prompt)',
  },
  { id: 'silences-prompt.cancel', keys: ['esc'], footer: 'cancel', description: 'close the prompt, nothing changed' },
  { id: 'silences-prompt.erase', keys: ['backspace', 'delete'], description: 'erase a character of the duration' },
].map((b) => ({ ...b, scope: 'silences-prompt' }));
