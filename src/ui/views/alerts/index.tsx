import type { ViewDef } from '../registry.js';
import { AlertsView } from './AlertsView.js';

export const alertsView: ViewDef = {
  id: 'alerts',
  component: AlertsView,
  keys: [
    // htop's sort keys; plain letters stay free for actions on the selection.
    { id: 'alerts.sort', keys: ['>'], description: 'sort by the next column (severity, age, name, state, layer)' },
    { id: 'alerts.sortPrev', keys: ['<'], description: 'sort by the previous column' },
    { id: 'alerts.reverse', keys: ['I'], description: 'invert the sort order' },
  ],
};
