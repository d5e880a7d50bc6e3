// Fence attributes (`promql {expect="< 0.9" name=gpu}`, in Runme's style) and PromQL check outcomes.
import type { CheckOutcome, CompareOp, Expectation } from './types.js';

/** Splits a fence info string into its language word and `{key="value" key2=value}` attributes. */
export function parseFenceInfo(info: string): { lang: string; attrs: Record<string, string>; error?: string } {
  const trimmed = info.trim();
  const m = /^([^\s{]*)\s*(.*)$/s.exec(trimmed)!;
  const lang = m[1]!.toLowerCase();
  const rest = m[2]!.trim();
  const attrs: Record<string, string> = {};
  if (!rest) return { lang, attrs };
  if (!rest.startsWith('{') || !rest.endsWith('}'))
    return {
      lang,
      attrs,
      error: `fence attributes must be written in braces, e.g. \`\`\`promql {expect="< 0.9"}, found ${JSON.stringify(rest)}`,
    };
  const inner = rest.slice(1, -1);
  const re = /\s*([A-Za-z_][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s"']+))\s*/gy;
  let pos = 0;
  while (pos < inner.length) {
    re.lastIndex = pos;
    const a = re.exec(inner);
    if (!a) {
      if (!inner.slice(pos).trim()) break;
      return {
        lang,
        attrs,
        error: `cannot read fence attributes ${JSON.stringify(rest)} at ${JSON.stringify(inner.slice(pos).trim())} (write key="value")`,
      };
    }
    attrs[a[1]!] = a[2] !== undefined ? a[2].replace(/\\(.)/g, '$1') : (a[3] ?? a[4] ?? '');
    pos = re.lastIndex;
  }
  return { lang, attrs };
}

const EXPECT = /^\s*(<=|>=|==|!=|<|>|=)\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?Inf|NaN)\s*$/;

/** Reads `< 0.9`, `>= 1`, `== 0`. Throws with a hint when it cannot. */
export function parseExpectation(text: string): Expectation {
  const m = EXPECT.exec(text);
  if (!m)
    throw new Error(
      `cannot read expectation ${JSON.stringify(text)}: write an operator and a number, e.g. expect="< 0.9" (operators < <= > >= == !=)`,
    );
  const op = (m[1] === '=' ? '==' : m[1]) as CompareOp;
  const raw = m[2]!;
  const value = /Inf$/.test(raw) ? (raw.startsWith('-') ? -Infinity : Infinity) : Number(raw);
  return { op, value, text: `${op} ${raw}` };
}

export function compare(v: number, e: Expectation): boolean {
  switch (e.op) {
    case '<':
      return v < e.value;
    case '<=':
      return v <= e.value;
    case '>':
      return v > e.value;
    case '>=':
      return v >= e.value;
    case '==':
      return v === e.value;
    case '!=':
      return v !== e.value;
  }
}

export interface SampleLike {
  metric: Record<string, string>;
  value: number;
}

/** Compact number for a check summary: up to 4 significant digits. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  if (Number.isInteger(v) && Math.abs(v) < 1e12) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e9)) return v.toExponential(3).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(4)));
}

/** Labels that tell the samples apart: those whose values differ between samples. */
function distinguishing(samples: SampleLike[]): string[] {
  if (samples.length < 2) return [];
  const names = new Set(samples.flatMap((s) => Object.keys(s.metric)));
  return [...names].filter((n) => n !== '__name__' && new Set(samples.map((s) => s.metric[n] ?? '')).size > 1).sort();
}

const MAX_SHOWN = 4;

/**
 * Outcome of a check: no samples is "no data"; with an expectation every sample must meet it (a NaN never
 * does); without one the values are only shown.
 */
export function evaluateSamples(
  samples: SampleLike[],
  expect: Expectation | undefined,
): { outcome: CheckOutcome; summary: string } {
  if (samples.length === 0) return { outcome: 'nodata', summary: 'no data' };
  const keys = distinguishing(samples);
  const describe = (s: SampleLike) => {
    const lbl = keys.map((k) => `${k}=${s.metric[k] ?? ''}`).join(',');
    return lbl ? `${formatValue(s.value)} (${lbl})` : formatValue(s.value);
  };
  if (!expect) {
    const shown = samples.slice(0, MAX_SHOWN).map(describe).join(', ');
    return { outcome: 'shown', summary: samples.length > MAX_SHOWN ? `${shown}, … ${samples.length} series` : shown };
  }
  const failing = samples.filter((s) => !compare(s.value, expect));
  const pick = failing.length ? failing : samples;
  let text = pick.slice(0, MAX_SHOWN).map(describe).join(', ');
  if (pick.length > MAX_SHOWN) text += `, … ${pick.length} series`;
  if (failing.length) {
    const of = samples.length > 1 ? ` (${failing.length} of ${samples.length} series)` : '';
    return { outcome: 'fail', summary: `${text}; expected ${expect.text}${of}` };
  }
  return { outcome: 'pass', summary: `${text}; expected ${expect.text}` };
}
