// Alertmanager's classic matcher parser (pkg/labels/parse.go, the only one up to 0.26 and the fallback of
// 0.27+), ported rule for rule: braces trimmed, split at commas outside double quotes, each part read by one
// regex, then OpenMetrics-style unescaping in which an unknown escape keeps its backslash.
import { isGoSpace, type MatchType, type RawMatcher, type ReadResult } from './read.js';

// Go's `\s` is [\t\n\f\r ]; `(?s).*?` is lazy, so trailing whitespace is left out of the value.
const MATCHER = /^[\t\n\f\r ]*([a-zA-Z_:][a-zA-Z0-9_:]*)[\t\n\f\r ]*(=~|=|!=|!~)[\t\n\f\r ]*([\s\S]*?)[\t\n\f\r ]*$/d;

function trimGoSpace(s: string): string {
  const cps = [...s];
  let a = 0;
  let b = cps.length;
  while (a < b && isGoSpace(cps[a]!.codePointAt(0)!)) a++;
  while (b > a && isGoSpace(cps[b - 1]!.codePointAt(0)!)) b--;
  return cps.slice(a, b).join('');
}

/** One part between commas; `at` is its offset in the whole input. */
function parseOne(token: string, at: number): RawMatcher | { error: string; at: number } {
  const m = MATCHER.exec(token);
  if (!m) return { error: `bad matcher format: ${token}`, at };
  const [, name, op, raw] = m as unknown as [string, string, MatchType, string];
  const rawAt = at + m.indices![3]![0];
  let body = raw;
  let expectTrailingQuote = false;
  if (body.startsWith('"')) {
    body = body.slice(1);
    expectTrailingQuote = true;
  }
  if (/[\ud800-\udfff]/u.test(body.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) {
    return { error: `matcher value not valid UTF-8: ${raw}`, at: rawAt };
  }
  let value = '';
  let escaped = false;
  const cps = [...body];
  for (let i = 0; i < cps.length; i++) {
    const r = cps[i]!;
    if (escaped) {
      escaped = false;
      value += r === 'n' ? '\n' : r === '"' || r === '\\' ? r : '\\' + r;
      continue;
    }
    if (r === '\\') {
      if (i < cps.length - 1) {
        escaped = true;
        continue;
      }
      value += '\\'; // a backslash as the last character is literal
    } else if (r === '"') {
      if (!expectTrailingQuote || i < cps.length - 1)
        return { error: `matcher value contains unescaped double quote: ${raw}`, at: rawAt };
      expectTrailingQuote = false;
    } else {
      value += r;
    }
  }
  if (expectTrailingQuote) return { error: `matcher value contains unescaped double quote: ${raw}`, at: rawAt };
  const verbatim = value === (raw.startsWith('"') ? raw.slice(1, -1) : raw);
  return { name, type: op, value, valueAt: rawAt + (raw.startsWith('"') ? 1 : 0), verbatim };
}

/** Reads `input` as Alertmanager's classic parser does. */
export function parseClassic(input: string): ReadResult {
  let s = input;
  let offset = 0;
  if (s.startsWith('{')) {
    s = s.slice(1);
    offset = 1;
  }
  if (s.endsWith('}')) s = s.slice(0, -1);
  const tokens: [string, number][] = [];
  let insideQuotes = false;
  let escaped = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const r = s[i]!;
    if (r === ',') {
      if (!insideQuotes) {
        tokens.push([s.slice(start, i), start]);
        start = i + 1;
        continue;
      }
    } else if (r === '"') {
      if (!escaped) insideQuotes = !insideQuotes;
      else escaped = false;
    } else if (r === '\\') escaped = !escaped;
    else escaped = false;
  }
  const last = trimGoSpace(s.slice(start));
  if (last !== '') tokens.push([last, s.indexOf(last, start)]);
  const out: RawMatcher[] = [];
  for (const [token, at] of tokens) {
    const m = parseOne(token, offset + at);
    if ('error' in m) return { ok: false, error: { reason: m.error, at: m.at, kind: 'syntax' } };
    out.push(m);
  }
  return { ok: true, matchers: out };
}
