// PromQL syntax checking with Prometheus's own lezer grammar (the one its web UI uses), and a static look at
// which labels an alerting rule's expression leaves on the alerts it fires, for the placeholder lint.
import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode } from '@lezer/common';

export interface PromqlSyntaxError {
  /** 0-based offset in the query. */
  offset: number;
  /** 1-based line and column in the query. */
  line: number;
  column: number;
  message: string;
}

function position(q: string, offset: number): { line: number; column: number } {
  const before = q.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

/** The first syntax error in `query`, or null. Later errors are usually consequences of the first. */
export function checkPromql(query: string): PromqlSyntaxError | null {
  if (!query.trim()) return { offset: 0, line: 1, column: 1, message: 'empty PromQL query' };
  const tree = parser.parse(query);
  let at = -1;
  tree.iterate({
    enter: (n) => {
      if (at >= 0) return false;
      if (n.type.isError) {
        at = n.from;
        return false;
      }
      return undefined;
    },
  });
  if (at < 0) return null;
  const rest = query.slice(at).trimStart();
  const near = rest ? JSON.stringify(rest.split(/\s/)[0]!.slice(0, 24)) : '';
  const pos = position(query, at);
  return {
    offset: at,
    ...pos,
    message: rest
      ? `PromQL syntax error at line ${pos.line}, column ${pos.column}: unexpected ${near}`
      : 'PromQL syntax error: unexpected end of query (unclosed bracket or missing operand?)',
  };
}

/** Labels an expression's result carries: known exactly (after `sum by (…)`), or open with the names it mentions. */
export type LabelSet =
  { exact: true; labels: Set<string>; scalar?: boolean } | { exact: false; mentioned: Set<string> };

const SKIP = new Set([
  'FunctionIdentifier',
  'AggregateOp',
  'AggregateModifier',
  'MatchingModifierClause',
  'BoolModifier',
  'UnaryOp',
  'Offset',
  'OffsetDurationExpr',
  'DurationExpr',
  'At',
  'AtModifierPreprocessors',
]);

function children(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

function exprChildren(n: SyntaxNode): SyntaxNode[] {
  return children(n).filter(
    (c) =>
      !SKIP.has(c.name) &&
      !c.type.isError &&
      !/^(Add|Sub|Mul|Div|Mod|Pow|Atan2|Eql|Neq|Lss|Lte|Gtr|Gte|And|Or|Unless)$/.test(c.name),
  );
}

function labelNames(n: SyntaxNode | null | undefined, q: string): string[] {
  if (!n) return [];
  return children(n)
    .filter((c) => c.name === 'LabelName')
    .map((c) => q.slice(c.from, c.to));
}

function mentionedIn(n: SyntaxNode, q: string): Set<string> {
  const out = new Set<string>();
  const cur = n.cursor();
  do {
    if (cur.name === 'LabelName') out.add(q.slice(cur.from, cur.to));
  } while (cur.next() && cur.from < n.to);
  return out;
}

const open = (n: SyntaxNode, q: string): LabelSet => ({ exact: false, mentioned: mentionedIn(n, q) });

function unquote(s: string): string {
  return s.replace(/^["'`]|["'`]$/g, '');
}

function labelsOfNode(n: SyntaxNode, q: string): LabelSet {
  switch (n.name) {
    case 'PromQL':
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'OffsetExpr':
    case 'StepInvariantExpr':
    case 'SubqueryExpr':
    case 'MatrixSelector': {
      const inner = exprChildren(n)[0];
      return inner ? labelsOfNode(inner, q) : open(n, q);
    }
    case 'NumberDurationLiteral':
    case 'NumberLiteral':
      return { exact: true, labels: new Set(), scalar: true };
    case 'VectorSelector':
      return open(n, q);
    case 'AggregateExpr': {
      const op =
        q
          .slice(n.from, n.to)
          .match(/^\s*(\w+)/)?.[1]
          ?.toLowerCase() ?? '';
      const mod = children(n).find((c) => c.name === 'AggregateModifier');
      // topk/bottomk/limitk keep the series' own labels; count_values adds one.
      if (/^(topk|bottomk|limitk|limit_ratio|count_values)$/.test(op)) return open(n, q);
      if (!mod) return { exact: true, labels: new Set() };
      const kind = mod.firstChild?.name;
      const grouping = mod.getChild('GroupingLabels');
      if (kind === 'By') return { exact: true, labels: new Set(labelNames(grouping, q)) };
      return open(n, q);
    }
    case 'FunctionCall': {
      const name = q.slice(n.from, n.to).match(/^\s*(\w+)/)?.[1] ?? '';
      const body = n.getChild('FunctionCallBody');
      const args = body ? exprChildren(body) : [];
      if (/^(time|pi|scalar)$/.test(name)) return { exact: true, labels: new Set(), scalar: true };
      if (name === 'vector') return { exact: true, labels: new Set() };
      if (name === 'absent' || name === 'absent_over_time') return open(n, q);
      if (name === 'histogram_quantile' && args[1]) {
        const inner = labelsOfNode(args[1], q);
        if (inner.exact) {
          const l = new Set(inner.labels);
          l.delete('le');
          return { exact: true, labels: l };
        }
        return inner;
      }
      if ((name === 'label_replace' || name === 'label_join') && args[0] && args[1]) {
        const inner = labelsOfNode(args[0], q);
        const dst = unquote(q.slice(args[1].from, args[1].to));
        if (inner.exact) return { exact: true, labels: new Set([...inner.labels, dst]) };
        inner.mentioned.add(dst);
        return inner;
      }
      const vec = args.find((a) => a.name !== 'NumberDurationLiteral' && a.name !== 'StringLiteral');
      return vec ? labelsOfNode(vec, q) : { exact: true, labels: new Set() };
    }
    case 'BinaryExpr': {
      const [lhs, rhs] = exprChildren(n);
      if (!lhs || !rhs) return open(n, q);
      const l = labelsOfNode(lhs, q);
      const r = labelsOfNode(rhs, q);
      const opText = q.slice(lhs.to, rhs.from);
      if (l.exact && l.scalar) return r;
      if (r.exact && r.scalar) return l;
      if (/\bor\b/.test(opText)) {
        if (l.exact && r.exact) return { exact: true, labels: new Set([...l.labels, ...r.labels]) };
        return open(n, q);
      }
      const clause = children(n).find((c) => c.name === 'MatchingModifierClause');
      const groupRight = clause?.getChild('GroupRight');
      const groupLeft = clause?.getChild('GroupLeft');
      const base = groupRight ? r : l;
      const extra = labelNames(
        (groupRight ?? groupLeft)?.nextSibling?.name === 'GroupingLabels'
          ? (groupRight ?? groupLeft)!.nextSibling
          : null,
        q,
      );
      if (base.exact) return { exact: true, labels: new Set([...base.labels, ...extra]) };
      for (const e of extra) base.mentioned.add(e);
      return base;
    }
    default:
      return open(n, q);
  }
}

/** Labels of the series `expr` returns (what an alerting rule's alerts carry, before the rule's own labels). */
export function resultLabels(expr: string): LabelSet {
  const tree = parser.parse(expr);
  return labelsOfNode(tree.topNode, expr);
}
