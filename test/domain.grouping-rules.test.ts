import { describe, expect, it } from 'vitest';
import {
  defaultCausalRules,
  formatRule,
  GroupingConfigError,
  mergeRules,
  rulesFromConfig,
  rulesFromInhibitRules,
} from '../src/domain/incidents/rules.js';
import { groupingOptions } from '../src/domain/incidents/options.js';
import { formatMatcher } from '../src/domain/matchers.js';

// /api/v2/status config.original as Alertmanager 0.25 returned it for a config holding one old-style and one
// new-style inhibit rule (captured from the real server).
const AM_025_CONFIG_ORIGINAL = `global:
  resolve_timeout: 5m
  http_config:
    follow_redirects: true
    enable_http2: true
  smtp_hello: localhost
  smtp_require_tls: true
  pagerduty_url: https://events.pagerduty.com/v2/enqueue
  opsgenie_api_url: https://api.opsgenie.com/
  wechat_api_url: https://qyapi.weixin.qq.com/cgi-bin/
  victorops_api_url: https://alert.victorops.com/integrations/generic/20131114/alert/
  telegram_api_url: https://api.telegram.org
  webex_api_url: https://webexapis.com/v1/messages
route:
  receiver: sink
  continue: false
inhibit_rules:
- source_match:
    alertname: GPUMemoryOOM
  target_match_re:
    alertname: HighError.*
  equal:
  - cluster
  - instance
- source_matchers:
  - alertname="PredictionServiceDown"
  - severity=~"crit.*"
  target_matchers:
  - alertname=~"HighLatency|Foo"
  equal:
  - instance
receivers:
- name: sink
templates: []
`;

const side = (ms: { name: string; type: string; value: string }[]) => ms.map((m) => formatMatcher(m as never));

describe('default rules', () => {
  it('are exactly the chains of the article', () => {
    expect(
      defaultCausalRules().map(
        (r) => `${side(r.cause).join(',')} -> ${side(r.effect).join(',')} [${r.equal.join(',')}]`,
      ),
    ).toEqual([
      'alertname="GPUMemoryOOM" -> alertname=~"HighPredictionLatency.*|HighErrorRate.*|BatchTimeout" [cluster,instance]',
      'alertname=~"ContainerRestartSpike|ModelServerCrash" -> alertname=~"HighErrorRate.*|HighPredictionLatency.*" [cluster,instance]',
      'alertname="PredictionServiceDown" -> alertname=~"HighPredictionLatency.*|HighErrorRate.*|ThroughputDrop" [cluster,instance]',
      'alertname="BatchTimeout" -> alertname="QueueBacklog" [cluster,instance]',
      'alertname="QueueBacklog" -> alertname="ThroughputDrop" [cluster,instance]',
      'alertname=~"HighPredictionLatency.*" -> alertname=~"HighErrorRate.*" [cluster,instance]',
      'alertname="FeaturePipelineFailure" -> alertname=~"InputFeatureDrift|PredictionDistributionShift|HighUserCorrectionRate|AccuracyDegradation" [cluster,model]',
      'alertname=~"InputFeatureDrift|EmbeddingDrift" -> alertname="PredictionDistributionShift" [cluster,model]',
      'alertname="PredictionDistributionShift" -> alertname=~"HighUserCorrectionRate|AccuracyDegradation" [cluster,model]',
      'alertname="HighUserCorrectionRate" -> alertname="AccuracyDegradation" [cluster,model]',
    ]);
    expect(defaultCausalRules().every((r) => r.origin === 'default')).toBe(true);
  });

  it('are fresh objects on every call', () => {
    const a = defaultCausalRules();
    a[0]!.equal.push('x');
    expect(defaultCausalRules()[0]!.equal).toEqual(['cluster', 'instance']);
  });
});

describe('rules from the config file', () => {
  it('parse matcher strings, several per string allowed', () => {
    const [r] = rulesFromConfig([
      {
        cause_matchers: ['alertname="NodeDown", severity=~"crit.*"'],
        effect_matchers: ['{alertname!="NodeDown"}'],
        equal: ['instance'],
      },
    ]);
    expect(side(r!.cause)).toEqual(['alertname="NodeDown"', 'severity=~"crit.*"']);
    expect(side(r!.effect)).toEqual(['alertname!="NodeDown"']);
    expect(r!.origin).toBe('config');
    expect(r!.source).toBe('causal_rules[0]');
  });

  it('errors name the rule index and the matcher', () => {
    const bad = () =>
      rulesFromConfig([
        { cause_matchers: ['alertname="A"'], effect_matchers: ['alertname="B"'] },
        { cause_matchers: ['alertname="A"'], effect_matchers: ['alertname="B"', 'severity:crit'] },
      ]);
    expect(bad).toThrow(GroupingConfigError);
    expect(bad).toThrow(/^causal_rules\[1\]\.effect_matchers\[1\]: bad matcher "severity:crit": .*position 9/);
    expect(() => rulesFromConfig([{ cause_matchers: [''], effect_matchers: ['a="b"'] }])).toThrow(
      /causal_rules\[0\]\.cause_matchers: needs at least one matcher/,
    );
    expect(() => rulesFromConfig([{ cause_matchers: ['a=~"("'], effect_matchers: ['a="b"'] }])).toThrow(
      /causal_rules\[0\]\.cause_matchers\[0\]: .*invalid regular expression/,
    );
    expect(() =>
      rulesFromConfig([{ cause_matchers: ['a="b"'], effect_matchers: ['a="c"'], equal: 'cluster' as never }]),
    ).toThrow(/causal_rules\[0\]\.equal/);
  });
});

