// oncall lint rules on the seed article's rule set (every mistake found on its line), on a correct rule file (no
// finding), and on the rules oncall slo rules generates (promtool accepts them, the linter finds nothing).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isolatedEnv, ROOT, runCli } from './helpers/stack.js';

const FIX = path.join(ROOT, 'test/fixtures/lint');
const rules = path.join(FIX, 'seed-prometheus-rules.yml');
const snippets = path.join(FIX, 'seed-snippet-rules.yml');
const am = path.join(FIX, 'seed-alertmanager.yml');

/** Line of the first line containing `needle` after the line containing `after`. */
function lineOf(file: string, after: string, needle: string): number {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const start = lines.findIndex((l) => l.includes(after));
  const i = lines.findIndex((l, k) => k >= start && l.includes(needle));
  if (start < 0 || i < 0) throw new Error(`${needle} after ${after} not in ${file}`);
  return i + 1;
}

describe('oncall lint rules on the seed article', () => {
  it('reports every mistake of the seed on its line and exits 1', async () => {
    const r = await runCli(['lint', 'rules', rules, snippets, '--alertmanager-config', am]);
    expect(r.code).toBe(1);
    const has = (file: string, line: number, severity: string, re: RegExp) => {
      const hit = r.stdout.split('\n').some((l) => l.startsWith(`${file}:${line}: ${severity}: `) && re.test(l));
      expect(hit, `${path.basename(file)}:${line} ${re}\n${r.stdout}`).toBe(true);
    };
    // Burn rates: one window, and thresholds that are 4× and 2×, not 14.4× and 6×; the correct rule is printed.
    has(
      rules,
      lineOf(rules, 'HighErrorRateFastBurn', 'expr:'),
      'error',
      /one window \(1m\).*burn rate of 4× .* not the Workbook's 14\.4×.*correct.*\[1h\].*\[5m\]/,
    );
    has(
      rules,
      lineOf(rules, 'HighErrorRateSlowBurn', 'expr:'),
      'error',
      /one window \(6m\).*burn rate of 2× .* not the Workbook's 6×.*\[6h\].*\[30m\]/,
    );
    has(
      rules,
      lineOf(rules, 'HighPredictionLatencyFastBurn', 'expr:'),
      'error',
      /named a burn-rate alert but compares a quantile/,
    );
    // rate() per second against "6/hour"
    has(rules, lineOf(rules, 'alert: ContainerRestartSpike', 'expr:'), 'error', /per second.*360 per hour.*6 per hour/);
    has(snippets, lineOf(snippets, 'alert: ContainerRestartSpike', 'expr:'), 'error', /360 per hour/);
    // histogram_quantile without rate over _bucket
    has(snippets, lineOf(snippets, 'alert: HighPredictionLatency', 'expr:'), 'error', /not a _bucket series/);
    // errors per second against a 1% ratio
    has(snippets, lineOf(snippets, 'alert: HighErrorRate', 'expr:'), 'error', /ratio or percentage/);
    // and on()
    has(snippets, lineOf(snippets, 'alert: ModelServerCrash', 'expr:'), 'error', /"and on\(\)" with no labels/);
    // metadata and for:
    has(snippets, lineOf(snippets, 'alert: GPUMemoryOOM', 'alert:'), 'error', /no severity label/);
    has(rules, lineOf(rules, 'alert: GPUMemoryOOM', 'alert:'), 'warning', /no runbook_url/);
    has(rules, lineOf(rules, 'alert: PredictionDistributionShift', 'alert:'), 'warning', /not a runbook_url/);
    has(
      snippets,
      lineOf(snippets, 'alert: HighUserCorrectionRate', 'alert:'),
      'warning',
      /for: 0s \(none\) is shorter than twice the evaluation interval/,
    );
    has(rules, lineOf(rules, 'alert: EmbeddingDrift', 'expr:'), 'error', /syntax error/);
    // Alertmanager
    has(am, lineOf(am, 'inhibition_rules', 'inhibition_rules'), 'error', /unknown key inhibition_rules.*inhibit_rules/);
    has(am, lineOf(am, 'Silence model alerts', 'source_match'), 'error', /PlannedMaintenance.*can never fire/);
    has(am, lineOf(am, 'receiver: "slack"', 'receiver'), 'error', /receiver "slack" is not defined/);
  });

  it('says nothing about a correct rule file and Alertmanager config', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-lint-'));
    const good = path.join(dir, 'good.yml');
    fs.writeFileSync(
      good,
      `groups:
  - name: good
    interval: 1m
    rules:
      - alert: ContainerRestartSpike
        expr: increase(container_restarts_total[1h]) > 6   # more than 6 restarts/hour
        for: 5m
        labels: { severity: warning }
        annotations: { summary: "restarting more than 6 times an hour", runbook_url: "https://runbooks.example.com/restarts" }
      - alert: HighErrorRateBurn
        expr: |
          (sum(rate(prediction_errors_total[1h])) / sum(rate(predictions_total[1h]))) > (14.4 * (1 - 0.999))
          and
          (sum(rate(prediction_errors_total[5m])) / sum(rate(predictions_total[5m]))) > (14.4 * (1 - 0.999))
        for: 2m
        labels: { severity: critical }
        annotations: { summary: "error budget burning fast", runbook_url: "https://runbooks.example.com/errors" }
      - alert: HighPredictionLatency
        expr: histogram_quantile(0.99, sum by (le, instance) (rate(prediction_latency_seconds_bucket[5m]))) > 0.5
        for: 10m
        labels: { severity: warning }
        annotations: { summary: "p99 above 500 ms", runbook_url: "https://runbooks.example.com/latency" }
`,
    );
    const goodAm = path.join(dir, 'am.yml');
    fs.writeFileSync(
      goodAm,
      `route:
  receiver: tickets
  routes:
    - matchers: ['severity="critical"']
      receiver: pager
receivers:
  - name: tickets
  - name: pager
inhibit_rules:
  - source_matchers: ['alertname="HighErrorRateBurn"']
    target_matchers: ['alertname="HighPredictionLatency"']
    equal: [instance]
`,
    );
    const r = await runCli(['lint', 'rules', good, '--alertmanager-config', goodAm]);
    expect(r.stdout).toBe('3 alerting rules and the Alertmanager config: no problems\n');
    expect(r.code).toBe(0);
  });
});

