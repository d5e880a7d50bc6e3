import type { ViewDef } from '../registry.js';
import { RulesView } from './RulesView.js';
import { listNavigation } from '../extensions.js';

export const rulesView: ViewDef = {
  id: 'rules',
  component: RulesView,
  extensions: [listNavigation],
  keys: [
    {
      id: 'rules.add',
      keys: ['+'],
      description: "add the selected learned rule to the context's causal_rules (config file, comments kept)",
    },
  ],
};
