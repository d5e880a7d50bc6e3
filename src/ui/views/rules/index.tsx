import type { ViewDef } from '../registry.js';
import { onDemand } from '../on-demand.js';
import { listNavigation } from '../extensions.js';

export const rulesView: ViewDef = {
  id: 'rules',
  component: onDemand(async () => (await import('./RulesView.js')).RulesView),
  extensions: [listNavigation],
  keys: [
    {
      id: 'rules.add',
      keys: ['+'],
      description: "add the selected learned rule to the context's causal_rules (config file, comments kept)",
    },
  ],
};
