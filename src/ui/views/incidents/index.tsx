import type { ViewDef } from '../registry.js';
import { IncidentsView } from './IncidentsView.js';
import { alertDetails, listFilter, listNavigation, selectionActions } from '../extensions.js';

export const incidentsView: ViewDef = {
  id: 'incidents',
  component: IncidentsView,
  extensions: [listNavigation, alertDetails, listFilter, selectionActions],
  keys: [
    {
      id: 'incidents.toggleResolved',
      keys: ['t'],
      description: 'show or hide recently resolved incidents (at the bottom, dimmed)',
    },
  ],
};
