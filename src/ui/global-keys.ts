// Keys available everywhere. Keys that act only in some views (moving in a list, the filter, actions on the
// selection) are in those views' definitions, through the extensions of src/ui/views/extensions.ts.
import type { KeyBinding } from './keymap.js';

export const GLOBAL_KEYS: KeyBinding[] = [
  {
    id: 'nav.back',
    keys: ['esc'],
    description: 'back: close the pane, clear the filter',
    scope: 'global',
    footer: 'back',
  },
  {
    id: 'app.nextView',
    keys: ['tab'],
    description: 'next view',
    scope: 'global',
    footer: 'views',
    run: (app) => app.setView(cycle(app, 1)),
  },
  {
    id: 'app.prevView',
    keys: ['shift+tab'],
    description: 'previous view',
    scope: 'global',
    run: (app) => app.setView(cycle(app, -1)),
  },
  {
    id: 'app.refresh',
    keys: ['r'],
    description: 'refresh now',
    scope: 'global',
    footer: 'refresh',
    run: (app) => app.refresh(),
  },
  {
    id: 'app.help',
    keys: ['?'],
    description: 'help: every key',
    scope: 'global',
    footer: 'help',
    run: (app) => app.openOverlay('help'),
  },
  {
    id: 'app.quit',
    keys: ['q', 'ctrl+c'],
    description: 'quit',
    scope: 'global',
    footer: 'quit',
    run: (app) => app.quit(),
  },
];

// Set by src/ui/views/index.ts once views are registered, so Tab follows the tab bar.
let viewOrder: string[] = [];
export function setViewOrder(ids: string[]): void {
  viewOrder = ids;
}

function cycle(app: { view: string }, step: number): string {
  if (!viewOrder.length) return app.view;
  const i = viewOrder.indexOf(app.view);
  return viewOrder[(i + step + viewOrder.length) % viewOrder.length]!;
}
