import { describe, expect, it } from 'vitest';
import {
  compileMatchers,
  compileRegex,
  formatMatcher,
  formatMatchers,
  matchesAll,
  matchesEmpty,
  matchValue,
  MatcherParseError,
  parseMatcher,
  parseMatcherArgs,
  parseMatchers,
  type Matcher,
} from '../src/domain/matchers.js';

function parseError(input: string): MatcherParseError {
  try {
    parseMatchers(input);
  } catch (e) {
    if (e instanceof MatcherParseError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

describe('parseMatchers', () => {
  it('parses every operator', () => {
    expect(parseMatchers('a="1", b!="2", c=~"3.*", d!~"4|5"')).toEqual([
      { name: 'a', type: '=', value: '1' },
      { name: 'b', type: '!=', value: '2' },
      { name: 'c', type: '=~', value: '3.*' },
      { name: 'd', type: '!~', value: '4|5' },
    ]);
  });

  it('accepts braces, spaces around operators and a trailing comma', () => {
    const want: Matcher[] = [
      { name: 'alertname', type: '=~', value: 'High.*' },
      { name: 'severity', type: '=', value: 'critical' },
    ];
    expect(parseMatchers('{alertname=~"High.*", severity="critical"}')).toEqual(want);
    expect(parseMatchers('  { alertname =~ "High.*" ,severity = "critical", }  ')).toEqual(want);
    expect(parseMatchers('alertname=~"High.*",severity="critical",')).toEqual(want);
  });

  it('accepts unquoted values, ended by a comma, a brace or whitespace', () => {
    expect(parseMatchers('severity=critical,cluster!=dev')).toEqual([
      { name: 'severity', type: '=', value: 'critical' },
      { name: 'cluster', type: '!=', value: 'dev' },
    ]);
    expect(parseMatchers('{alertname=~High.*}')).toEqual([{ name: 'alertname', type: '=~', value: 'High.*' }]);
    expect(parseMatchers('job=node-exporter ')).toEqual([{ name: 'job', type: '=', value: 'node-exporter' }]);
  });

  it("reads what only Alertmanager's classic parser accepts as 0.25 and 0.27+ both do", () => {
    expect(parseMatchers('{a="1"')).toEqual([{ name: 'a', type: '=', value: '1' }]);
    expect(parseMatchers('a=,b="1"')).toEqual([
      { name: 'a', type: '=', value: '' },
      { name: 'b', type: '=', value: '1' },
    ]);
    expect(parseMatchers('{foo=bar\\n}')).toEqual([{ name: 'foo', type: '=', value: 'bar\n' }]);
  });

  it('gives an empty list for empty input and empty braces', () => {
    expect(parseMatchers('')).toEqual([]);
    expect(parseMatchers('   ')).toEqual([]);
    expect(parseMatchers('{}')).toEqual([]);
  });

  it('unescapes \\" \\\\ \\n in quoted values and keeps regex escapes as written', () => {
    expect(parseMatcher('summary="say \\"hi\\""').value).toBe('say "hi"');
    expect(parseMatcher('path="C:\\\\tmp"').value).toBe('C:\\tmp');
    expect(parseMatcher('text="a\\nb"').value).toBe('a\nb');
    expect(parseMatcher('instance=~"10\\.0\\.0\\.\\d+"').value).toBe('10\\.0\\.0\\.\\d+');
    expect(parseMatcher('v="a,b}c=d"').value).toBe('a,b}c=d');
  });

  it('reads quoted UTF-8 label names and values', () => {
    expect(parseMatchers('"service.name"="checkout", "modèle"=~"résumé.*"')).toEqual([
      { name: 'service.name', type: '=', value: 'checkout' },
      { name: 'modèle', type: '=~', value: 'résumé.*' },
    ]);
  });

  it('rejects severity:crit at position 9 and never turns it into an alertname matcher', () => {
    const e = parseError('severity:crit');
    expect(e.position).toBe(9);
    expect(e.reason).toContain('expected an operator');
    expect(e.reason).toContain('":"');
    expect(parseMatcher('job:rate="x"').name).toBe('job:rate'); // a ":" is fine in a name followed by an operator
  });

  it('refuses text that Alertmanager 0.25 and 0.27+ read as different matchers, naming both readings', () => {
    const e = parseError('text="a\\tb"');
    expect(e.reason).toContain('ambiguous');
    expect(e.reason).toContain('0.25 reads {text="a\\\\tb"}');
    expect(parseError('v="\\U0001f642"').reason).toContain('ambiguous');
    // written so that both agree
    expect(parseMatcher('text="a\\\\tb"').value).toBe('a\\tb');
  });

  it('rejects a bare word instead of guessing alertname=', () => {
    const e = parseError('HighErrorRate');
    expect(e.position).toBe(14);
    expect(e.reason).toContain('end of input');
  });

  it('reports the position of other mistakes', () => {
    expect(parseError('a="1" b="2"').position).toBe(7); // missing comma
    expect(parseError('a="1", x y="2"').position).toBe(10); // a space in an unquoted name
    expect(parseError('a="unterminated').position).toBe(3);
    expect(parseError('{a="1"} extra').position).toBe(9);
    expect(parseError('=x').reason).toContain('expected a label name');
    expect(parseError('a=b"c"').position).toBe(4);
    expect(parseError('""="x"').reason).toBe('empty label name');
    expect(parseError('a=="x"').position).toBe(3);
    expect(parseError(',').position).toBe(1);
  });

  it('rejects an invalid regex with the position of its value', () => {
    const e = parseError('alertname="x", job=~"(unclosed"');
    expect(e.position).toBe(22);
    expect(e.reason).toMatch(/^invalid regular expression "\(unclosed": missing closing \)/);
    expect(parseError('a!~"[z-a]"').position).toBe(6);
    // the same text is fine for an equality matcher
    expect(parseMatcher('job="(unclosed"').value).toBe('(unclosed');
  });

  it('accepts Go flag groups such as (?i), which Alertmanager allows', () => {
    const [m] = parseMatchers('alertname=~"(?i)high.*"');
    expect(matchValue(m!, 'HighErrorRate')).toBe(true);
    expect(matchValue(m!, 'LowErrorRate')).toBe(false);
    expect(compileRegex('(?U)a+').test('aaa')).toBe(true);
  });

  it('parseMatcher wants exactly one, parseMatcherArgs joins arguments', () => {
    expect(() => parseMatcher('a="1",b="2"')).toThrow(MatcherParseError);
    expect(parseMatcherArgs(['a="1"', 'b=~"2", c!="3"'])).toHaveLength(3);
  });

  it('formats matchers so that they parse back to the same thing', () => {
    const cases: Matcher[] = [
      { name: 'alertname', type: '=', value: 'GPUMemoryOOM' },
      { name: 'summary', type: '!=', value: 'quote " backslash \\ newline \n tab \t end' },
      { name: 'instance', type: '=~', value: '10\\.0\\.0\\.\\d+|gpu-[0-9]+' },
      { name: 'service.name', type: '!~', value: 'checkout|cart' },
      { name: 'empty', type: '=', value: '' },
      { name: 'x', type: '=', value: 'a,b}c={d' },
    ];
    for (const m of cases) expect(parseMatcher(formatMatcher(m))).toEqual(m);
    expect(parseMatchers(formatMatchers(cases))).toEqual(cases);
    expect(formatMatcher({ name: 'service.name', type: '=', value: 'x' })).toBe('"service.name"="x"');
    expect(formatMatchers([{ name: 'a', type: '=~', value: 'b' }])).toBe('{a=~"b"}');
  });
});

describe('matching labels', () => {
  it('anchors regexes fully, as Alertmanager does', () => {
    const m: Matcher = { name: 'alertname', type: '=~', value: 'High' };
    expect(matchValue(m, 'High')).toBe(true);
    expect(matchValue(m, 'HighErrorRate')).toBe(false);
    expect(matchValue(m, 'VeryHigh')).toBe(false);
    expect(matchValue({ name: 'a', type: '=~', value: 'a|b' }, 'ab')).toBe(false);
    expect(matchValue({ name: 'a', type: '!~', value: 'High' }, 'HighErrorRate')).toBe(true);
  });

  it('treats a missing label as the empty string', () => {
    expect(matchesAll(parseMatchers('team=""'), { alertname: 'X' })).toBe(true);
    expect(matchesAll(parseMatchers('team!=""'), { alertname: 'X' })).toBe(false);
    expect(matchesAll(parseMatchers('team=~".*"'), {})).toBe(true);
    expect(matchesAll(parseMatchers('team!~".+"'), {})).toBe(true);
    expect(matchesAll(parseMatchers('team="ml"'), {})).toBe(false);
    expect(matchesEmpty(parseMatcher('team=~".*"'))).toBe(true);
    expect(matchesEmpty(parseMatcher('team=~".+"'))).toBe(false);
  });

  it('does not let . match a newline unless (?s) says so', () => {
    expect(matchValue({ name: 'a', type: '=~', value: 'x.y' }, 'x\ny')).toBe(false);
    expect(matchValue({ name: 'a', type: '=~', value: '(?s)x.y' }, 'x\ny')).toBe(true);
  });

  it('compileMatchers and matchesAll agree and require every matcher', () => {
    const ms = parseMatchers('alertname=~"GPU.*", severity="critical", cluster!="dev"');
    const pred = compileMatchers(ms);
    const cases: Record<string, string>[] = [
      { alertname: 'GPUMemoryOOM', severity: 'critical', cluster: 'prod' },
      { alertname: 'GPUMemoryOOM', severity: 'critical', cluster: 'dev' },
      { alertname: 'GPUMemoryOOM', severity: 'warning', cluster: 'prod' },
      { alertname: 'DiskFull', severity: 'critical' },
      { alertname: 'GPUMemoryOOM', severity: 'critical' },
    ];
    expect(cases.map((l) => pred(l))).toEqual([true, false, false, false, true]);
    expect(cases.map((l) => matchesAll(ms, l))).toEqual([true, false, false, false, true]);
    expect(compileMatchers([])({})).toBe(true);
  });
});
