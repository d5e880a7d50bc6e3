// The demo's configuration files: valid for the real tools (promtool, amtool), complete (a rule for every alert
// the product and the article name), and right (burn-rate thresholds checked with `promtool test rules`).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import {
  DEMO_DIR,
  prometheusSdFiles,
  renderAlertmanagerConfig,
  renderOncallConfig,
  WEBHOOK_PLACEHOLDER,
} from '../src/demo/config.js';
import { readContext } from '../src/backends/config/read-context.js';
import { SCENARIOS, BACKGROUND_ALERTS } from '../src/demo/scenarios.js';
import type { SimTarget } from '../src/demo/simulator.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-demo-config-test-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const read = (name: string) => fs.readFileSync(path.join(DEMO_DIR, name), 'utf8');

function run(bin: string, args: string[], cwd = tmp): { code: number; out: string } {
  const r = spawnSync(bin, args, { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
const groups = (YAML.parse(read('rules.yml')) as { groups: { name: string; rules: Rule[] }[] }).groups;
const alertRules = groups.flatMap((g) => g.rules).filter((r) => r.alert);

// Every alert named by the seed article and by the default causal rules.
const EXPECTED_ALERTS = [
  'GPUMemoryOOM',
  'GPUMemoryHigh',
  'GPUMemoryCritical',
  'ContainerRestartSpike',
  'ModelServerCrash',
  'PredictionServiceDown',
  'HighPredictionLatencyFastBurn',
  'HighPredictionLatencySlowBurn',
  'HighErrorRateFastBurn',
  'HighErrorRateSlowBurn',
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
];
// The kube-prometheus alerts of the node-failure scenario, and the pipeline's heartbeat, written as kube-prometheus writes them.
const KUBE_PROMETHEUS_ALERTS = ['KubeNodeNotReady', 'KubePodNotReady', 'KubeDeploymentReplicasMismatch', 'Watchdog'];
const isKubePrometheus = (r: Rule) => KUBE_PROMETHEUS_ALERTS.includes(r.alert!);

describe('demo/rules.yml', () => {
  it('passes promtool check rules', () => {
    const r = run('promtool', ['check', 'rules', path.join(DEMO_DIR, 'rules.yml')]);
    expect(r.out).toContain('SUCCESS');
    expect(r.code).toBe(0);
  });

  it('has exactly one rule for every alert the product and the article name', () => {
    expect(alertRules.map((r) => r.alert).sort()).toEqual([...EXPECTED_ALERTS, ...KUBE_PROMETHEUS_ALERTS].sort());
  });

  it('gives every alert a severity, a layer, a summary, a description and a runbook file named after it', () => {
    for (const r of alertRules.filter((r) => !isKubePrometheus(r))) {
      expect(['critical', 'warning', 'info'], r.alert).toContain(r.labels?.severity);
      expect(['infrastructure', 'service', 'quality'], r.alert).toContain(r.labels?.layer);
      if (r.labels?.layer === 'quality') expect(r.labels.alert_type, r.alert).toBe('quality');
      expect(r.annotations?.summary, r.alert).toBeTruthy();
      expect(r.annotations?.description, r.alert).toBeTruthy();
      const family = r.alert!.replace(/(FastBurn|SlowBurn)$/, '');
      expect(r.annotations?.runbook_url, r.alert).toBe(`runbooks/${family}.md`);
    }
  });

  it('writes the Kubernetes alerts as the kubernetes-mixin does: its labels only, its runbook links, a heartbeat that always fires', () => {
    for (const r of alertRules.filter(isKubePrometheus)) {
      expect(r.labels, r.alert).toEqual({ severity: r.alert === 'Watchdog' ? 'none' : 'warning' });
      expect(r.annotations?.summary, r.alert).toBeTruthy();
      expect(r.annotations?.description, r.alert).toBeTruthy();
      const group = r.alert === 'Watchdog' ? 'general' : 'kubernetes';
      expect(r.annotations?.runbook_url, r.alert).toBe(
        `https://runbooks.prometheus-operator.dev/runbooks/${group}/${r.alert!.toLowerCase()}`,
      );
      if (r.alert !== 'Watchdog') expect(r.expr, r.alert).toContain('job="kube-state-metrics"');
    }
    expect(alertRules.find((r) => r.alert === 'Watchdog')!.expr.trim()).toBe('vector(1)');
  });

  it('keeps for: durations short so the demo fires within a minute or two', () => {
    for (const r of alertRules.filter((r) => r.alert !== 'Watchdog'))
      expect(['0s', '10s', '15s', '30s', '1m'], r.alert).toContain(r.for);
  });

  it('names in its scenarios only alerts that have rules', () => {
    const names = new Set(alertRules.map((r) => r.alert));
    for (const s of SCENARIOS)
      for (const a of [s.root, ...s.alerts]) expect(names.has(a), `${s.name}: ${a}`).toBe(true);
    for (const a of BACKGROUND_ALERTS) expect(names.has(a)).toBe(true);
  });
});

// `promtool test rules` feeds series to the real rule engine and checks which alerts fire.
describe('burn-rate thresholds (promtool test rules)', () => {
  const L = 'cluster="c1",instance="i1",model="m1",job="model-server"';
  const firing = (alert: string, labels: string) => `ALERTS{alertname="${alert}",alertstate="firing",${labels}}`;
  const errorsCase = (errorsPerMin: string) => [
    { series: `predictions_total{${L}}`, values: '0+1000x300' },
    { series: `prediction_errors_total{${L}}`, values: errorsPerMin },
  ];
  const fast = `${L},severity="critical",layer="service",slo="prediction-availability"`;
  const slow = `${L},severity="warning",layer="service",slo="prediction-availability"`;
  const expectAlert = (alert: string, at: string, labels?: string) => ({
    expr: `ALERTS{alertname="${alert}",alertstate="firing"}`,
    eval_time: at,
    exp_samples: labels ? [{ labels: firing(alert, labels), value: 1 }] : [],
  });

  const tests = [
    // 2% errors: above 14.4 x 0.1% on 1h and 5m: page (and ticket).
    {
      interval: '1m',
      input_series: errorsCase('0+20x300'),
      promql_expr_test: [
        expectAlert('HighErrorRateFastBurn', '65m', fast),
        expectAlert('HighErrorRateSlowBurn', '65m', slow),
      ],
    },
    // 0.5% errors: under 0.6% (6x) and 1.44% (14.4x), above 0.3% (3x): a ticket, no page.
    {
      interval: '1m',
      input_series: errorsCase('0+5x300'),
      promql_expr_test: [
        expectAlert('HighErrorRateFastBurn', '150m'),
        expectAlert('HighErrorRateSlowBurn', '150m', slow),
      ],
    },
    // 0.05% errors: within budget (burn rate 0.5): nothing.
    {
      interval: '1m',
      input_series: errorsCase('0+0.5x300'),
      promql_expr_test: [expectAlert('HighErrorRateFastBurn', '150m'), expectAlert('HighErrorRateSlowBurn', '150m')],
    },
    // 4% errors for 30 minutes, then none: pages while it lasts; 35 minutes later the 1h and 6h ratios are still
    // above their thresholds but the short windows are clean, so the page resolves.
    {
      interval: '1m',
      input_series: errorsCase('0+40x30 1200+0x270'),
      promql_expr_test: [
        expectAlert('HighErrorRateFastBurn', '25m', fast),
        {
          expr: 'model_server:prediction_errors:ratio_rate1h > bool 0.0144',
          eval_time: '65m',
          exp_samples: [{ labels: `{${L}}`, value: 1 }],
        },
        {
          expr: 'model_server:prediction_errors:ratio_rate6h > bool 0.006',
          eval_time: '65m',
          exp_samples: [{ labels: `{${L}}`, value: 1 }],
        },
        expectAlert('HighErrorRateFastBurn', '65m'),
      ],
    },
    // Latency (99% objective): 20% of predictions over 0.5 s pages; 1% does not.
    {
      interval: '1m',
      input_series: [
        { series: `prediction_latency_seconds_count{${L}}`, values: '0+1000x120' },
        { series: `prediction_latency_seconds_bucket{le="0.5",${L}}`, values: '0+800x120' },
        {
          series: `prediction_latency_seconds_count{cluster="c1",instance="i2",model="m1",job="model-server"}`,
          values: '0+1000x120',
        },
        {
          series: `prediction_latency_seconds_bucket{le="0.5",cluster="c1",instance="i2",model="m1",job="model-server"}`,
          values: '0+990x120',
        },
      ],
      promql_expr_test: [
        expectAlert(
          'HighPredictionLatencyFastBurn',
          '65m',
          `${L},severity="critical",layer="service",slo="prediction-latency"`,
        ),
      ],
    },
    // GPU out of memory under 100 MB free; not at 200 MB.
    {
      interval: '1m',
      input_series: [
        {
          series: 'gpu_memory_available_bytes{cluster="c1",instance="i1",gpu="0",model="m1",job="model-server"}',
          values: '50000000x5',
        },
        {
          series: 'gpu_memory_available_bytes{cluster="c1",instance="i2",gpu="0",model="m1",job="model-server"}',
          values: '200000000x5',
        },
      ],
      promql_expr_test: [
        expectAlert(
          'GPUMemoryOOM',
          '2m',
          'cluster="c1",instance="i1",gpu="0",model="m1",job="model-server",severity="critical",layer="infrastructure"',
        ),
      ],
    },
    // ModelServerCrash needs restarts and errors on the same server; restarts alone are only a spike.
    {
      interval: '1m',
      input_series: [
        {
          series: 'container_restarts_total{cluster="c1",instance="i1",container="model-server",job="model-server"}',
          values: '0+2x30',
        },
        {
          series: 'container_restarts_total{cluster="c1",instance="i2",container="model-server",job="model-server"}',
          values: '0+2x30',
        },
        { series: `predictions_total{${L}}`, values: '0+1000x30' },
        { series: `prediction_errors_total{${L}}`, values: '0+100x30' },
        { series: 'predictions_total{cluster="c1",instance="i2",model="m1",job="model-server"}', values: '0+1000x30' },
        {
          series: 'prediction_errors_total{cluster="c1",instance="i2",model="m1",job="model-server"}',
          values: '0+0x30',
        },
      ],
      promql_expr_test: [
        expectAlert(
          'ModelServerCrash',
          '15m',
          'cluster="c1",instance="i1",container="model-server",job="model-server",severity="critical",layer="infrastructure"',
        ),
        {
          expr: 'count(ALERTS{alertname="ContainerRestartSpike",alertstate="firing"})',
          eval_time: '15m',
          exp_samples: [{ labels: '{}', value: 2 }],
        },
      ],
    },
    // Throughput falling to under half its usual level, measured against its own recent average.
    {
      interval: '1m',
      input_series: [
        { series: `predictions_total{${L}}`, values: '0+1000x40 40300+300x10' },
        { series: 'predictions_total{cluster="c1",instance="i2",model="m1",job="model-server"}', values: '0+1000x50' },
      ],
      promql_expr_test: [expectAlert('ThroughputDrop', '48m', `${L},severity="warning",layer="service"`)],
    },
    // Accuracy more than 5% under the baseline.
    {
      interval: '1m',
      input_series: [
        { series: 'current_accuracy{cluster="c1",instance="i1",model="m1",job="model-server"}', values: '0.85x5' },
        { series: 'baseline_accuracy{cluster="c1",instance="i1",model="m1",job="model-server"}', values: '0.92x5' },
        { series: 'current_accuracy{cluster="c1",instance="i2",model="m1",job="model-server"}', values: '0.90x5' },
        { series: 'baseline_accuracy{cluster="c1",instance="i2",model="m1",job="model-server"}', values: '0.92x5' },
      ],
      promql_expr_test: [
        expectAlert('AccuracyDegradation', '3m', `${L},severity="warning",layer="quality",alert_type="quality"`),
      ],
    },
  ];

  it('pages, tickets and stays quiet at the right error ratios', () => {
    fs.copyFileSync(path.join(DEMO_DIR, 'rules.yml'), path.join(tmp, 'rules.yml'));
    fs.writeFileSync(
      path.join(tmp, 'rules.test.yml'),
      YAML.stringify({ rule_files: ['rules.yml'], evaluation_interval: '1m', tests }),
    );
    const r = run('promtool', ['test', 'rules', 'rules.test.yml']);
    expect(r.out).toContain('SUCCESS');
    expect(r.code).toBe(0);
  });
});

describe('the Kubernetes alerts (promtool test rules)', () => {
  const firing = (alert: string, labels: string) => `ALERTS{alertname="${alert}",alertstate="firing",${labels}}`;
  const expectAlert = (alert: string, at: string, labels: string) => ({
    expr: `ALERTS{alertname="${alert}",alertstate="firing"}`,
    eval_time: at,
    exp_samples: [{ labels: firing(alert, labels), value: 1 }],
  });
  // The node-failure chain on kube-state-metrics series as the demo's Prometheus stores them (kube-state-metrics'
  // own pod and instance on every series, the subject's namespace and pod where the series names them).
  const KSM = 'job="kube-state-metrics",instance="10.10.1.25:8080",container="kube-state-metrics"';
  const ksmPod = 'pod="kube-state-metrics-abc-x1"';
  const kubeTest = {
    interval: '1m',
    input_series: [
      {
        series: `kube_node_status_condition{${KSM},${ksmPod},namespace="monitoring",cluster="c1",node="n1",condition="Ready",status="true"}`,
        values: '1 1 0x10',
      },
      {
        series: `kube_node_status_condition{${KSM},${ksmPod},namespace="monitoring",cluster="c1",node="n2",condition="Ready",status="true"}`,
        values: '1x12',
      },
      // A cordoned node that is not ready is being worked on: no alert.
      {
        series: `kube_node_status_condition{${KSM},${ksmPod},namespace="monitoring",cluster="c1",node="n3",condition="Ready",status="true"}`,
        values: '0x12',
      },
      {
        series: `kube_node_spec_unschedulable{${KSM},${ksmPod},namespace="monitoring",cluster="c1",node="n1"}`,
        values: '0x12',
      },
      {
        series: `kube_node_spec_unschedulable{${KSM},${ksmPod},namespace="monitoring",cluster="c1",node="n2"}`,
        values: '0x12',
      },
      {
        series: `kube_node_spec_unschedulable{${KSM},${ksmPod},namespace="monitoring",cluster="c1",node="n3"}`,
        values: '1x12',
      },
      {
        series: `kube_pod_status_phase{${KSM},cluster="c1",namespace="ml",pod="web-1",uid="u1",phase="Unknown"}`,
        values: '0 0 1x10',
      },
      {
        series: `kube_pod_status_phase{${KSM},cluster="c1",namespace="ml",pod="web-2",uid="u2",phase="Unknown"}`,
        values: '0x12',
      },
      {
        series: `kube_pod_owner{${KSM},cluster="c1",namespace="ml",pod="web-1",uid="u1",owner_kind="ReplicaSet",owner_name="web-5d8f",owner_is_controller="true"}`,
        values: '1x12',
      },
      {
        series: `kube_pod_owner{${KSM},cluster="c1",namespace="ml",pod="web-2",uid="u2",owner_kind="ReplicaSet",owner_name="web-5d8f",owner_is_controller="true"}`,
        values: '1x12',
      },
      {
        series: `kube_deployment_spec_replicas{${KSM},${ksmPod},cluster="c1",namespace="ml",deployment="web"}`,
        values: '2x12',
      },
      {
        series: `kube_deployment_status_replicas_available{${KSM},${ksmPod},cluster="c1",namespace="ml",deployment="web"}`,
        values: '2 2 1x10',
      },
      {
        series: `kube_deployment_status_replicas_updated{${KSM},${ksmPod},cluster="c1",namespace="ml",deployment="web"}`,
        values: '2x12',
      },
    ],
    promql_expr_test: [
      expectAlert(
        'KubeNodeNotReady',
        '5m',
        `${KSM},${ksmPod},namespace="monitoring",cluster="c1",node="n1",condition="Ready",status="true",severity="warning"`,
      ),
      expectAlert('KubePodNotReady', '5m', 'cluster="c1",namespace="ml",pod="web-1",severity="warning"'),
      expectAlert(
        'KubeDeploymentReplicasMismatch',
        '5m',
        `${KSM},${ksmPod},cluster="c1",namespace="ml",deployment="web",severity="warning"`,
      ),
      {
        expr: 'ALERTS{alertname="Watchdog",alertstate="firing"}',
        eval_time: '1m',
        exp_samples: [{ labels: 'ALERTS{alertname="Watchdog",alertstate="firing",severity="none"}', value: 1 }],
      },
    ],
  };

  it('fire the node-failure chain with the labels the kubernetes-mixin gives them, and the Watchdog always', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'kube-'));
    fs.copyFileSync(path.join(DEMO_DIR, 'rules.yml'), path.join(dir, 'rules.yml'));
    fs.writeFileSync(
      path.join(dir, 'rules.test.yml'),
      YAML.stringify({ rule_files: ['rules.yml'], evaluation_interval: '1m', tests: [kubeTest] }),
    );
    const r = run('promtool', ['test', 'rules', 'rules.test.yml'], dir);
    expect(r.out).toContain('SUCCESS');
    expect(r.code).toBe(0);
  });
});

