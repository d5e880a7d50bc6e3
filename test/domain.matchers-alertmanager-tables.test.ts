// Alertmanager's own matcher parser tests, as a table (test/fixtures/alertmanager-matcher-parse.json): oncall
// reads every input as Alertmanager does. Where one of its parsers rejects an input that the other accepts,
// Alertmanager 0.27+ falls back to the other's reading (and 0.25 only has the classic one): the case's
// `fallback` says which, and oncall reads that.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MatcherParseError, parseMatcher, parseMatchers } from '../src/domain/matchers.js';

type Triple = [string, string, string];
interface Case {
  table: 'classic' | 'utf8';
  api?: 'matchers' | 'matcher';
  name?: string;
  input: string;
  matchers?: Triple[] | Triple;
  error?: string;
  fallback?: Triple[];
  why?: string;
}

const { cases } = JSON.parse(
  fs.readFileSync(new URL('./fixtures/alertmanager-matcher-parse.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

function read(c: Case): Triple[] {
  const ms = c.api === 'matcher' ? [parseMatcher(c.input)] : parseMatchers(c.input);
  return ms.map((m) => [m.name, m.type, m.value]);
}

describe.each([
  ['classic parser (pkg/labels/parse_test.go)', 'classic'],
  ['UTF-8 parser (matcher/parse/parse_test.go)', 'utf8'],
] as const)('%s', (_, table) => {
  const mine = cases.filter((c) => c.table === table);
  it('holds the whole table', () => {
    expect(mine.length).toBe(table === 'classic' ? 53 : 76);
  });
  it.each(mine.map((c) => [`${c.api ?? ''} ${c.name ?? ''} ${JSON.stringify(c.input)}`, c] as const))('%s', (_, c) => {
    if (c.fallback) {
      expect(read(c), c.why).toEqual(c.fallback);
    } else if (c.error !== undefined) {
      expect(() => read(c)).toThrow(MatcherParseError);
    } else {
      const want = c.api === 'matcher' ? [c.matchers as Triple] : (c.matchers as Triple[]);
      expect(read(c)).toEqual(want);
    }
  });
});

describe('escapes and names read as Alertmanager reads them', () => {
  it('decodes Go escapes in quoted text where the UTF-8 parser is the only reader', () => {
    expect(parseMatcher('{"foo"="\\U0001f642"}').value).toBe('🙂');
    expect(parseMatcher('{"foo"="\\xf0\\x9f\\x99\\x82"}').value).toBe('🙂');
    expect(parseMatcher('{"foo"="\\u00e9\\t\\101"}').value).toBe('é\tA');
  });
  it('reads backslashes in unquoted values as the classic parser does', () => {
    expect(parseMatcher('{foo=bar\\n}').value).toBe('bar\n');
    expect(parseMatcher('{foo=bar\\\\}').value).toBe('bar\\');
    expect(parseMatcher('{foo=bar\\}').value).toBe('bar\\');
  });
  it('reads quoted UTF-8 label names', () => {
    expect(parseMatchers('{"foo.bar"="x", "🙂"=~"y.*"}')).toEqual([
      { name: 'foo.bar', type: '=', value: 'x' },
      { name: '🙂', type: '=~', value: 'y.*' },
    ]);
  });
  it('refuses what the two parsers read differently, saying so', () => {
    for (const input of ['foo="\\U0001f642"', 'foo="bar\\t"', 'foo="\\x41"']) {
      expect(() => parseMatchers(input), input).toThrow(/ambiguous: Alertmanager 0\.27\+ reads .* but 0\.25 reads/);
    }
  });
  it('counts positions in characters, as Alertmanager does', () => {
    try {
      parseMatchers('{"🙂"="x" y}');
      expect.unreachable();
    } catch (e) {
      expect((e as MatcherParseError).position).toBe(10); // the "y", 10th character, 11th UTF-16 unit
    }
  });
});
