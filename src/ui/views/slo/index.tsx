import type { ViewDef } from '../registry.js';
import { SloView } from './SloView.js';

export const sloView: ViewDef = { id: 'slo', component: SloView };
