// Alerting rules read from Prometheus rule files (groups → rules), with line numbers, for the runbook lint.
import { OncallError } from '../errors.js';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

export interface AlertRule {
  alert: string;
  expr: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  file: string;
  line: number;
}

export class RuleFileError extends OncallError {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super('config', `${file}:${line}: ${message}`);
    this.name = 'RuleFileError';
  }
}

/** A YAML map of scalars as strings (labels, annotations). */
export function strings(node: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isMap(node)) return out;
  for (const p of node.items) {
    const k = (p.key as { value?: unknown })?.value;
    const v = (p.value as { value?: unknown } | null)?.value;
    if (typeof k === 'string' && v !== undefined && v !== null) out[k] = String(v);
  }
  return out;
}

/** Parses one rule file; recording rules are skipped. Throws RuleFileError with the line of the problem. */
export function parseRuleFile(file: string, text: string): AlertRule[] {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new RuleFileError(file, lc.linePos(e.pos[0]).line, `invalid YAML: ${e.message.split('\n')[0]}`);
  }
  const lineOf = (n: unknown) => ((n as Node | undefined)?.range ? lc.linePos((n as Node).range![0]).line : 1);
  const root = doc.contents;
  if (root === null) return [];
  const groups = isMap(root) ? root.get('groups', true) : undefined;
  if (!isSeq(groups))
    throw new RuleFileError(file, lineOf(root), 'not a Prometheus rule file: expected a top-level "groups:" list');
  const out: AlertRule[] = [];
  for (const g of groups.items) {
    const rules = isMap(g) ? g.get('rules', true) : undefined;
    if (rules === undefined || rules === null) continue;
    if (!isSeq(rules)) throw new RuleFileError(file, lineOf(rules), '"rules" must be a list');
    for (const r of rules.items) {
      if (!isMap(r)) continue;
      const alertNode = r.get('alert', true) as { value?: unknown } | undefined;
      if (alertNode === undefined) continue;
      const alert = alertNode.value;
      if (typeof alert !== 'string' || !alert)
        throw new RuleFileError(file, lineOf(alertNode), '"alert" must be a non-empty name');
      const expr = (r.get('expr', true) as { value?: unknown } | undefined)?.value;
      out.push({
        alert,
        expr: typeof expr === 'string' ? expr : String(expr ?? ''),
        labels: strings(r.get('labels', true)),
        annotations: strings(r.get('annotations', true)),
        file,
        line: lineOf(alertNode),
      });
    }
  }
  return out;
}
