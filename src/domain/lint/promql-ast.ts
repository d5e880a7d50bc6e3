// A small reading of PromQL syntax trees (Prometheus's lezer grammar) for the rule linter: comparisons with a
// constant, what their left side is (a ratio of rates, a bare rate, a quantile), windows, and on() matching.
import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode } from '@lezer/common';
import { parseDuration } from '../duration.js';

export type Node = SyntaxNode;

export function parsePromql(q: string): Node {
  const top = parser.parse(q).topNode;
  return top.firstChild ?? top;
}

export function kids(n: Node): Node[] {
  const out: Node[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

export function walk(n: Node, fn: (n: Node) => void): void {
  fn(n);
  for (const c of kids(n)) walk(c, fn);
}

const text = (q: string, n: Node) => q.slice(n.from, n.to);
const OPS = /^(Add|Sub|Mul|Div|Mod|Pow|Atan2|Eql|Neq|Lss|Lte|Gtr|Gte|And|Or|Unless)$/;

export function operator(n: Node): string | undefined {
  return kids(n).find((c) => OPS.test(c.name))?.name;
}

/** The two operands of a binary expression. */
export function operands(n: Node): [Node, Node] | undefined {
  const xs = kids(n).filter(
    (c) => !OPS.test(c.name) && c.name !== 'MatchingModifierClause' && c.name !== 'BoolModifier',
  );
  return xs.length === 2 ? [xs[0]!, xs[1]!] : undefined;
}

export function unparen(n: Node): Node {
  while (n.name === 'ParenExpr' && n.firstChild) n = n.firstChild;
  return n;
}

/** The value of a constant expression (numbers, + − × ÷, parentheses), or undefined. */
export function constValue(q: string, n: Node): number | undefined {
  n = unparen(n);
  if (n.name === 'NumberDurationLiteral' || n.name === 'NumberLiteral') {
    const v = Number(text(q, n));
    return Number.isFinite(v) ? v : undefined;
  }
  if (n.name === 'UnaryExpr') {
    const v = constValue(q, n.lastChild!);
    return v === undefined ? undefined : text(q, n).trim().startsWith('-') ? -v : v;
  }
  if (n.name !== 'BinaryExpr') return undefined;
  const ops = operands(n);
  if (!ops) return undefined;
  const a = constValue(q, ops[0]),
    b = constValue(q, ops[1]);
  if (a === undefined || b === undefined) return undefined;
  switch (operator(n)) {
    case 'Add':
      return a + b;
    case 'Sub':
      return a - b;
    case 'Mul':
      return a * b;
    case 'Div':
      return a / b;
    default:
      return undefined;
  }
}

/** An SLO objective written into a constant as (1 - 0.999). */
export function objectiveIn(q: string, n: Node): number | undefined {
  let found: number | undefined;
  walk(n, (x) => {
    if (found !== undefined || x.name !== 'BinaryExpr' || operator(x) !== 'Sub') return;
    const ops = operands(x);
    if (!ops) return;
    const a = constValue(q, ops[0]),
      b = constValue(q, ops[1]);
    if (a === 1 && b !== undefined && b > 0.5 && b < 1) found = b;
  });
  return found;
}

export interface Comparison {
  node: Node;
  lhs: Node;
  op: string;
  threshold: number;
  thresholdNode: Node;
}

const CMP = new Set(['Gtr', 'Gte', 'Lss', 'Lte']);

/** Every comparison of an expression with a constant (the constant on either side). */
export function comparisons(q: string, root: Node): Comparison[] {
  const out: Comparison[] = [];
  walk(root, (n) => {
    if (n.name !== 'BinaryExpr') return;
    const op = operator(n);
    if (!op || !CMP.has(op)) return;
    const ops = operands(n);
    if (!ops) return;
    const r = constValue(q, ops[1]);
    if (r !== undefined) out.push({ node: n, lhs: ops[0], op, threshold: r, thresholdNode: ops[1] });
    else {
      const l = constValue(q, ops[0]);
      if (l !== undefined) out.push({ node: n, lhs: ops[1], op, threshold: l, thresholdNode: ops[0] });
    }
  });
  return out;
}

export function functionName(q: string, n: Node): string | undefined {
  if (n.name !== 'FunctionCall') return undefined;
  const id = kids(n).find((c) => c.name === 'FunctionIdentifier');
  return id ? text(q, id) : undefined;
}

export function functionArgs(n: Node): Node[] {
  const body = kids(n).find((c) => c.name === 'FunctionCallBody');
  return body ? kids(body) : [];
}

export function metricName(q: string, n: Node): string | undefined {
  const sel = n.name === 'MatrixSelector' ? kids(n).find((c) => c.name === 'VectorSelector') : n;
  if (!sel || sel.name !== 'VectorSelector') return undefined;
  const id = kids(sel).find((c) => c.name === 'Identifier');
  return id ? text(q, id) : undefined;
}

/** Range windows ([5m]) inside an expression, in seconds. */
export function windows(q: string, n: Node): number[] {
  const out: number[] = [];
  walk(n, (x) => {
    if (x.name !== 'MatrixSelector') return;
    const d = kids(x).find((c) => c.name === 'DurationExpr' || c.name.startsWith('NumberDuration'));
    if (!d) return;
    try {
      out.push(parseDuration(text(q, d)) / 1000);
    } catch {
      /* a computed duration */
    }
  });
  return out;
}

const RATE_FNS = new Set(['rate', 'irate', 'increase']);
/** Recorded error ratios with their window in the name: Sloth's slo:sli_error:ratio_rate1h, Pyrra's …:burnrate1h. */
const RECORDED_RATIO = /(?:ratio_rate|burnrate|error_ratio|errors?:ratio)_?(\d+[smhdw])$/;

export interface Shape {
  kind: 'ratio' | 'rate' | 'quantile' | 'other';
  windows: number[];
  /** For a rate: the function and the metric. */
  fn?: string;
  metric?: string;
}

function stripAggregation(q: string, n: Node): Node {
  n = unparen(n);
  while (n.name === 'AggregateExpr') {
    const body = kids(n).find((c) => c.name === 'FunctionCallBody');
    const inner = body ? kids(body) : [];
    if (inner.length !== 1) break;
    n = unparen(inner[0]!);
  }
  return n;
}

/** What the left side of a comparison measures. */
export function shapeOf(q: string, lhs: Node): Shape {
  const n = stripAggregation(q, lhs);
  const fn = functionName(q, n);
  if (fn === 'histogram_quantile') return { kind: 'quantile', windows: windows(q, n) };
  if (fn && RATE_FNS.has(fn)) {
    const arg = functionArgs(n)[0];
    return { kind: 'rate', windows: windows(q, n), fn, metric: arg ? metricName(q, arg) : undefined };
  }
  if (n.name === 'BinaryExpr' && operator(n) === 'Div') {
    const ops = operands(n)!;
    const isRate = (x: Node) => {
      const f = functionName(q, stripAggregation(q, x));
      return f !== undefined && RATE_FNS.has(f);
    };
    if (ops && isRate(ops[0]) && isRate(ops[1])) return { kind: 'ratio', windows: windows(q, n) };
  }
  if (n.name === 'VectorSelector') {
    const m = RECORDED_RATIO.exec(metricName(q, n) ?? '');
    if (m) return { kind: 'ratio', windows: [parseDuration(m[1]!) / 1000], metric: metricName(q, n) };
  }
  return { kind: 'other', windows: windows(q, n) };
}

/** `and on()` / `or on()` / `unless on()` with an empty label list. */
export function emptyOnMatches(q: string, root: Node): { op: string; node: Node }[] {
  const out: { op: string; node: Node }[] = [];
  walk(root, (n) => {
    if (n.name !== 'BinaryExpr') return;
    const op = operator(n);
    if (op !== 'And' && op !== 'Or' && op !== 'Unless') return;
    const m = kids(n).find((c) => c.name === 'MatchingModifierClause');
    if (!m || !kids(m).some((c) => c.name === 'On')) return;
    const labels = kids(m).find((c) => c.name === 'GroupingLabels');
    if (labels && !kids(labels).some((c) => c.name === 'LabelName')) out.push({ op: op.toLowerCase(), node: n });
  });
  return out;
}

/** histogram_quantile calls whose histogram argument is not a rate/increase over a _bucket series. */
export function quantileProblems(q: string, root: Node): { node: Node; message: string }[] {
  const out: { node: Node; message: string }[] = [];
  walk(root, (n) => {
    if (functionName(q, n) !== 'histogram_quantile') return;
    const arg = functionArgs(n)[1];
    if (!arg) return;
    let rated = false;
    let bucket = false;
    const names: string[] = [];
    walk(arg, (x) => {
      const f = functionName(q, x);
      if (f && RATE_FNS.has(f)) rated = true;
      const m = x.name === 'VectorSelector' ? metricName(q, x) : undefined;
      if (m) {
        names.push(m);
        if (m.endsWith('_bucket')) bucket = true;
      }
    });
    const base = (names[0] ?? 'x').replace(/_bucket$/, '');
    const fix = `histogram_quantile(${text(q, functionArgs(n)[0]!)}, sum by (le) (rate(${base}_bucket[5m])))`;
    if (!bucket && names.length)
      out.push({
        node: n,
        message: `histogram_quantile over ${names[0]}, which is not a _bucket series: it needs the histogram's buckets and their rate; write ${fix}`,
      });
    else if (!rated && names.length)
      out.push({
        node: n,
        message: `histogram_quantile over ${names[0]} without rate(): it reads counts accumulated since the process started, not recent latency; write ${fix}`,
      });
  });
  return out;
}
