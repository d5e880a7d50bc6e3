// The silences view (slot 6): every silence of the context's Alertmanagers, with new, extend, edit, expire and
// re-create (write keys, absent in read-only contexts). Silencing the selection of other views: ../extensions.ts.
// Every key that acts here is declared below: the view's, and those of its one-line prompt (expire? y/n, extend
// by how long), a layer of its own while it is up.
import { keymap } from '../../keymap.js';
import type { ViewDef } from '../registry.js';
import { listNavigation } from '../extensions.js';
import { onDemand } from '../on-demand.js';
import { SILENCES_PROMPT_KEYS } from './prompt-keys.js';

export { SILENCES_PROMPT_KEYS } from './prompt-keys.js';

export const silencesView: ViewDef = {
  id: 'silences',
  component: onDemand(async () => (await import('./SilencesView.js')).SilencesView),
  extensions: [listNavigation],
  keys: [
    { id: 'silences.new', keys: ['n'], write: true, footer: 'new', description: 'new silence' },
    {
      id: 'silences.extend',
      keys: ['e'],
      write: true,
      footer: 'extend',
      description: 'extend the selected silence (adds to its end)',
    },
    {
      id: 'silences.edit',
      keys: ['E'],
      write: true,
      footer: 'edit',
      description: 'edit the selected silence (Alertmanager may give it a new ID)',
    },
    {
      id: 'silences.expire',
      keys: ['x'],
      write: true,
      footer: 'expire',
      description: 'expire the selected silence (asks y/n)',
    },
    {
      id: 'silences.recreate',
      keys: ['c'],
      write: true,
      footer: 're-create',
      description: 're-create the selected (e.g. expired) silence in the form',
    },
    {
      id: 'silences.toggleExpired',
      keys: ['t'],
      footer: 'expired',
      description: 'show or hide recently expired silences',
    },
  ],
};

keymap.register(SILENCES_PROMPT_KEYS);