describe('demo/prometheus.yml', () => {
  it('passes promtool check config with the files the demo writes next to it', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'prom-'));
    const targets: SimTarget[] = [
      {
        job: 'model-server',
        cluster: 'us-east',
        instance: 'gpu-node-1',
        path: '/model-server/us-east/gpu-node-1/metrics',
      },
      {
        job: 'dcgm-exporter',
        cluster: 'us-east',
        instance: 'gpu-node-1',
        path: '/dcgm-exporter/us-east/gpu-node-1/metrics',
      },
      {
        job: 'kube-state-metrics',
        cluster: 'us-east',
        instance: '10.10.1.25:8080',
        path: '/kube-state-metrics/us-east/metrics',
        labels: { namespace: 'monitoring', pod: 'kube-state-metrics-abc-x1' },
      },
    ];
    fs.writeFileSync(path.join(dir, 'prometheus.yml'), read('prometheus.yml'));
    fs.copyFileSync(path.join(DEMO_DIR, 'rules.yml'), path.join(dir, 'rules.yml'));
    const files = prometheusSdFiles('http://127.0.0.1:41000', targets, 'http://127.0.0.1:41001');
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    expect(JSON.parse(files['targets-model-server.json']!)).toEqual([
      {
        targets: ['127.0.0.1:41000'],
        labels: {
          __metrics_path__: '/model-server/us-east/gpu-node-1/metrics',
          cluster: 'us-east',
          instance: 'gpu-node-1',
        },
      },
    ]);
    expect(JSON.parse(files['targets-kube-state-metrics.json']!)[0].labels).toEqual({
      __metrics_path__: '/kube-state-metrics/us-east/metrics',
      cluster: 'us-east',
      instance: '10.10.1.25:8080',
      namespace: 'monitoring',
      pod: 'kube-state-metrics-abc-x1',
    });
    const r = run('promtool', ['check', 'config', 'prometheus.yml'], dir);
    expect(r.out).toContain('SUCCESS');
    expect(r.code).toBe(0);
  });
});

