import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../src/domain/runbook/parse.js';
import { evaluateSamples, parseExpectation, parseFenceInfo } from '../src/domain/runbook/expect.js';
import { fillPlaceholders, findPlaceholders } from '../src/domain/runbook/placeholders.js';
import { checkPromql, resultLabels } from '../src/domain/runbook/promql.js';
import { formatProblem, lintAll, lintRunbook } from '../src/domain/runbook/lint.js';
import { parseRuleFile, RuleFileError } from '../src/domain/runbook/rules.js';
import { matchByFrontmatter, matchByName, runbookLink } from '../src/domain/runbook/resolve.js';
import { fillBody } from '../src/domain/runbook/fill.js';
import { prepareCheck } from '../src/domain/runbook/checks.js';
import { readRunbookDir } from '../src/backends/runbooks.js';
import { ROOT } from './helpers/stack.js';

const FIX = path.join(ROOT, 'test/fixtures/runbook');
const read = (f: string) => fs.readFileSync(path.join(FIX, f), 'utf8');

const GOOD = read('GPUMemoryOOM.md');
const NOW = new Date('2026-06-01T00:00:00Z');

describe('runbook parser', () => {
  const rb = parseRunbook('runbooks/GPUMemoryOOM.md', GOOD);

  it('reads the frontmatter: matchers, owner, review date, and the id from the file name', () => {
    expect(rb.problems).toEqual([]);
    expect(rb.id).toBe('GPUMemoryOOM');
    expect(rb.meta).toEqual({ alerts: ['alertname="GPUMemoryOOM"'], owner: 'ml-platform', lastReviewed: '2026-01-15' });
    expect(rb.matchers).toEqual([[{ name: 'alertname', type: '=', value: 'GPUMemoryOOM' }]]);
    expect(rb.alertLines).toEqual([3]);
    expect(rb.title).toBe('GPU out of memory');
  });

  it('finds sections with their file lines', () => {
    expect(rb.sections.map((s) => [s.title, s.line])).toEqual([
      ['Meaning', 9],
      ['Impact', 13],
      ['Diagnosis', 17],
      ['Mitigation', 28],
      ['Verification', 33],
      ['Escalation', 40],
    ]);
  });

  it('extracts checklist steps with their section, line and code blocks', () => {
    expect(rb.steps.map((s) => [s.index, s.section, s.line, s.text])).toEqual([
      [0, 'Diagnosis', 19, 'Check free memory on GPU $gpu of the host.'],
      [1, 'Diagnosis', 23, 'Look at the processes on the GPU.'],
      [2, 'Mitigation', 30, 'Reduce the batch size.'],
      [3, 'Mitigation', 31, 'Scale out.'],
      [4, 'Verification', 35, 'Memory is free again.'],
    ]);
    const [promql] = rb.steps[0]!.blocks;
    expect(promql).toMatchObject({
      kind: 'promql',
      line: 20,
      indent: 2,
      code: 'min(gpu_memory_available_bytes{instance="$instance", gpu="$gpu"})',
    });
    expect(promql!.expect).toEqual({ op: '>', value: 100000000, text: '> 100000000' });
    expect(rb.steps[1]!.blocks[0]).toMatchObject({ kind: 'shell', lang: 'sh', code: 'ssh $instance nvidia-smi' });
    expect(rb.steps[2]!.blocks).toEqual([]);
  });

  it('keeps links in the step text with their target', () => {
    expect(rb.steps[0]!.inline.find((p) => p.style === 'link')).toEqual({
      text: 'the host',
      style: 'link',
      href: 'https://grafana.example.com/d/gpu',
    });
  });

  it('attaches a fence that follows a list to the last step, and gives steps stable keys', () => {
    const r = parseRunbook(
      'x.md',
      '---\nalerts: [\'alertname="X"\']\nowner: o\nlast_reviewed: 2026-01-01\n---\n## Diagnosis\n\n- [ ] First\n- [ ] First\n\n```promql {expect="== 0"}\nup == 0\n```\n',
    );
    expect(r.steps.map((s) => s.key)).toEqual(['first', 'first #2']);
    expect(r.steps[1]!.blocks[0]).toMatchObject({ kind: 'promql', line: 11, code: 'up == 0' });
  });
});

