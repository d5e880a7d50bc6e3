import type { ViewDef } from '../registry.js';
import { onDemand } from '../on-demand.js';
import { listNavigation } from '../extensions.js';

export const sloView: ViewDef = {
  id: 'slo',
  component: onDemand(async () => (await import('./SloView.js')).SloView),
  extensions: [listNavigation],
  keys: [
    {
      id: 'nav.open',
      keys: ['enter'],
      footer: 'detail',
      description: 'SLO detail: error ratio over the period, conditions, its alerts (again or Esc: close)',
    },
  ],
};
