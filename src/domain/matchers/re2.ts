// Regexes as Alertmanager reads them: Go's RE2 syntax (re2js is a port of it), fully anchored by wrapping the
// pattern in `^(?:…)$` exactly as Alertmanager's labels.NewMatcher does, so even a pattern such as `a)|(b`
// means here what it means there. JavaScript's RegExp is never used for a matcher: it reads `\A`, `\z`, `\pL`,
// `[[:alpha:]]`, `\Q…\E` differently and accepts lookarounds and backreferences that RE2 rejects.
import { createRequire } from 'node:module';
import type * as Re2Lib from 're2js';
import { OncallError } from '../errors.js';

// re2js takes tens of milliseconds to load, which commands that never read a matcher (and the TUI's first frame)
// should not pay: it is loaded on the first regex. In the bundle esbuild resolves this require and evaluates the
// package only when it runs; under plain Node ESM (tsc's output, the tests) createRequire stands in.
declare const require: ((id: 're2js') => typeof Re2Lib) | undefined;
let lib: typeof Re2Lib | undefined;
function re2(): typeof Re2Lib {
  lib ??= typeof require === 'function' ? require('re2js') : (createRequire(import.meta.url)('re2js') as typeof Re2Lib);
  return lib;
}

/** What a compiled matcher regex offers; a RegExp also fits, for built-in (not user-written) patterns. */
export interface Pattern {
  test(value: string): boolean;
}

/** A pattern RE2 rejects: `offset` is where in the pattern (0-based, UTF-16) the offending text starts. */
export class RegexSyntaxError extends OncallError {
  readonly pattern: string;
  readonly offset: number;
  readonly reason: string;
  constructor(pattern: string, reason: string, snippet: string, offset: number) {
    super('usage', snippet ? `${reason}: ${JSON.stringify(snippet)}` : reason);
    this.name = 'RegexSyntaxError';
    this.pattern = pattern;
    this.reason = reason;
    this.offset = offset;
  }
}

/** The text Alertmanager compiles for a matcher's pattern. */
export function anchoredSource(pattern: string): string {
  return `^(?:${pattern})$`;
}

function syntaxError(pattern: string, e: Re2Lib.RE2JSSyntaxException): RegexSyntaxError {
  const reason = e.error || e.message.replace(/^error parsing regexp: /, '');
  const snippet = typeof e.input === 'string' ? e.input : '';
  const at = snippet ? pattern.indexOf(snippet) : -1;
  return new RegexSyntaxError(pattern, reason, snippet, Math.max(0, at));
}

// Go's regexp (unlike RE2 proper, and re2js) accepts two groups of the same name; names do not change what a
// pattern matches, so such groups are compiled unnamed. Escapes and classes are skipped, where `(` is literal.
function unnamed(pattern: string): string {
  return pattern.replace(/\\[\s\S]|\[(?:\\[\s\S]|[^\]\\])*\]?|\(\?P?<(?![=!])[^>]*>/g, (t) =>
    t.startsWith('(') ? '(' : t,
  );
}

function compileChecked(source: string, pattern: string): Re2Lib.RE2JS {
  const { RE2JS, RE2JSSyntaxException } = re2();
  try {
    return RE2JS.compile(source);
  } catch (e) {
    if (!(e instanceof RE2JSSyntaxException)) throw e;
    if (e.error === 'duplicate capture group name') return compileChecked(unnamed(source), pattern);
    throw syntaxError(pattern, e);
  }
}

// Outside a class, every character but these is literal in RE2. A pattern without them matches exactly itself,
// and one with only `|` exactly one of its alternatives: equality and a set give the same answers, faster.
const META = /[\\.+*?()|[\]{}^$]/;
const META_BUT_BAR = /[\\.+*?()[\]{}^$]/;

// Literals, escaped metacharacters, `.` optionally repeated, and `|`: always valid RE2, so such a pattern (the
// built-in rules' `HighErrorRate.*|…`) is compiled on its first test, not when it is read.
const SIMPLE = /^(?:[^\\.+*?()|[\]{}^$]|\\[\\.+*?()|[\]{}^$]|\.[*+?]?|\|)*$/;

