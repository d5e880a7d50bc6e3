// An incident as an indented tree (depth-first, children in the incident's causal order), for text and TUI views.
import type { CausalRule, Incident, IncidentAlert } from './types.js';

export interface TreeRow {
  alert: IncidentAlert;
  depth: number;
  /** Box-drawing prefix such as "│  └─ " (empty for the root). */
  prefix: string;
  /** An alert with no cause in the incident other than the root: a second cause of shared symptoms. */
  coCause: boolean;
}

/** Rows in display order: root, its subtree, then any co-causes with theirs. */
export function treeRows(inc: Incident): TreeRow[] {
  const children = new Map<string, IncidentAlert[]>();
  const tops: IncidentAlert[] = [];
  for (const a of inc.alerts) {
    if (a.causedBy === null) tops.push(a);
    else {
      const list = children.get(a.causedBy);
      if (list) list.push(a);
      else children.set(a.causedBy, [a]);
    }
  }
  const rows: TreeRow[] = [];
  const walk = (a: IncidentAlert, depth: number, lead: string, last: boolean, coCause: boolean) => {
    rows.push({ alert: a, depth, prefix: depth === 0 ? '' : lead + (last ? '└─ ' : '├─ '), coCause });
    const kids = children.get(a.fingerprint) ?? [];
    const nextLead = depth === 0 ? '' : lead + (last ? '   ' : '│  ');
    kids.forEach((k, i) => walk(k, depth + 1, nextLead, i === kids.length - 1, false));
  };
  tops.forEach((t, i) => walk(t, 0, '', true, i > 0));
  return rows;
}

const ORIGIN_WORDS: Record<CausalRule['origin'], string> = {
  default: 'default',
  config: 'config',
  inhibit_rule: 'inhibit rule',
};

/**
 * Short words for the edge that put an alert under its cause, numbered as `oncall rules` numbers rules:
 * "rule 3 (default)", "rule 12 (inhibit rule)", "inhibitedBy".
 */
export function describeEdge(a: IncidentAlert, rules: readonly CausalRule[]): string {
  if (!a.edge) return '';
  if (a.edge.via === 'inhibited_by') return 'inhibitedBy';
  const i = a.edge.rule ?? -1;
  const r = rules[i];
  return r ? `rule ${i + 1} (${ORIGIN_WORDS[r.origin]})` : 'rule';
}
