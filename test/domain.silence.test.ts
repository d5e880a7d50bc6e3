import { describe, expect, it } from 'vitest';
import { parseMatchers } from '../src/domain/matchers.js';
import { coverage, matchesEveryValue } from '../src/domain/silence/catchall.js';
import { checkSilence, matcherDoubts, matcherRefusals } from '../src/domain/silence/guardrails.js';
import { escapeRegex, matchersFromAlert, matchersFromAlerts } from '../src/domain/silence/prefill.js';
import { clustersOf, previewMatches } from '../src/domain/silence/preview.js';
import type { Alert } from '../src/domain/types.js';
import type { GuardrailLimits, SilenceSpec } from '../src/domain/silence/types.js';

function alert(labels: Record<string, string>, fp = Object.values(labels).join('/')): Alert {
  return {
    fingerprint: fp,
    labels,
    annotations: {},
    startsAt: '2025-01-01T00:00:00Z',
    endsAt: '',
    updatedAt: '',
    generatorURL: '',
    receivers: [],
    state: 'active',
    silencedBy: [],
    inhibitedBy: [],
  };
}
const m1 = (s: string) => parseMatchers(s)[0]!;

describe('regexes that match everything', () => {
  it.each(['.*', '.+', '.+|', '(.*)', '(?:.*)', '.*.*', '.{0,}', '[\\s\\S]*', '(a|.*)', '.?.*', '(.+)?', '|.+'])(
    '%s is caught',
    (re) => {
      expect(matchesEveryValue(m1(`instance=~"${re.replace(/\\/g, '\\\\')}"`))).toBe(true);
    },
  );
  it.each(['gpu-.*', 'prod|staging', '[a-z]+', '.+-1', '.*OOM.*', '[^x]*', '\\d+'])('%s is not', (re) => {
    expect(matchesEveryValue(m1(`instance=~"${re.replace(/\\/g, '\\\\')}"`))).toBe(false);
  });
  it.each(['a^', '$a', '[^\\s\\S]', '\\n', '\\A\\z'])('!~ %s, whose regex matches nothing, is caught', (re) => {
    expect(matchesEveryValue(m1(`instance!~"${re.replace(/\\/g, '\\\\')}"`))).toBe(true);
  });
  it.each(['gpu-[12]', 'foo|bar', '(prod|dev)-eu', '[0-9]+', 'gpu-\\d', 'x{3}', '.+'])('!~ %s is narrow', (re) => {
    expect(matchesEveryValue(m1(`instance!~"${re.replace(/\\/g, '\\\\')}"`))).toBe(false);
  });
  it('equality matchers are never catch-alls', () => {
    expect(matchesEveryValue(m1('a=""'))).toBe(false);
    expect(matchesEveryValue(m1('a!="x"'))).toBe(false);
  });
  it('finds what a !~ excludes from the compiled regex, however it is spelled', () => {
    for (const re of ['gpu-[12]|node-\\d+', '\\Qa.b\\E', '(?i)zz[[:digit:]]', '\\x{1F525}{3}', 'x{200}']) {
      expect(coverage(m1(`instance!~"${re.replace(/\\/g, '\\\\')}"`)), re).toBe('narrow');
    }
  });
  it('says unknown for a !~ whose assertions it cannot settle', () => {
    expect(coverage(m1('instance!~"\\\\b\\\\B"'))).toBe('unknown');
    expect(coverage(m1('instance!~"(?m)a^b"'))).toBe('unknown');
  });
  it('reads regexes as Go RE2: \\A, \\z, \\pL, [[:alpha:]], (?s), \\Q…\\E', () => {
    for (const re of [
      '\\A.+',
      '.+\\z',
      '(?s).+',
      '\\A(?s:.)*\\z',
      '[\\pL\\PL]+',
      '(\\pL|\\PL)*',
      '(?i).*',
      '\\Q\\E.*',
    ]) {
      expect(matchesEveryValue(m1(`alertname=~"${re.replace(/\\/g, '\\\\')}"`)), re).toBe(true);
    }
    for (const re of ['\\pL+', '[[:alpha:]].*', '\\Q.*\\E', '\\Aprod.*']) {
      expect(matchesEveryValue(m1(`alertname=~"${re.replace(/\\/g, '\\\\')}"`)), re).toBe(false);
    }
  });
});

describe('matcherRefusals', () => {
  it('refuses no matchers', () => {
    expect(matcherRefusals([])[0]).toMatch(/no matchers/);
  });
  it('refuses matchers that all match the empty string', () => {
    const r = matcherRefusals(parseMatchers('cluster="", severity!="critical"'));
    expect(r.join()).toMatch(/empty string/);
  });
  it('refuses a catch-all regex even next to a narrow matcher, naming it', () => {
    const r = matcherRefusals(parseMatchers('alertname="A", instance=~".*"'));
    expect(r).toHaveLength(1);
    expect(r[0]).toContain('instance=~".*"');
  });
  it('treats !="", !~"" and =~".+" alike: refused alone, a presence test next to a narrow matcher', () => {
    for (const m of ['alertname!=""', 'alertname!~""', 'alertname=~".+"', 'alertname=~"\\\\A.+"']) {
      expect(matcherRefusals(parseMatchers(m)).join(), m).toMatch(/matches every value of alertname/);
      expect(matcherRefusals(parseMatchers(`${m}, team!=""`)).join(), m).toMatch(/together match every value/);
      expect(matcherRefusals(parseMatchers(`${m}, cluster="prod"`)), m).toEqual([]);
    }
  });
  it('asks for confirmation when it cannot decide, unless another matcher narrows', () => {
    expect(matcherDoubts(parseMatchers('alertname!~"\\\\bx\\\\B"'))).toHaveLength(1);
    expect(matcherDoubts(parseMatchers('alertname!~"\\\\bx\\\\B", cluster="prod"'))).toEqual([]);
    expect(matcherDoubts(parseMatchers('alertname="A"'))).toEqual([]);
  });
  it('accepts a narrow silence', () => {
    expect(matcherRefusals(parseMatchers('alertname="GPUMemoryOOM", cluster="prod", severity!="info"'))).toEqual([]);
  });
});

