import type { ViewDef } from '../registry.js';
import { QualityView } from './QualityView.js';

export const qualityView: ViewDef = { id: 'quality', component: QualityView };