describe('rules from Alertmanager inhibit_rules', () => {
  it('reads old-style maps and new-style matcher lists from a real config.original', () => {
    const warnings: string[] = [];
    const rules = rulesFromInhibitRules(AM_025_CONFIG_ORIGINAL, 'alertmanager am-0', warnings);
    expect(warnings).toEqual([]);
    expect(rules.map(formatRule)).toEqual([
      '{alertname="GPUMemoryOOM"} → {alertname=~"HighError.*"} equal [cluster, instance]',
      '{alertname="PredictionServiceDown", severity=~"crit.*"} → {alertname=~"HighLatency|Foo"} equal [instance]',
    ]);
    expect(rules.map((r) => [r.origin, r.source])).toEqual([
      ['inhibit_rule', 'alertmanager am-0 inhibit_rules[0]'],
      ['inhibit_rule', 'alertmanager am-0 inhibit_rules[1]'],
    ]);
  });

  it('combines source_match, source_match_re and target_match on one rule', () => {
    const yaml =
      'inhibit_rules:\n- source_match: {severity: critical}\n  source_match_re: {alertname: "Node.*"}\n  target_match: {severity: warning}\n  equal: [instance]\n';
    expect(rulesFromInhibitRules(yaml).map(formatRule)).toEqual([
      '{severity="critical", alertname=~"Node.*"} → {severity="warning"} equal [instance]',
    ]);
  });

  it('skips a rule it cannot read and says which; keeps the others', () => {
    const warnings: string[] = [];
    const yaml =
      "inhibit_rules:\n- source_matchers: ['alertname=~\"(']\n  target_matchers: ['a=\"b\"']\n- source_match: {a: b}\n  target_match: {c: d}\n";
    const rules = rulesFromInhibitRules(yaml, 'alertmanager x', warnings);
    expect(rules).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^alertmanager x: inhibit_rules\[0\]\.source_matchers\[0\]: .*rule skipped$/);
  });

  it('no inhibit_rules, or unreadable YAML: no rules, and a warning for the latter', () => {
    expect(rulesFromInhibitRules('route:\n  receiver: x\n')).toEqual([]);
    const warnings: string[] = [];
    expect(rulesFromInhibitRules('route: [\n', 'alertmanager y', warnings)).toEqual([]);
    expect(warnings[0]).toMatch(/^alertmanager y: configuration is not valid YAML/);
  });
});

describe('effective options', () => {
  it('defaults, then config rules, then extra rules; replace_default_rules drops the defaults', () => {
    const cfg = { causal_rules: [{ cause_matchers: ['alertname="A"'], effect_matchers: ['alertname="B"'] }] };
    expect(groupingOptions(cfg).rules.map((r) => r.origin)).toEqual([...Array(12).fill('default'), 'config']);
    expect(groupingOptions({ ...cfg, kubernetes_rules: false }).rules.map((r) => r.origin)).toEqual([
      ...Array(10).fill('default'),
      'config',
    ]);
    expect(groupingOptions({ ...cfg, replace_default_rules: true }).rules.map((r) => r.origin)).toEqual(['config']);
    const extra = rulesFromInhibitRules(AM_025_CONFIG_ORIGINAL);
    expect(
      groupingOptions(cfg, extra)
        .rules.map((r) => r.origin)
        .slice(-3),
    ).toEqual(['config', 'inhibit_rule', 'inhibit_rule']);
  });

  it('drops duplicates, keeping the first and naming the others as sources', () => {
    const yaml =
      'inhibit_rules:\n- source_matchers: [\'alertname="QueueBacklog"\']\n  target_matchers: [\'alertname="ThroughputDrop"\']\n  equal: [instance, cluster]\n';
    const a = rulesFromInhibitRules(yaml, 'alertmanager a');
    const b = rulesFromInhibitRules(yaml, 'alertmanager b');
    const merged = mergeRules(defaultCausalRules(), a, b);
    expect(merged).toHaveLength(10);
    expect(merged[4]!.origin).toBe('default');
    expect(merged[4]!.source).toBe('built-in; alertmanager a inhibit_rules[0]; alertmanager b inhibit_rules[0]');
  });

  it('tolerance, layer labels and layer patterns come from the config', () => {
    const o = groupingOptions({ symptom_lead_tolerance: '2m30s', layer_labels: ['tier'] });
    expect(o.toleranceMs).toBe(150_000);
    expect(o.layerLabels).toEqual(['tier']);
    expect(groupingOptions().toleranceMs).toBe(600_000);
    expect(groupingOptions().layerLabels).toEqual(['layer', 'alert_type']);
    expect(() => groupingOptions({ layers: { '(': 'quality' } })).toThrow(/^layers\."\(": invalid regular expression/);
    expect(() => groupingOptions({ symptom_lead_tolerance: '10 minutes' })).toThrow(/^symptom_lead_tolerance: /);
  });
});