describe('frontmatter problems carry the file line', () => {
  const lintText = (text: string) =>
    lintRunbook(parseRunbook('rb/Broken.md', text), { now: NOW }).filter((p) => p.severity === 'error');

  it('a file without frontmatter', () => {
    const [p] = lintText('# Only markdown\n');
    expect(formatProblem(p!)).toMatch(/^rb\/Broken\.md:1: missing frontmatter/);
  });

  it('invalid YAML, at its line', () => {
    const probs = lintText('---\nalerts:\n  - alertname="A"\nowner: a: b\nlast_reviewed: 2026-01-01\n---\n');
    expect(probs[0]!.line).toBe(4);
    expect(probs[0]!.message).toMatch(/invalid YAML in frontmatter/);
  });

  it('a bad matcher, at the line of its list item, with the position inside the matcher', () => {
    const probs = lintText(
      '---\nalerts:\n  - alertname="A"\n  - severity:crit\nowner: o\nlast_reviewed: 2026-01-01\n---\n',
    );
    const p = probs.find((x) => x.message.startsWith('bad matcher'))!;
    expect(formatProblem(p)).toBe(
      'rb/Broken.md:4: bad matcher "severity:crit": expected an operator (=, !=, =~, !~) after label name "severity", found ":" (position 9)',
    );
  });

  it('missing owner and an impossible review date', () => {
    const probs = lintText('---\nalerts: [\'alertname="A"\']\nlast_reviewed: 2026-02-30\n---\n');
    expect(probs.map((p) => [p.line, p.message.slice(0, 30)])).toEqual(
      expect.arrayContaining([
        [2, 'frontmatter has no "owner": na'],
        [3, '"last_reviewed" must be a date'],
      ]),
    );
  });

  it('an unclosed frontmatter', () => {
    expect(lintText('---\nalerts: []\n')[0]!.message).toMatch(/not closed/);
  });
});

describe('PromQL syntax', () => {
  it('accepts valid queries, placeholders inside strings included', () => {
    expect(checkPromql('histogram_quantile(0.99, sum by (le) (rate(x_bucket{model="$model"}[5m]))) > 0.5')).toBeNull();
  });

  it('reports the position of an error', () => {
    expect(checkPromql('sum(rate(x[5m])) by (a) +')).toMatchObject({
      line: 1,
      message: expect.stringMatching(/end of query/),
    });
    const e = checkPromql('rate(x[5m])\n  > > 1');
    expect(e).toMatchObject({ line: 2, column: 5 });
    expect(checkPromql('notafunction(x)')).not.toBeNull();
  });

  it('lint puts a PromQL error at its file line and column', () => {
    const text = GOOD.replace(
      'min(gpu_memory_available_bytes{instance="$instance", gpu="$gpu"})\n  ```\n- [ ] Look',
      'min(gpu_memory_available_bytes{instance="$instance", gpu="$gpu"}\n  ```\n- [ ] Look',
    );
    const probs = lintRunbook(parseRunbook('rb/GPU.md', text), { now: NOW }).filter((p) => p.severity === 'error');
    expect(probs).toHaveLength(1);
    expect(formatProblem(probs[0]!)).toBe(
      'rb/GPU.md:21:67: PromQL syntax error: unexpected end of query (unclosed bracket or missing operand?)',
    );
  });

  it('an unreadable expectation is an error at the fence line', () => {
    const probs = lintRunbook(parseRunbook('rb/GPU.md', GOOD.replace('{expect="> 100000000"}', '{expect="about 3"}')), {
      now: NOW,
    });
    expect(probs.find((p) => p.severity === 'error')).toMatchObject({
      line: 20,
      message: expect.stringMatching(/cannot read expectation "about 3"/),
    });
  });

  it('knows which labels an alerting rule expression keeps', () => {
    const labels = (q: string) => {
      const r = resultLabels(q);
      return r.exact ? [...r.labels].sort() : 'open';
    };
    expect(labels('sum by (cluster, model) (rate(x[5m])) > 0.1')).toEqual(['cluster', 'model']);
    expect(labels('histogram_quantile(0.99, sum by (le, model) (rate(x_bucket[5m]))) > 0.5')).toEqual(['model']);
    expect(labels('sum(rate(x[5m]))')).toEqual([]);
    expect(labels('sum by (a) (x) / on (a) group_left (b) sum by (a, b) (y)')).toEqual(['a', 'b']);
    expect(labels('up == 0')).toBe('open');
    expect(labels('0.5 < sum by (m) (x)')).toEqual(['m']);
  });
});

