// Keys available everywhere. List navigation (nav.*) is declared once here; whichever list is on screen supplies
// the handlers with useKeys(), so every list moves the same way and help describes it once.
import type { KeyBinding } from './keymap.js';

export const GLOBAL_KEYS: KeyBinding[] = [
  { id: 'nav.down', keys: ['j', 'down'], description: 'move down', scope: 'global' },
  { id: 'nav.up', keys: ['k', 'up'], description: 'move up', scope: 'global' },
  { id: 'nav.top', keys: ['g', 'home'], description: 'go to the top', scope: 'global' },
  { id: 'nav.bottom', keys: ['G', 'end'], description: 'go to the bottom', scope: 'global' },
  { id: 'nav.pageDown', keys: ['pagedown', 'ctrl+d'], description: 'page down', scope: 'global' },
  { id: 'nav.pageUp', keys: ['pageup', 'ctrl+u'], description: 'page up', scope: 'global' },
  { id: 'nav.open', keys: ['enter'], description: 'open details of the selection', scope: 'global' },
  { id: 'nav.back', keys: ['esc'], description: 'back: close the pane, clear the filter', scope: 'global' },
  { id: 'list.filter', keys: ['/'], description: 'filter: matchers (severity="critical") or free text', scope: 'global' },
  { id: 'app.nextView', keys: ['tab'], description: 'next view', scope: 'global', run: (app) => app.setView(cycle(app, 1)) },
  { id: 'app.prevView', keys: ['shift+tab'], description: 'previous view', scope: 'global', run: (app) => app.setView(cycle(app, -1)) },
  { id: 'app.refresh', keys: ['r'], description: 'refresh now', scope: 'global', run: (app) => app.refresh() },
  { id: 'app.help', keys: ['?'], description: 'help: every key', scope: 'global', run: (app) => app.openOverlay('help') },
  { id: 'app.quit', keys: ['q', 'ctrl+c'], description: 'quit', scope: 'global', run: (app) => app.quit() },
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
