// RE2 conformance of matcher regexes, with cases from RE2's syntax (github.com/google/re2/wiki/Syntax): what
// Alertmanager (Go's regexp, an RE2) matches and rejects, fully anchored. JavaScript's RegExp answers most of
// these differently; test/domain.matchers-re2-alertmanager.test.ts checks the same ground against a real Alertmanager.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { compileRegex, matchValue, MatcherParseError, parseMatcher, RegexSyntaxError } from '../src/domain/matchers.js';

const re = (p: string, v: string) => matchValue({ name: 'x', type: '=~', value: p }, v);

describe('RE2 syntax, anchored as Alertmanager anchors', () => {
  it.each([
    // anchors
    ['\\A.+', 'Anything', true],
    ['\\A.+', 'x', true],
    ['a\\z', 'a', true],
    ['.+\\z', 'z', true],
    ['^a$', 'a', true],
    ['a|b', 'ab', false],
    ['(?m)^a$', 'a', true],
    ['a^', 'a', false],
    ['$a', 'a', false],
    ['\\ba', 'a', true],
    ['a\\B', 'a', false],
    // classes: Perl classes are ASCII, Unicode classes by name, POSIX classes inside brackets
    ['\\d+', '123', true],
    ['\\d', '٣', false],
    ['\\w+', 'é', false],
    ['\\s', '\u00a0', false],
    ['\\s', '\t', true],
    ['\\pL+', 'éa日', true],
    ['\\pL', '1', false],
    ['\\p{Greek}+', 'αβγ', true],
    ['\\PL+', '12-', true],
    ['\\pN', '٣', true],
    ['[[:alpha:]]+', 'abc', true],
    ['[[:alpha:]]', 'é', false],
    ['[[:^digit:]]+', 'ab', true],
    ['[[:word:]]+', 'a_1', true],
    ['[^a]', 'é', true],
    ['[^a]', '\n', true],
    ['.', '\n', false],
    ['.', '🔥', true],
    ['..', '🔥', false],
    // flags, global and scoped
    ['(?i)abc', 'ABC', true],
    ['(?i:a)b', 'Ab', true],
    ['(?i:a)b', 'AB', false],
    ['(?i)a(?-i)b', 'AB', false],
    ['(?i)k', '\u212a', true],
    ['(?s).+', 'a\nb', true],
    ['.+', 'a\nb', false],
    ['(?U)a+', 'aaa', true],
    ['(?m)a$', 'a', true],
    ['(?sm)a.b', 'a\nb', true],
    // escapes and literals
    ['\\Qa.b\\E', 'a.b', true],
    ['\\Qa.b\\E', 'axb', false],
    ['\\x41', 'A', true],
    ['\\x{1F525}', '🔥', true],
    ['\\101', 'A', true],
    ['\\.', '.', true],
    ['a{2,3}', 'aaa', true],
    ['a{2,3}', 'aaaa', false],
    ['a{,2}', 'a{,2}', true],
    ['(?P<n>a)|(?P<n>b)', 'b', true],
    ['(?<n>a)', 'a', true],
  ] as [string, string, boolean][])('%s on %j: %s', (p, v, want) => {
    expect(re(p, v)).toBe(want);
  });

  it.each([
    ['(?=a)a', 0],
    ['a(?!b)', 1],
    ['(?<=a)b', 0],
    ['(?<!a)b', 0],
    ['(a)\\1', 3],
    ['a++', 1],
    ['(?>a)', 0],
    ['\\C', 0],
    ['\\Z', 0],
    ['a{1001}', 1],
    ['[[:foo:]]', 1],
    ['\\pX', 0],
    ['[z-a]', 1],
    ['(unclosed', 0],
    ['x**', 1],
    ['a)|(b', 0],
    ['\\Q.*', 0],
    ['(?#comment)', 0],
  ] as [string, number][])('rejects %s, at offset %d of the pattern', (p, offset) => {
    let err: unknown;
    try {
      compileRegex(p);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RegexSyntaxError);
    expect((err as RegexSyntaxError).offset).toBe(offset);
    // In a matcher, the position points into the text the user wrote.
    try {
      parseMatcher(`job=~"${p.replace(/\\/g, '\\\\')}"`);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MatcherParseError);
      if (!p.includes('\\')) expect((e as MatcherParseError).position).toBe(7 + offset);
    }
  });
});

describe('literal alternatives with `.*` at either end, tested without RE2', () => {
  // The same answers as RE2 itself (re2js, anchored as Alertmanager anchors) for every pattern and value below.
  const patterns = [
    'HighErrorRate.*|HighPredictionLatency.*|BatchTimeout',
    '.*Latency',
    '.*Latency.*|Queue',
    '.*',
    '.*.*',
    'a\\.b.*|c\\|d',
    'Drift.*|',
    '|x',
    'a\\*.*',
    '日本.*|🔥',
  ];
  const values = [
    '',
    'HighErrorRate',
    'HighErrorRateFastBurn',
    'HighErrorRate\nX',
    'xHighErrorRate',
    'BatchTimeout',
    'BatchTimeoutX',
    'P99Latency',
    'Latency',
    'P99LatencyHigh',
    'Latency\n',
    '\nLatency',
    'Queue',
    'a.bc',
    'axbc',
    'c|d',
    'cxd',
    'Drift',
    'DriftX',
    'x',
    'a*',
    'a*\n',
    'aa',
    '日本語',
    '🔥',
    '🔥\n',
    'a\ud800',
    '\ud800',
  ];
  const { RE2JS } = createRequire(import.meta.url)('re2js') as typeof import('re2js');
  for (const p of patterns) {
    it(`matches as RE2 does: ${p}`, () => {
      const fast = compileRegex(p);
      const re2 = RE2JS.compile(`^(?:${p})$`);
      for (const v of values) expect([v, fast.test(v)]).toEqual([v, re2.test(v)]);
    });
  }

  it('leaves other patterns to RE2', () => {
    // `.` alone, `.+`, a class, `.*` between literals: RE2's answers, not a string test's.
    expect(compileRegex('a.c').test('abc')).toBe(true);
    expect(compileRegex('a.c').test('a\nc')).toBe(false);
    expect(compileRegex('a.+').test('a')).toBe(false);
    expect(compileRegex('a.*c').test('abbc')).toBe(true);
    expect(compileRegex('a.*c').test('ab\nc')).toBe(false);
    expect(compileRegex('\\d.*').test('1x')).toBe(true);
  });
});