describe('expectations and outcomes', () => {
  it('reads fence attributes and comparisons', () => {
    expect(parseFenceInfo('promql {expect="< 0.9" name=gpu}')).toEqual({
      lang: 'promql',
      attrs: { expect: '< 0.9', name: 'gpu' },
    });
    expect(parseFenceInfo('promql expect=1').error).toMatch(/braces/);
    expect(parseExpectation('>= 1e3')).toEqual({ op: '>=', value: 1000, text: '>= 1e3' });
    expect(parseExpectation('= 0').op).toBe('==');
    expect(() => parseExpectation('< lots')).toThrow(/operator and a number/);
  });

  it('pass when every sample meets it, fail naming the failing series, no data when empty', () => {
    const e = parseExpectation('< 0.9');
    expect(evaluateSamples([{ metric: { gpu: '0' }, value: 0.5 }], e)).toEqual({
      outcome: 'pass',
      summary: '0.5; expected < 0.9',
    });
    expect(
      evaluateSamples(
        [
          { metric: { gpu: '0' }, value: 0.5 },
          { metric: { gpu: '1' }, value: 0.95 },
        ],
        e,
      ),
    ).toEqual({ outcome: 'fail', summary: '0.95 (gpu=1); expected < 0.9 (1 of 2 series)' });
    expect(evaluateSamples([], e)).toEqual({ outcome: 'nodata', summary: 'no data' });
    expect(evaluateSamples([{ metric: {}, value: NaN }], e).outcome).toBe('fail');
    expect(evaluateSamples([{ metric: {}, value: 3 }], undefined)).toEqual({ outcome: 'shown', summary: '3' });
  });
});

