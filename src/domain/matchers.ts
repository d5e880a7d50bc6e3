// Alertmanager matcher syntax: `name="value"`, `name!="v"`, `name=~"re"`, `name!~"re"`, comma-separated,
// optionally wrapped in braces. One parser for the CLI, the TUI filter, silences and causal rules.
// Unlike amtool, a malformed matcher is an error with its position, never reinterpreted as `alertname=…`.
import type { Labels } from './types.js';

export type MatchType = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  name: string;
  type: MatchType;
  value: string;
}

export class MatcherParseError extends Error {
  /** 1-based column in `input` where the problem is. */
  readonly position: number;
  readonly input: string;
  readonly reason: string;
  constructor(input: string, position: number, reason: string) {
    super(`${reason} at position ${position} in ${JSON.stringify(input)}`);
    this.name = 'MatcherParseError';
    this.input = input;
    this.position = position;
    this.reason = reason;
  }
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

class Scanner {
  pos = 0;
  constructor(readonly src: string) {}
  get done(): boolean { return this.pos >= this.src.length; }
  peek(): string { return this.src[this.pos] ?? ''; }
  skipSpace(): void { while (/\s/.test(this.peek())) this.pos++; }
  fail(reason: string, at = this.pos): never { throw new MatcherParseError(this.src, at + 1, reason); }
}

function readName(s: Scanner): string {
  const start = s.pos;
  if (s.peek() === '"') {
    // UTF-8 label names (Alertmanager 0.27+) are quoted.
    const name = readQuoted(s);
    if (!name) s.fail('empty label name', start);
    return name;
  }
  if (!NAME_START.test(s.peek())) {
    s.fail(s.done ? 'expected a label name, found end of input' : `expected a label name, found ${JSON.stringify(s.peek())}`);
  }
  while (NAME_CHAR.test(s.peek())) s.pos++;
  return s.src.slice(start, s.pos);
}

function readOp(s: Scanner, name: string): MatchType {
  const two = s.src.slice(s.pos, s.pos + 2);
  if (two === '=~' || two === '!=' || two === '!~') { s.pos += 2; return two; }
  if (s.peek() === '=') { s.pos += 1; return '='; }
  const found = s.done ? 'end of input' : JSON.stringify(s.peek());
  return s.fail(`expected an operator (=, !=, =~, !~) after label name ${JSON.stringify(name)}, found ${found}`);
}

function readQuoted(s: Scanner): string {
  const open = s.pos;
  s.pos++; // opening quote
  let out = '';
  while (!s.done) {
    const c = s.peek();
    if (c === '"') { s.pos++; return out; }
    if (c === '\\') {
      const n = s.src[s.pos + 1];
      if (n === undefined) break;
      // \" \\ \n \t are unescaped; any other escape (a regex's \. or \d) is kept as written.
      out += n === 'n' ? '\n' : n === 't' ? '\t' : n === '"' || n === '\\' ? n : '\\' + n;
      s.pos += 2;
      continue;
    }
    out += c;
    s.pos++;
  }
  return s.fail('unterminated quoted value (missing closing ")', open);
}

// An unquoted value ends at whitespace, as in Alertmanager's parser: `a=b c=d` is two matchers missing a comma,
// not the value "b c=d".
function readUnquoted(s: Scanner, op: MatchType): string {
  const start = s.pos;
  while (!s.done && s.peek() !== ',' && s.peek() !== '}' && !/\s/.test(s.peek())) {
    const c = s.peek();
    if (c === '"' || c === '=' || c === '!' || c === '~' || c === '{') {
      s.fail(`unexpected ${JSON.stringify(c)} in unquoted value (quote values that contain it)`);
    }
    s.pos++;
  }
  if (s.pos === start) {
    s.fail(`expected a value after ${op}${s.done ? ', found end of input' : ''} (write "" for an empty value)`);
  }
  return s.src.slice(start, s.pos);
}

function checkRegex(s: Scanner, m: Matcher, at: number): void {
  if (m.type !== '=~' && m.type !== '!~') return;
  try {
    compileRegex(m.value);
  } catch (e) {
    s.fail(`invalid regular expression ${JSON.stringify(m.value)}: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`, at);
  }
}

/** Parses one or more comma-separated matchers, optionally wrapped in `{…}`. Empty input gives []. */
export function parseMatchers(input: string): Matcher[] {
  const s = new Scanner(input);
  const out: Matcher[] = [];
  s.skipSpace();
  const braced = s.peek() === '{';
  if (braced) s.pos++;
  s.skipSpace();
  while (!s.done && !(braced && s.peek() === '}')) {
    const name = readName(s);
    s.skipSpace();
    const type = readOp(s, name);
    s.skipSpace();
    const valueAt = s.pos;
    const value = s.peek() === '"' ? readQuoted(s) : readUnquoted(s, type);
    const m: Matcher = { name, type, value };
    checkRegex(s, m, valueAt);
    out.push(m);
    s.skipSpace();
    if (s.peek() === ',') {
      s.pos++;
      s.skipSpace();
      if (s.done || (braced && s.peek() === '}')) break; // trailing comma is accepted, as Alertmanager does
      continue;
    }
    if (s.done || (braced && s.peek() === '}')) break;
    s.fail(`expected "," between matchers or the end, found ${JSON.stringify(s.peek())}`);
  }
  if (braced) {
    if (s.peek() !== '}') s.fail('missing closing "}"');
    s.pos++;
    s.skipSpace();
    if (!s.done) s.fail(`unexpected text after "}"`);
  }
  return out;
}

/** Parses command-line arguments, each holding one or more matchers. Errors name the argument. */
export function parseMatcherArgs(args: readonly string[]): Matcher[] {
  const out: Matcher[] = [];
  for (const a of args) out.push(...parseMatchers(a));
  return out;
}

export function parseMatcher(input: string): Matcher {
  const ms = parseMatchers(input);
  if (ms.length !== 1) throw new MatcherParseError(input, 1, `expected exactly one matcher, found ${ms.length}`);
  return ms[0]!;
}

function quote(v: string): string {
  return '"' + v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') + '"';
}

export function formatMatcher(m: Matcher): string {
  const name = /^[A-Za-z_][A-Za-z0-9_]*$/.test(m.name) ? m.name : quote(m.name);
  return `${name}${m.type}${quote(m.value)}`;
}

export function formatMatchers(ms: readonly Matcher[]): string {
  return `{${ms.map(formatMatcher).join(', ')}}`;
}

export type LabelPredicate = (labels: Labels) => boolean;

// Go's RE2 (what Alertmanager uses) allows leading flag groups such as `(?i)`; JavaScript on Node 20 does not, so
// they become RegExp flags. `.` does not match a newline unless `(?s)` says so, as in Go.
const GO_FLAGS = /^\(\?([imsU]+)\)/;

/** Compiles an Alertmanager regex, fully anchored as Alertmanager does. Throws SyntaxError when invalid. */
export function compileRegex(re: string): RegExp {
  let body = re;
  let flags = '';
  const f = GO_FLAGS.exec(body);
  if (f) {
    if (f[1]!.includes('U')) throw new SyntaxError('the (?U) flag is not supported');
    // (?m) only changes ^ and $ inside the pattern; in JavaScript it would also unanchor the whole match, so it
    // is left out (label values practically never hold newlines).
    flags = [...new Set(f[1]!.replace(/m/g, ''))].join('');
    body = body.slice(f[0].length);
  }
  return new RegExp(`^(?:${body})$`, flags);
}

const regexCache = new Map<string, RegExp>();
function anchored(re: string): RegExp {
  let r = regexCache.get(re);
  if (!r) {
    r = compileRegex(re);
    if (regexCache.size > 10_000) regexCache.clear();
    regexCache.set(re, r);
  }
  return r;
}

/** Alertmanager semantics: a missing label has the value "", regexes are fully anchored. */
export function matchValue(m: Matcher, value: string | undefined): boolean {
  const v = value ?? '';
  switch (m.type) {
    case '=': return v === m.value;
    case '!=': return v !== m.value;
    case '=~': return anchored(m.value).test(v);
    case '!~': return !anchored(m.value).test(v);
  }
}

export function compileMatchers(ms: readonly Matcher[]): LabelPredicate {
  const preds = ms.map((m) => (labels: Labels) => matchValue(m, labels[m.name]));
  return (labels) => preds.every((p) => p(labels));
}

export function matchesAll(ms: readonly Matcher[], labels: Labels): boolean {
  return ms.every((m) => matchValue(m, labels[m.name]));
}

/** True when the matcher matches an alert that lacks the label entirely. */
export function matchesEmpty(m: Matcher): boolean {
  return matchValue(m, '');
}
