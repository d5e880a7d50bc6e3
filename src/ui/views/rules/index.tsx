import type { ViewDef } from '../registry.js';
import { RulesView } from './RulesView.js';

export const rulesView: ViewDef = {
  id: 'rules',
  component: RulesView,
  keys: [{ id: 'rules.add', keys: ['+'], description: 'add the selected learned rule to the context\'s causal_rules (config file, comments kept)' }],
};