describe('placeholders', () => {
  it('finds $name and ${name}', () => {
    expect(findPlaceholders('a $instance b ${cluster}c $5').map((p) => p.name)).toEqual(['instance', 'cluster']);
  });

  it('escapes values inside PromQL strings and quotes them in shell commands', () => {
    const labels = { instance: 'gpu-1', model: 'fraud"x\\y', cmd: 'a; rm -rf /' };
    expect(fillPlaceholders('x{model="$model"}', labels, 'promql').text).toBe('x{model="fraud\\"x\\\\y"}');
    expect(fillPlaceholders('ssh $instance $cmd $HOME', labels, 'shell')).toEqual({
      text: "ssh gpu-1 'a; rm -rf /' $HOME",
      missing: ['HOME'],
      unsafe: [],
    });
    expect(fillPlaceholders('on ${instance}, $gpu', labels)).toEqual({
      text: 'on gpu-1, $gpu',
      missing: ['gpu'],
      unsafe: [],
    });
  });

  it('fills a body by region and reports what stays unfilled (shell variables excepted)', () => {
    const rb = parseRunbook('GPUMemoryOOM.md', GOOD);
    const { text, missing } = fillBody(rb, { instance: "gpu 1'", gpu: '0' });
    expect(text).toContain(`min(gpu_memory_available_bytes{instance="gpu 1'", gpu="0"})`);
    expect(text).toContain(`ssh 'gpu 1'\\''' nvidia-smi`);
    expect(text).toContain(`GPU 0 on gpu 1' is out of memory`);
    expect(missing).toEqual([]);
  });

  it('a check with a label the alert lacks is an error, not a query', () => {
    const block = parseRunbook('GPUMemoryOOM.md', GOOD).steps[0]!.blocks[0]!;
    const p = prepareCheck(block, { instance: 'gpu-1' }, NOW);
    expect(p.ok).toBe(false);
    expect(!p.ok && p.result).toMatchObject({ outcome: 'error', summary: 'the alert has no label for $gpu' });
  });

  it('lint: unknown placeholders are warnings without rules (errors with --strict) at their line and column; labels of the served rules count', () => {
    const text = GOOD.replace('Inference fails.', 'Inference fails on $datacenter.');
    const probs = lintRunbook(parseRunbook('rb/GPU.md', text), { now: NOW });
    expect(probs.filter((p) => p.severity === 'error')).toEqual([]);
    expect(probs.filter((p) => p.severity === 'warning').map(formatProblem)).toContainEqual(
      expect.stringMatching(/^rb\/GPU\.md:15:20: warning: unknown placeholder \$datacenter: not a standard label/),
    );
    expect(
      lintRunbook(parseRunbook('rb/GPU.md', text), { now: NOW, strict: true })
        .filter((p) => p.severity === 'error')
        .map(formatProblem),
    ).toEqual([expect.stringMatching(/^rb\/GPU\.md:15:20: unknown placeholder \$datacenter: not a standard label/)]);
    const rules = parseRuleFile(
      'rules.yml',
      'groups:\n- name: g\n  rules:\n  - alert: GPUMemoryOOM\n    expr: x{datacenter="a"} < 1\n',
    );
    expect(
      lintRunbook(parseRunbook('rb/GPU.md', text), { now: NOW, rules }).filter((p) => p.severity === 'error'),
    ).toEqual([]);
  });

  it('lint: a placeholder the rule aggregates away is an error that says which labels remain', () => {
    const rules = parseRuleFile('r.yml', read('rules.yml'));
    const rb = parseRunbook(
      'rb/ModelLatency.md',
      read('ModelLatency.md').replace('Users wait.', 'Users of $instance wait.'),
    );
    const probs = lintRunbook(rb, { now: NOW, rules }).filter((p) => p.severity === 'error');
    expect(probs.map(formatProblem)).toEqual([
      'rb/ModelLatency.md:15:10: unknown placeholder $instance: alert ModelLatencyFastBurn (r.yml:11) carries only alertname, cluster, model, severity',
    ]);
  });
});