describe('oncall slo rules', () => {
  it('prints rules that promtool accepts and the linter passes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-slo-rules-'));
    const cfg = path.join(dir, 'config.yaml');
    fs.writeFileSync(
      cfg,
      `current_context: x
contexts:
  x:
    slos:
      - { name: availability, kind: ratio, objective: 0.999, errors: prediction_errors_total, total: predictions_total, group_by: model }
      - { name: latency-500ms, kind: latency, objective: 0.99, period: 28d, histogram: prediction_latency_seconds, threshold: 0.5 }
      - { name: psi, kind: quality, objective: 0.99, gauge: psi_score, threshold: 0.2 }
`,
    );
    const r = await runCli(['--config', cfg, 'slo', 'rules'], { env: isolatedEnv() });
    expect(r.code, r.stderr).toBe(0);
    const file = path.join(dir, 'slo-rules.yml');
    fs.writeFileSync(file, r.stdout);
    const { stdout } = await promisify(execFile)('promtool', ['check', 'rules', file]);
    expect(stdout).toMatch(/SUCCESS: 27 rules found/);
    expect(r.stdout).toContain('(13.44 * (1 - 0.99))'); // 28-day period: the multiples scale
    const lint = await runCli(['lint', 'rules', file]);
    expect(lint.stdout).toBe('6 alerting rules: no problems\n');
    expect(lint.code).toBe(0);
  });
});