describe('checkSilence', () => {
  const limits: GuardrailLimits = {
    maxAlerts: 3,
    maxDurationMs: 24 * 3600_000,
    clusterLabel: 'cluster',
    readOnly: false,
  };
  const firing = [
    alert({ alertname: 'A', cluster: 'eu', instance: '1' }),
    alert({ alertname: 'A', cluster: 'eu', instance: '2' }),
    alert({ alertname: 'A', cluster: 'us', instance: '3' }),
    alert({ alertname: 'A', cluster: 'us', instance: '4' }),
    alert({ alertname: 'B', cluster: 'eu', instance: '1' }),
  ];
  const spec = (m: string, hours = 2): SilenceSpec => ({
    matchers: parseMatchers(m),
    startsAt: '2025-01-01T00:00:00Z',
    endsAt: new Date(Date.parse('2025-01-01T00:00:00Z') + hours * 3600_000).toISOString(),
    createdBy: 'me',
    comment: 'x',
  });

  it('passes a narrow silence with its preview', () => {
    const v = checkSilence(spec('alertname="A", instance="1"'), firing, limits);
    expect(v.refusals).toEqual([]);
    expect(v.confirmations).toEqual([]);
    expect(v.matched.map((a) => a.labels.instance)).toEqual(['1']);
  });
  it('asks for confirmation above max_alerts and across clusters', () => {
    const v = checkSilence(spec('alertname="A"'), firing, limits);
    expect(v.matched).toHaveLength(4);
    expect(v.confirmations.join('\n')).toMatch(/4 firing alerts.*max_alerts = 3/);
    expect(v.confirmations.join('\n')).toMatch(/2 clusters \(eu, us\)/);
  });
  it('asks for confirmation beyond max_duration', () => {
    const v = checkSilence(spec('alertname="B"', 25), firing, limits);
    expect(v.confirmations).toEqual([expect.stringMatching(/lasts 1d1h.*max_duration = 1d/)]);
  });
  it('refuses every write in a read-only context', () => {
    expect(checkSilence(spec('alertname="B"'), firing, { ...limits, readOnly: true }).refusals[0]).toMatch(/read-only/);
  });
});

describe('prefill', () => {
  it('takes alertname and the target labels of an alert, not its descriptive ones', () => {
    const a = alert({
      alertname: 'GPUMemoryOOM',
      severity: 'critical',
      team: 'ml',
      cluster: 'prod',
      instance: 'gpu-1',
      gpu: '0',
      prometheus_replica: 'p0',
    });
    expect(matchersFromAlert(a)).toEqual([
      { name: 'alertname', type: '=', value: 'GPUMemoryOOM' },
      { name: 'cluster', type: '=', value: 'prod' },
      { name: 'gpu', type: '=', value: '0' },
      { name: 'instance', type: '=', value: 'gpu-1' },
    ]);
  });
  it('takes the shared labels of an incident and its escaped alert names', () => {
    const alerts = [
      alert({ alertname: 'GPUMemoryOOM', cluster: 'prod', instance: 'gpu-1', severity: 'critical' }),
      alert({ alertname: 'Latency.P99+', cluster: 'prod', instance: 'gpu-1', model: 'llama' }),
      alert({ alertname: 'HighErrorRate', cluster: 'prod', instance: 'gpu-2' }),
    ];
    const ms = matchersFromAlerts(alerts);
    expect(ms).toEqual([
      { name: 'alertname', type: '=~', value: 'GPUMemoryOOM|HighErrorRate|Latency\\.P99\\+' },
      { name: 'cluster', type: '=', value: 'prod' },
    ]);
    // The result catches exactly these alerts and not a same-named alert elsewhere.
    const other = alert({ alertname: 'HighErrorRate', cluster: 'dev', instance: 'gpu-2' });
    const lookalike = alert({ alertname: 'LatencyXP99+', cluster: 'prod' });
    expect(previewMatches(ms, [...alerts, other, lookalike])).toHaveLength(3);
  });
  it('escapes every regex metacharacter', () => {
    const s = 'a.b+c*d?e(f)g|h[i]j{k}l^m$n\\o';
    expect(new RegExp(`^${escapeRegex(s)}$`).test(s)).toBe(true);
    expect(new RegExp(`^${escapeRegex(s)}$`).test(s.replace('.', 'X'))).toBe(false);
  });
});

describe('preview', () => {
  it('counts clusters among matched alerts', () => {
    expect(
      clustersOf(
        [alert({ cluster: 'b' }), alert({ cluster: 'a' }), alert({ cluster: 'b' }), alert({ x: '1' })],
        'cluster',
      ),
    ).toEqual(['a', 'b']);
  });
  it('matches nothing with no matchers', () => {
    expect(previewMatches([], [alert({ alertname: 'A' })])).toEqual([]);
  });
});
