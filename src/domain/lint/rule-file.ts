// Prometheus rule files for the linter: groups with their interval, alerting and recording rules with the line of
// each field, and the comments written next to an expression (they often state its unit).
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { RuleFileError, strings } from '../runbook/rules.js';

export interface LintRule {
  kind: 'alert' | 'record';
  name: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  group: string;
  /** The group's interval, when it sets one. */
  interval?: string;
  line: number;
  exprLine: number;
  forLine?: number;
  /** `# …` comments on the expression's lines. */
  comments: string;
}

export function parseLintRules(file: string, text: string): LintRule[] {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new RuleFileError(file, lc.linePos(e.pos[0]).line, `invalid YAML: ${e.message.split('\n')[0]}`);
  }
  const lines = text.split('\n');
  const lineOf = (n: unknown) => ((n as Node | undefined)?.range ? lc.linePos((n as Node).range![0]).line : 1);
  const endLineOf = (n: unknown) => ((n as Node | undefined)?.range ? lc.linePos((n as Node).range![1]).line : 1);
  const root = doc.contents;
  if (root === null) return [];
  const groups = isMap(root) ? root.get('groups', true) : undefined;
  if (!isSeq(groups))
    throw new RuleFileError(file, lineOf(root), 'not a Prometheus rule file: expected a top-level "groups:" list');
  const out: LintRule[] = [];
  for (const g of groups.items) {
    if (!isMap(g)) continue;
    const group = String((g.get('name', true) as { value?: unknown } | undefined)?.value ?? '');
    const iv = (g.get('interval', true) as { value?: unknown } | undefined)?.value;
    const rules = g.get('rules', true);
    if (!isSeq(rules)) continue;
    for (const r of rules.items) {
      if (!isMap(r)) continue;
      const alertNode = r.get('alert', true) as { value?: unknown } | undefined;
      const recordNode = r.get('record', true) as { value?: unknown } | undefined;
      const nameNode = alertNode ?? recordNode;
      if (!nameNode) continue;
      const exprNode = r.get('expr', true) as { value?: unknown } | undefined;
      const forNode = r.get('for', true) as { value?: unknown } | undefined;
      const exprLine = lineOf(exprNode);
      const comments = lines
        .slice(Math.max(0, exprLine - 2), Math.max(exprLine, endLineOf(exprNode)))
        .map((l) => /(?:^|\s)#(.*)$/.exec(l)?.[1] ?? '')
        .join(' ');
      out.push({
        kind: alertNode ? 'alert' : 'record',
        name: String(nameNode.value ?? ''),
        expr: String(exprNode?.value ?? ''),
        for: forNode?.value === undefined ? undefined : String(forNode.value),
        labels: strings(r.get('labels', true)),
        annotations: strings(r.get('annotations', true)),
        group,
        interval: iv === undefined ? undefined : String(iv),
        line: lineOf(nameNode),
        exprLine,
        forLine: forNode ? lineOf(forNode) : undefined,
        comments,
      });
    }
  }
  return out;
}
