import type { ViewDef } from '../registry.js';
import { onDemand } from '../on-demand.js';
import { listNavigation } from '../extensions.js';

export const reviewView: ViewDef = {
  id: 'review',
  component: onDemand(async () => (await import('./ReviewView.js')).ReviewView),
  extensions: [listNavigation],
  keys: [
    { id: 'nav.open', keys: ['enter'], footer: 'detail', description: "the selected alert's detail (again: close)" },
    {
      id: 'review.sort',
      keys: ['>'],
      description: 'sort by the next column (firings/week, time firing, never acted on, flapping, name)',
    },
    { id: 'review.sortPrev', keys: ['<'], description: 'sort by the previous column' },
    { id: 'review.reverse', keys: ['I'], description: 'invert the sort order' },
  ],
};