describe('demo/alertmanager.yml', () => {
  it('passes amtool check-config as shipped and once pointed at the sink', () => {
    expect(run('amtool', ['check-config', path.join(DEMO_DIR, 'alertmanager.yml')]).code).toBe(0);
    const rendered = renderAlertmanagerConfig(read('alertmanager.yml'), 'http://127.0.0.1:45678');
    expect(rendered).not.toContain(WEBHOOK_PLACEHOLDER);
    fs.writeFileSync(path.join(tmp, 'alertmanager.yml'), rendered);
    const r = run('amtool', ['check-config', 'alertmanager.yml']);
    expect(r.out).toContain('SUCCESS');
    expect(r.code).toBe(0);
  });

  it('routes critical alerts to the pager and warnings to tickets (amtool config routes test)', () => {
    const file = path.join(DEMO_DIR, 'alertmanager.yml');
    const route = (labels: string[]) =>
      execFileSync('amtool', ['config', 'routes', 'test', `--config.file=${file}`, ...labels], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    expect(route(['alertname=GPUMemoryOOM', 'severity=critical'])).toBe('pager');
    expect(route(['alertname=DiskSpaceLow', 'severity=warning'])).toBe('ticket');
    expect(route(['alertname=Other'])).toBe('default');
    expect(route(['alertname=KubeNodeNotReady', 'severity=warning'])).toBe('ticket');
    // The heartbeat notifies no one.
    expect(route(['alertname=Watchdog', 'severity=none'])).toBe('null');
  });

  it('has the article inhibitions and the GPU OOM causal edge', () => {
    const cfg = YAML.parse(read('alertmanager.yml')) as {
      inhibit_rules: { source_matchers: string[]; target_matchers: string[]; equal: string[] }[];
      receivers: { name: string; webhook_configs?: unknown[] }[];
    };
    const rule = (source: string) =>
      cfg.inhibit_rules.filter((r) => r.source_matchers.some((m) => m.includes(`"${source}"`)));
    const down = rule('PredictionServiceDown')[0]!;
    expect(down.target_matchers.join()).toMatch(/HighPredictionLatency\.\*\|HighErrorRate\.\*/);
    expect(down.equal).toContain('instance');
    const oom = rule('GPUMemoryOOM').find((r) => r.target_matchers.join().includes('HighErrorRate'))!;
    expect(oom.equal).toEqual(['cluster', 'instance']);
    expect(rule('PlannedMaintenance')).toHaveLength(1);
    for (const r of cfg.receivers) expect(r.webhook_configs ?? [], r.name).toHaveLength(r.name === 'null' ? 0 : 1);
  });
});

describe('demo/oncall-demo.yaml', () => {
  it('becomes a valid, writable context named demo pointing at the stack, with absolute runbook folders', async () => {
    const file = path.join(tmp, 'oncall-demo.yaml');
    fs.writeFileSync(
      file,
      renderOncallConfig(read('oncall-demo.yaml'), {
        prometheusUrl: 'http://127.0.0.1:41000',
        alertmanagerUrl: 'http://127.0.0.1:41001',
        root: '/opt/oncall',
      }),
    );
    const ctx = await readContext({ config: file }, {});
    expect(ctx.name).toBe('demo');
    expect(ctx.prometheus.url).toBe('http://127.0.0.1:41000');
    expect(ctx.alertmanagers.map((a) => a.url)).toEqual(['http://127.0.0.1:41001']);
    expect(ctx.settings.read_only).toBe(false);
    expect(ctx.settings.runbook_dirs).toEqual(['/opt/oncall/runbooks']);
    expect(ctx.settings.slos.map((s) => s.name)).toEqual([
      'prediction-availability',
      'prediction-latency',
      'prediction-stability',
    ]);
  });
});
