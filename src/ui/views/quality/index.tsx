import type { ViewDef } from '../registry.js';
import { onDemand } from '../on-demand.js';
import { listNavigation } from '../extensions.js';

export const qualityView: ViewDef = {
  id: 'quality',
  component: onDemand(async () => (await import('./QualityView.js')).QualityView),
  extensions: [listNavigation],
};
