// Appends a causal rule to a context's causal_rules in the config file, keeping its comments and layout
// (the yaml Document API through editConfig), with the rule's evidence as a comment above it.
import { isScalar, isSeq } from 'yaml';
import { editConfig } from './load.js';
import type { CausalRuleConfig } from './schema.js';

export function addCausalRule(file: string, context: string, rule: CausalRuleConfig, comment?: string): void {
  editConfig(file, (doc) => {
    const path = ['contexts', context, 'causal_rules'];
    const node = doc.createNode(rule);
    node.flow = false;
    for (const k of ['cause_matchers', 'effect_matchers', 'equal']) {
      const v = node.get(k, true);
      if (!isSeq(v)) continue;
      v.flow = true;
      // Matchers hold double quotes: single-quoted they read as they do in the README.
      if (k !== 'equal') for (const item of v.items) if (isScalar(item)) item.type = 'QUOTE_SINGLE';
    }
    if (comment) node.commentBefore = ` ${comment.replace(/\n/g, ' ')}`;
    const list = doc.getIn(path, true);
    if (isSeq(list)) list.add(node);
    else doc.setIn(path, doc.createNode([]));
    if (!isSeq(list)) (doc.getIn(path, true) as { add(n: unknown): void }).add(node);
  });
}
