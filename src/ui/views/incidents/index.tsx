import type { ViewDef } from '../registry.js';
import { IncidentsView } from './IncidentsView.js';

export const incidentsView: ViewDef = { id: 'incidents', component: IncidentsView };