/** One alternative of a literal pattern: `.*` before and/or after a literal. */
interface Affixed {
  lit: string;
  before: boolean;
  after: boolean;
}

/**
 * Alternatives that are each a literal (escaped metacharacters allowed) with an optional `.*` before and after it,
 * such as the built-in rules' `HighErrorRate.*|BatchTimeout`, as plain string tests; undefined for any other
 * pattern. Exact: RE2's `.` is every character but `\n`, so `lit.*` matches exactly the values that start with
 * lit and hold no `\n` (lit itself holds none, or the pattern is not taken). It spares loading and running RE2 for
 * every distinct alert name a storm brings.
 */
function affixedLiterals(pattern: string): Pattern | undefined {
  const alts: Affixed[] = [];
  let lit = '';
  let before = false;
  let after = false;
  let i = 0;
  for (;;) {
    const c = pattern[i];
    if (c === undefined || c === '|') {
      if ((before || after) && lit.includes('\n')) return undefined;
      alts.push({ lit, before, after });
      if (c === undefined) break;
      lit = '';
      before = after = false;
      i++;
    } else if (after) {
      return undefined; // `.*` in the middle
    } else if (c === '.' && pattern[i + 1] === '*') {
      if (lit === '' && !before) before = true;
      else after = true;
      i += 2;
    } else if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined || !META.test(next)) return undefined;
      lit += next;
      i += 2;
    } else if (META.test(c)) {
      return undefined;
    } else {
      lit += c;
      i++;
    }
  }
  return {
    test(v) {
      for (let j = 0; j < alts.length; j++) {
        const a = alts[j]!;
        if (!a.before && !a.after) {
          if (v === a.lit) return true;
        } else if (
          (a.before ? (a.after ? v.includes(a.lit) : v.endsWith(a.lit)) : v.startsWith(a.lit)) &&
          !v.includes('\n')
        ) {
          return true;
        }
      }
      return false;
    },
  };
}

/** Compiles a matcher regex. Throws RegexSyntaxError for a pattern Alertmanager would reject. */
export function compileRegex(pattern: string): Pattern {
  if (!META.test(pattern)) return { test: (v) => v === pattern };
  if (!META_BUT_BAR.test(pattern)) {
    const names = new Set(pattern.split('|'));
    return { test: (v) => names.has(v) };
  }
  const affixed = affixedLiterals(pattern);
  if (affixed) return affixed;
  if (SIMPLE.test(pattern)) {
    let re: Re2Lib.RE2JS | undefined;
    return { test: (v) => (re ??= compileChecked(anchoredSource(pattern), pattern)).test(v) };
  }
  // Alertmanager's silence API compiles the pattern on its own too, so `a)|(b`, which only the anchoring
  // balances, is refused there: it is refused here, with positions that are the pattern's own.
  compileChecked(pattern, pattern);
  const re = compileChecked(anchoredSource(pattern), pattern);
  return { test: (v) => re.test(v) };
}

/** The compiled program, for analyses that need more than yes/no on a value (see ./witness.ts). */
export function compileProgram(pattern: string): unknown {
  return (compileChecked(anchoredSource(pattern), pattern) as unknown as { re2Input?: { prog?: unknown } }).re2Input
    ?.prog;
}

// Compiled once per distinct pattern, and each pattern remembers its answers for recent values: grouping asks
// the same few rule patterns about the same few label values (severities, clusters, alert names) on every alert,
// and an RE2 test costs several times a JavaScript one.
const cache = new Map<string, Pattern>();

function memoized(p: Pattern): Pattern {
  const seen = new Map<string, boolean>();
  return {
    test(v) {
      let r = seen.get(v);
      if (r === undefined) {
        r = p.test(v);
        if (v.length <= 256) {
          if (seen.size >= 4096) seen.clear();
          seen.set(v, r);
        }
      }
      return r;
    },
  };
}

/** Like compileRegex, from a bounded cache. */
export function cachedRegex(pattern: string): Pattern {
  let r = cache.get(pattern);
  if (!r) {
    const compiled = compileRegex(pattern);
    r = META_BUT_BAR.test(pattern) && !affixedLiterals(pattern) ? memoized(compiled) : compiled;
    if (cache.size >= 10_000) cache.clear();
    cache.set(pattern, r);
  }
  return r;
}
