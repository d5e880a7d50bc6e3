import type { ViewDef } from '../registry.js';
import { SloView } from './SloView.js';
import { listNavigation } from '../extensions.js';

export const sloView: ViewDef = {
  id: 'slo',
  component: SloView,
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
