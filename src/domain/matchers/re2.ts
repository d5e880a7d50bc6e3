// Regexes as Alertmanager reads them: Go's RE2 syntax (re2js is a port of it), fully anchored by wrapping the
// pattern in `^(?:…)$` exactly as Alertmanager's labels.NewMatcher does, so even a pattern such as `a)|(b`
// means here what it means there. JavaScript's RegExp is never used for a matcher: it reads `\A`, `\z`, `\pL`,
// `[[:alpha:]]`, `\Q…\E` differently and accepts lookarounds and backreferences that RE2 rejects.
import { RE2JS, RE2JSSyntaxException } from 're2js';

/** What a compiled matcher regex offers; a RegExp also fits, for built-in (not user-written) patterns. */
export interface Pattern {
  test(value: string): boolean;
}

/** A pattern RE2 rejects: `offset` is where in the pattern (0-based, UTF-16) the offending text starts. */
export class RegexSyntaxError extends Error {
  readonly pattern: string;
  readonly offset: number;
  readonly reason: string;
  constructor(pattern: string, reason: string, snippet: string, offset: number) {
    super(snippet ? `${reason}: ${JSON.stringify(snippet)}` : reason);
    this.name = 'RegexSyntaxError';
    this.pattern = pattern;
    this.reason = reason;
    this.offset = offset;
  }
}

const PREFIX = '^(?:';
const SUFFIX = ')$';

/** The text Alertmanager compiles for a matcher's pattern. */
export function anchoredSource(pattern: string): string {
  return `${PREFIX}${pattern}${SUFFIX}`;
}

function syntaxError(pattern: string, e: RE2JSSyntaxException): RegexSyntaxError {
  const source = anchoredSource(pattern);
  const reason = e.error || e.message.replace(/^error parsing regexp: /, '');
  let snippet = typeof e.input === 'string' ? e.input : '';
  // RE2 quotes the offending text of the anchored source; map it back into the pattern as written.
  const at = snippet ? source.indexOf(snippet) : -1;
  let offset = at < 0 ? 0 : Math.max(0, at - PREFIX.length);
  if (at >= 0 && at < PREFIX.length) snippet = snippet.slice(PREFIX.length - at);
  if (snippet.endsWith(SUFFIX) && at + snippet.length >= source.length) snippet = snippet.slice(0, -SUFFIX.length);
  offset = Math.min(offset, pattern.length);
  return new RegexSyntaxError(pattern, reason, snippet, offset);
}

// Outside a class, every character but these is literal in RE2. A pattern without them matches exactly itself,
// and one with only `|` exactly one of its alternatives: equality and a set give the same answers, faster.
const META = /[\\.+*?()|[\]{}^$]/;
const META_BUT_BAR = /[\\.+*?()[\]{}^$]/;

/** Compiles a matcher regex. Throws RegexSyntaxError for a pattern Alertmanager would reject. */
export function compileRegex(pattern: string): Pattern {
  if (!META.test(pattern)) return { test: (v) => v === pattern };
  if (!META_BUT_BAR.test(pattern)) {
    const names = new Set(pattern.split('|'));
    return { test: (v) => names.has(v) };
  }
  let re: RE2JS;
  try {
    re = RE2JS.compile(anchoredSource(pattern));
  } catch (e) {
    if (e instanceof RE2JSSyntaxException) throw syntaxError(pattern, e);
    throw e;
  }
  return { test: (v) => re.test(v) };
}

/** The compiled program, for analyses that need more than yes/no on a value (see ./witness.ts). */
export function compileProgram(pattern: string): unknown {
  return (RE2JS.compile(anchoredSource(pattern)) as unknown as { re2Input?: { prog?: unknown } }).re2Input?.prog;
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
    r = META_BUT_BAR.test(pattern) ? memoized(compiled) : compiled;
    if (cache.size >= 10_000) cache.clear();
    cache.set(pattern, r);
  }
  return r;
}
