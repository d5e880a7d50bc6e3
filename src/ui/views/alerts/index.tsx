import type { ViewDef } from '../registry.js';
import { AlertsView } from './AlertsView.js';
import { alertDetails, listFilter, listNavigation, selectionActions } from '../extensions.js';

export const alertsView: ViewDef = {
  id: 'alerts',
  component: AlertsView,
  extensions: [listNavigation, alertDetails, listFilter, selectionActions],
  keys: [
    // htop's sort keys; plain letters stay free for actions on the selection.
    { id: 'alerts.sort', keys: ['>'], description: 'sort by the next column (severity, age, name, state, layer)' },
    { id: 'alerts.sortPrev', keys: ['<'], description: 'sort by the previous column' },
    { id: 'alerts.reverse', keys: ['I'], description: 'invert the sort order' },
  ],
};
