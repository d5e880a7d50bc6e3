import type { ViewDef } from '../registry.js';
import { onDemand } from '../on-demand.js';
import { listNavigation } from '../extensions.js';

export const gpuView: ViewDef = {
  id: 'gpu',
  component: onDemand(async () => (await import('./GpuView.js')).GpuView),
  extensions: [listNavigation],
  keys: [
    {
      id: 'nav.open',
      keys: ['enter'],
      footer: 'incidents',
      description: "incidents on the selected GPU's host (in its cluster)",
    },
  ],
};
