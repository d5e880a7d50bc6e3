// Key sets that several views include in their definition, as k9s's extenders do: a view lists the extensions
// whose keys act in it, so its help and footer name every key it has and nothing it lacks. The bindings keep
// their ids in each view (the list hooks supply handlers by id); static actions run on the app's selection.
import type { KeyBinding } from '../keymap.js';
import { stillArriving, type OncallApi } from '../app-context.js';
import { ackSelection, selectionMatchers } from './silences/actions.js';
import { authorOf } from '../../app/silences.js';
import type { SilenceFormRequest } from './silence-form/index.js';

export interface KeyExtension {
  name: string;
  keys: Omit<KeyBinding, 'scope'>[];
}

/** Moving in a list; the view's list state (useListState) supplies the handlers, Enter included (each view says what it does). */
export const listNavigation: KeyExtension = {
  name: 'list navigation',
  keys: [
    { id: 'nav.down', keys: ['j', 'down'], description: 'move down' },
    { id: 'nav.up', keys: ['k', 'up'], description: 'move up' },
    { id: 'nav.top', keys: ['g', 'home'], description: 'go to the top' },
    { id: 'nav.bottom', keys: ['G', 'end'], description: 'go to the bottom' },
    { id: 'nav.pageDown', keys: ['pagedown', 'ctrl+d'], description: 'page down' },
    { id: 'nav.pageUp', keys: ['pageup', 'ctrl+u'], description: 'page up' },
  ],
};

/** Enter on an alert or incident: its details (src/ui/overlays/DetailPane.tsx). */
export const alertDetails: KeyExtension = {
  name: 'alert details',
  keys: [{ id: 'nav.open', keys: ['enter'], description: 'open details of the selection', footer: 'details' }],
};

/** The `/` filter of a list (src/ui/components/FilterBar.tsx). */
export const listFilter: KeyExtension = {
  name: 'list filter',
  keys: [
    {
      id: 'list.filter',
      keys: ['/'],
      description: 'filter: matchers (severity="critical") or free text',
      footer: 'filter',
    },
  ],
};

function silenceSelection(app: OncallApi): void {
  if (!app.selection?.alerts.length) return app.notify('select an alert or incident to silence', 'error');
  // The selection may be part of an incident whose other alerts have not arrived yet.
  const waiting = stillArriving(app.data, 'silence it');
  if (waiting) return app.notify(waiting, 'error');
  const req: SilenceFormRequest = {
    mode: 'create',
    matchers: selectionMatchers(app.selection),
    author: authorOf(app.services.context),
  };
  app.openOverlay('silence-form', req);
}

/** Actions on the selected alert or incident: silence, ack, its runbook. */
export const selectionActions: KeyExtension = {
  name: 'actions on the selection',
  keys: [
    {
      id: 'selection.silence',
      keys: ['s'],
      write: true,
      footer: 'silence',
      description: 'silence the selected alert or incident (form with preview)',
      run: silenceSelection,
    },
    {
      id: 'selection.ack',
      keys: ['a'],
      write: true,
      footer: 'ack',
      description: 'ack: silence the selection for silence.ack_duration',
      run: (app) => void ackSelection(app, false),
    },
    {
      id: 'selection.ackUntilResolved',
      keys: ['A'],
      write: true,
      description: 'ack until resolved: expired once its alerts stop firing',
      run: (app) => void ackSelection(app, true),
    },
    {
      id: 'selection.runbook',
      keys: ['b'],
      footer: 'runbook',
      description: "open the runbook of the selection, step by step (root's first)",
      run: (app) => (app.selection ? app.setView('runbook') : app.notify('select an alert or incident first', 'error')),
    },
  ],
};