describe('rule coverage', () => {
  it('every alert of the rules needs a runbook; the problem points at the rule', () => {
    const rules = parseRuleFile('fixtures/rules.yml', read('rules.yml'));
    const runbooks = readRunbookDir(FIX);
    const probs = lintAll(runbooks, { rules, now: NOW });
    expect(probs.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([
      'fixtures/rules.yml:15: alert NoRunbookAnywhere has no runbook: add NoRunbookAnywhere.md, or list alertname="NoRunbookAnywhere" in a runbook\'s frontmatter "alerts"',
    ]);
  });

  it('rule files: alerting rules with lines; a file that is not a rule file is an error with its line', () => {
    const rules = parseRuleFile('r.yml', read('rules.yml'));
    expect(rules.map((r) => [r.alert, r.line, r.labels.severity])).toEqual([
      ['GPUMemoryOOM', 5, 'critical'],
      ['ModelLatencyFastBurn', 11, 'critical'],
      ['NoRunbookAnywhere', 15, undefined],
    ]);
    expect(() => parseRuleFile('x.yml', 'foo: 1\n')).toThrow(RuleFileError);
    expect(() => parseRuleFile('x.yml', 'groups:\n  - rules: [\n')).toThrow(/x\.yml:\d+: invalid YAML/);
  });

  it('the shipped runbooks lint clean against the demo rules, and cover every demo alert', () => {
    const runbooks = readRunbookDir(path.join(ROOT, 'runbooks'));
    const rules = parseRuleFile('demo/rules.yml', fs.readFileSync(path.join(ROOT, 'demo/rules.yml'), 'utf8'));
    expect(rules.length).toBeGreaterThanOrEqual(18);
    // The kube-prometheus alerts link their web runbooks (runbooks.prometheus-operator.dev), as `runbook lint` reads them.
    const web = (r: { annotations: Record<string, string> }) =>
      /^https:\/\//.test(r.annotations.runbook_url ?? '') ? { web: r.annotations.runbook_url } : undefined;
    expect(
      rules
        .filter((r) => web(r))
        .map((r) => r.alert)
        .sort(),
    ).toEqual(['KubeDeploymentReplicasMismatch', 'KubeNodeNotReady', 'KubePodNotReady', 'Watchdog']);
    const probs = lintAll(runbooks, { rules, now: new Date(), annotationTarget: web });
    expect(probs.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([]);
    for (const name of [
      'GPUMemoryOOM',
      'GPUMemoryHigh',
      'GPUMemoryCritical',
      'ContainerRestartSpike',
      'ModelServerCrash',
      'PredictionServiceDown',
      'BatchTimeout',
      'QueueBacklog',
      'ThroughputDrop',
      'FeaturePipelineFailure',
      'InputFeatureDrift',
      'PredictionDistributionShift',
      'EmbeddingDrift',
      'AccuracyDegradation',
      'HighUserCorrectionRate',
      'DiskSpaceLow',
    ]) {
      expect(matchByFrontmatter(runbooks, { alertname: name })?.id, name).toBe(name);
    }
    expect(matchByFrontmatter(runbooks, { alertname: 'HighErrorRateFastBurn' })?.id).toBe('HighErrorRate');
    expect(matchByFrontmatter(runbooks, { alertname: 'HighPredictionLatencySlowBurn' })?.id).toBe(
      'HighPredictionLatency',
    );
    for (const r of runbooks) {
      expect(r.steps.length, r.id).toBeGreaterThan(2);
      expect(
        r.steps.some((s) => s.blocks.some((b) => b.kind === 'promql' && b.expect)),
        r.id,
      ).toBe(true);
    }
  });
});

describe('finding the runbook for an alert', () => {
  const runbooks = readRunbookDir(FIX);

  it('classifies the annotation: web URL, local path, non-web link, free text', () => {
    expect(runbookLink({ runbook_url: 'https://wiki.example.com/rb/x' })).toMatchObject({ kind: 'web' });
    expect(runbookLink({ runbook_url: 'runbooks/GPUMemoryOOM.md' })).toMatchObject({
      kind: 'path',
      path: 'runbooks/GPUMemoryOOM.md',
    });
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,x', 'vbscript:x'])
      expect(runbookLink({ runbook_url: bad })?.kind, bad).toBe('blocked');
    expect(runbookLink({ runbook: 'Check GPU utilization, batch size, downstream API calls' })).toMatchObject({
      kind: 'text',
    });
    expect(runbookLink({ summary: 'x' })).toBeUndefined();
  });

  it('frontmatter matchers first (regex families included), then the file named after the alert', () => {
    expect(matchByFrontmatter(runbooks, { alertname: 'ModelLatencySlowBurn' })?.id).toBe('ModelLatency');
    expect(matchByFrontmatter(runbooks, { alertname: 'Nothing' })).toBeUndefined();
    expect(matchByName(runbooks, 'gpumemoryoom')?.id).toBe('GPUMemoryOOM');
  });

  it('an earlier folder wins over a later one (configured before shipped)', () => {
    const copy = parseRunbook('mine/GPUMemoryOOM.md', GOOD);
    const pick = matchByFrontmatter([...runbooks, copy], { alertname: 'GPUMemoryOOM' }, (r) => (r === copy ? 0 : 1));
    expect(pick).toBe(copy);
  });
});
