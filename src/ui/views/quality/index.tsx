import type { ViewDef } from '../registry.js';
import { QualityView } from './QualityView.js';
import { listNavigation } from '../extensions.js';

export const qualityView: ViewDef = { id: 'quality', component: QualityView, extensions: [listNavigation] };
