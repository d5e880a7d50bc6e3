// Alertmanager matcher syntax: `name="value"`, `name!="v"`, `name=~"re"`, `name!~"re"`, comma-separated,
// optionally wrapped in braces. One module for the CLI, the TUI filter, silences, causal rules and runbooks.
// Text is read by ports of both of Alertmanager's parsers (./matchers/classic.ts for 0.25, ./matchers/utf8.ts
// for 0.27+) and regexes are Go RE2 (./matchers/re2.ts), so a matcher here means what Alertmanager reads from
// the same text. Unlike amtool, a malformed matcher is an error with its position, never `alertname=…`.
import type { Labels } from './types.js';
import { parseClassic } from './matchers/classic.js';
import { parseUtf8 } from './matchers/utf8.js';
import type { RawMatcher, ReadError, ReadResult } from './matchers/read.js';
import { cachedRegex, RegexSyntaxError } from './matchers/re2.js';
import { formatMatchers, MatcherParseError, type Matcher } from './matchers/format.js';

export { formatMatcher, formatMatchers, MatcherParseError, type Matcher } from './matchers/format.js';
export { compileRegex, RegexSyntaxError, type Pattern } from './matchers/re2.js';

/** 1-based column (in characters, as Alertmanager counts) of UTF-16 offset `at` in `input`. */
function column(input: string, at: number): number {
  return [...input.slice(0, at)].length + 1;
}

function fail(input: string, e: ReadError): never {
  throw new MatcherParseError(input, column(input, e.at), e.reason);
}

/** Alertmanager compiles each regex while parsing: a pattern RE2 rejects makes the reading fail. */
function withRegexes(r: ReadResult): ReadResult {
  if (!r.ok) return r;
  for (const m of r.matchers) {
    if (m.type !== '=~' && m.type !== '!~') continue;
    try {
      cachedRegex(m.value);
    } catch (e) {
      if (!(e instanceof RegexSyntaxError)) throw e;
      const at = m.verbatim ? m.valueAt + e.offset : m.valueAt;
      return {
        ok: false,
        error: { kind: 'regex', at, reason: `invalid regular expression ${JSON.stringify(m.value)}: ${e.message}` },
      };
    }
  }
  return r;
}

const plain = (ms: readonly RawMatcher[]): Matcher[] => ms.map(({ name, type, value }) => ({ name, type, value }));
const same = (a: readonly Matcher[], b: readonly Matcher[]): boolean =>
  a.length === b.length && a.every((m, i) => m.name === b[i]!.name && m.type === b[i]!.type && m.value === b[i]!.value);

/**
 * Parses one or more comma-separated matchers, optionally wrapped in `{…}`. Empty input gives [].
 * Alertmanager 0.27+ reads text with its UTF-8 parser and falls back to the classic one (0.25's); both read the
 * same text alike nearly always. Where only one parser accepts the text, that reading is taken (it is what
 * 0.27+ takes too). Where both accept it but read different matchers (escapes such as `\t` or `\U0001f642`
 * in a quoted value), the text is refused with both readings named: the two versions would silence different
 * alerts.
 */
export function parseMatchers(input: string): Matcher[] {
  const utf8 = withRegexes(parseUtf8(input));
  const classic = withRegexes(parseClassic(input));
  let chosen: RawMatcher[];
  if (utf8.ok && classic.ok) {
    const [u, c] = [plain(utf8.matchers), plain(classic.matchers)];
    if (!same(u, c)) {
      throw new MatcherParseError(
        input,
        1,
        `ambiguous: Alertmanager 0.27+ reads ${formatMatchers(u)} but 0.25 reads ${formatMatchers(c)}; ` +
          'write the value so that both agree (a backslash as \\\\, a special character as itself)',
      );
    }
    chosen = utf8.matchers;
  } else if (utf8.ok) {
    chosen = utf8.matchers;
  } else if (classic.ok) {
    chosen = classic.matchers;
  } else {
    // A regex error says most; otherwise the UTF-8 parser's error has the precise position.
    fail(input, classic.error.kind === 'regex' && utf8.error.kind !== 'regex' ? classic.error : utf8.error);
  }
  const empty = chosen.find((m) => m.name === '');
  if (empty) throw new MatcherParseError(input, column(input, empty.nameAt ?? 0), 'empty label name');
  return plain(chosen);
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

export type LabelPredicate = (labels: Labels) => boolean;

/** Alertmanager semantics: a missing label has the value "", regexes are fully anchored. */
export function matchValue(m: Matcher, value: string | undefined): boolean {
  const v = value ?? '';
  switch (m.type) {
    case '=':
      return v === m.value;
    case '!=':
      return v !== m.value;
    case '=~':
      return cachedRegex(m.value).test(v);
    case '!~':
      return !cachedRegex(m.value).test(v);
  }
}

export function compileMatchers(ms: readonly Matcher[]): LabelPredicate {
  const preds = ms.map((m): LabelPredicate => {
    if (m.type === '=' || m.type === '!=') return (labels) => matchValue(m, labels[m.name]);
    const re = cachedRegex(m.value); // compiled once here, not looked up per alert
    const want = m.type === '=~';
    return (labels) => re.test(labels[m.name] ?? '') === want;
  });
  return (labels) => preds.every((p) => p(labels));
}

export function matchesAll(ms: readonly Matcher[], labels: Labels): boolean {
  return ms.every((m) => matchValue(m, labels[m.name]));
}

/** True when the matcher matches an alert that lacks the label entirely. */
export function matchesEmpty(m: Matcher): boolean {
  return matchValue(m, '');
}
