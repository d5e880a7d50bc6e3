import { describe, expect, it } from 'vitest';
import { groupIncidents, incidentId, MAX_EDGES_PER_EFFECT, parseTime } from '../src/domain/incidents/group.js';
import { groupingOptions } from '../src/domain/incidents/options.js';
import { layerOf } from '../src/domain/incidents/layer.js';
import { treeRows, describeEdge } from '../src/domain/incidents/tree.js';
import { syntheticFingerprint } from '../bench/lib/synthetic.mjs';
import type { Alert } from '../src/domain/types.js';
import type { GroupingOptions, Incident } from '../src/domain/incidents/types.js';

const T0 = Date.UTC(2025, 0, 15, 2, 0, 0);
const MIN = 60_000;

/** An alert `at` minutes after T0, on prod/gpu-1 unless labels say otherwise. */
function alert(alertname: string, at = 0, labels: Record<string, string> = {}, extra: Partial<Alert> = {}): Alert {
  const l = { alertname, cluster: 'prod', instance: 'gpu-1', severity: 'warning', ...labels };
  for (const [k, v] of Object.entries(l)) if (v === '') delete (l as Record<string, string>)[k];
  return {
    fingerprint: syntheticFingerprint(l),
    labels: l,
    annotations: {},
    startsAt: new Date(T0 + at * MIN).toISOString(),
    endsAt: '',
    updatedAt: '',
    generatorURL: '',
    receivers: [],
    state: 'active',
    silencedBy: [],
    inhibitedBy: [],
    ...extra,
  };
}

const defaults = groupingOptions({});
const group = (alerts: Alert[], opts: GroupingOptions = defaults) => groupIncidents(alerts, opts);
const names = (inc: Incident) => inc.alerts.map((a) => a.labels.alertname);
const rootName = (inc: Incident) => inc.alerts.find((a) => a.fingerprint === inc.root)!.labels.alertname;
const incidentOf = (incs: Incident[], a: Alert) =>
  incs.find((i) => i.alerts.some((x) => x.fingerprint === a.fingerprint))!;

describe('default chains: each cause → effect pair joins, cause as root', () => {
  const infra: [string, string][] = [
    ['GPUMemoryOOM', 'HighPredictionLatencyFastBurn'],
    ['GPUMemoryOOM', 'HighErrorRateSlowBurn'],
    ['GPUMemoryOOM', 'BatchTimeout'],
    ['ContainerRestartSpike', 'HighErrorRateFastBurn'],
    ['ContainerRestartSpike', 'HighPredictionLatencySlowBurn'],
    ['ModelServerCrash', 'HighErrorRateFastBurn'],
    ['ModelServerCrash', 'HighPredictionLatency'],
    ['PredictionServiceDown', 'HighPredictionLatencyFastBurn'],
    ['PredictionServiceDown', 'HighErrorRate'],
    ['PredictionServiceDown', 'ThroughputDrop'],
    ['BatchTimeout', 'QueueBacklog'],
    ['QueueBacklog', 'ThroughputDrop'],
    ['HighPredictionLatencyFastBurn', 'HighErrorRateFastBurn'],
    ['HighPredictionLatencySlowBurn', 'HighErrorRateSlowBurn'],
  ];
  const quality: [string, string][] = [
    ['FeaturePipelineFailure', 'InputFeatureDrift'],
    ['FeaturePipelineFailure', 'PredictionDistributionShift'],
    ['FeaturePipelineFailure', 'HighUserCorrectionRate'],
    ['FeaturePipelineFailure', 'AccuracyDegradation'],
    ['InputFeatureDrift', 'PredictionDistributionShift'],
    ['EmbeddingDrift', 'PredictionDistributionShift'],
    ['PredictionDistributionShift', 'HighUserCorrectionRate'],
    ['PredictionDistributionShift', 'AccuracyDegradation'],
    ['HighUserCorrectionRate', 'AccuracyDegradation'],
  ];
  it.each(infra)('%s → %s on one cluster and instance', (cause, effect) => {
    const c = alert(cause, 0);
    const e = alert(effect, 2);
    const incs = group([e, c]);
    expect(incs).toHaveLength(1);
    expect(incs[0]!.root).toBe(c.fingerprint);
    expect(incs[0]!.alerts.map((a) => a.causedBy)).toEqual([null, c.fingerprint]);
  });
  it.each(quality)('%s → %s on one cluster and model', (cause, effect) => {
    const q = { instance: '', model: 'fraud', alert_type: 'quality' };
    const c = alert(cause, 0, q);
    const e = alert(effect, 2, q);
    const incs = group([e, c]);
    expect(incs).toHaveLength(1);
    expect(incs[0]!.root).toBe(c.fingerprint);
  });
  it.each([...infra, ...quality])('%s → %s does not join across clusters', (cause, effect) => {
    const q: Record<string, string> = infra.some(([a, b]) => a === cause && b === effect)
      ? {}
      : { instance: '', model: 'fraud' };
    expect(group([alert(cause, 0, { ...q, cluster: 'us' }), alert(effect, 2, { ...q, cluster: 'eu' })])).toHaveLength(
      2,
    );
  });
  it('quality chains join on model, not instance', () => {
    const drift = alert('InputFeatureDrift', 0, { instance: 'a', model: 'fraud' });
    const shift = alert('PredictionDistributionShift', 1, { instance: 'b', model: 'fraud' });
    const other = alert('PredictionDistributionShift', 1, { instance: 'a', model: 'ranker' });
    const incs = group([drift, shift, other]);
    expect(incs).toHaveLength(2);
    expect(incidentOf(incs, shift).alerts.map((a) => a.fingerprint)).toEqual([drift.fingerprint, shift.fingerprint]);
  });
});

describe('the article chains end to end', () => {
  it('resource squeeze: OOM → latency, errors, batch timeout → queue backlog → throughput drop', () => {
    const alerts = [
      alert('ThroughputDrop', 9),
      alert('QueueBacklog', 6),
      alert('HighErrorRateFastBurn', 3, { severity: 'critical' }),
      alert('BatchTimeout', 2),
      alert('HighPredictionLatencyFastBurn', 1, { severity: 'critical' }),
      alert('GPUMemoryOOM', 0, { severity: 'critical' }),
    ];
    const [inc, ...rest] = group(alerts);
    expect(rest).toHaveLength(0);
    expect(rootName(inc!)).toBe('GPUMemoryOOM');
    // breadth first from the root: its direct symptoms by rank, then the next level
    expect(names(inc!)).toEqual([
      'GPUMemoryOOM',
      'HighPredictionLatencyFastBurn',
      'HighErrorRateFastBurn',
      'BatchTimeout',
      'QueueBacklog',
      'ThroughputDrop',
    ]);
    const parent = Object.fromEntries(
      inc!.alerts.map((a) => [
        a.labels.alertname,
        inc!.alerts.find((p) => p.fingerprint === a.causedBy)?.labels.alertname ?? null,
      ]),
    );
    expect(parent).toEqual({
      GPUMemoryOOM: null,
      HighPredictionLatencyFastBurn: 'GPUMemoryOOM',
      HighErrorRateFastBurn: 'GPUMemoryOOM',
      BatchTimeout: 'GPUMemoryOOM',
      QueueBacklog: 'BatchTimeout',
      ThroughputDrop: 'QueueBacklog',
    });
    expect(inc!.title).toBe('GPUMemoryOOM on prod/gpu-1 (+5 symptoms)');
    expect(inc!.severity).toBe('critical');
    expect(inc!.layer).toBe('infrastructure');
  });

  it('feature pipeline failure → drift → shift → corrections → accuracy, one incident rooted at the pipeline', () => {
    const q = { instance: '', model: 'checkout', alert_type: 'quality' };
    const alerts = [
      'AccuracyDegradation',
      'HighUserCorrectionRate',
      'PredictionDistributionShift',
      'InputFeatureDrift',
      'FeaturePipelineFailure',
    ].map((n, i) => alert(n, 40 - i * 10, q));
    const incs = group(alerts);
    expect(incs).toHaveLength(1);
    expect(rootName(incs[0]!)).toBe('FeaturePipelineFailure');
    expect(incs[0]!.layer).toBe('quality');
    expect(incs[0]!.title).toBe('FeaturePipelineFailure on prod/checkout (+4 symptoms)');
  });

  it('silent degradation without a pipeline failure: embedding drift is the root', () => {
    const q = { instance: '', model: 'reco' };
    const incs = group([
      alert('AccuracyDegradation', 30, q),
      alert('PredictionDistributionShift', 10, q),
      alert('EmbeddingDrift', 0, q),
      alert('HighUserCorrectionRate', 20, q),
    ]);
    expect(incs).toHaveLength(1);
    expect(rootName(incs[0]!)).toBe('EmbeddingDrift');
    expect(names(incs[0]!)).toEqual([
      'EmbeddingDrift',
      'PredictionDistributionShift',
      'HighUserCorrectionRate',
      'AccuracyDegradation',
    ]);
  });
});

describe('inhibit-rule semantics', () => {
  it('alerts that merely share a host are not merged', () => {
    const incs = group([
      alert('GPUMemoryOOM', 0),
      alert('DiskSpaceLow', 1),
      alert('HighCPUUtilization', 2),
      alert('HighErrorRateFastBurn', 3),
    ]);
    expect(incs).toHaveLength(3);
    expect(names(incidentOf(incs, alert('DiskSpaceLow', 1)))).toEqual(['DiskSpaceLow']);
  });

  it('the same instance name in two clusters never joins through an equal that includes cluster', () => {
    const incs = group([
      alert('GPUMemoryOOM', 0, { cluster: 'us' }),
      alert('HighErrorRateFastBurn', 1, { cluster: 'eu' }),
      alert('HighErrorRateFastBurn', 1, { cluster: 'us' }),
    ]);
    expect(incs).toHaveLength(2);
    expect(names(incidentOf(incs, alert('GPUMemoryOOM', 0, { cluster: 'us' })))).toEqual([
      'GPUMemoryOOM',
      'HighErrorRateFastBurn',
    ]);
  });

  it('different instances do not join', () => {
    expect(
      group([alert('GPUMemoryOOM', 0, { instance: 'a' }), alert('HighErrorRateFastBurn', 1, { instance: 'b' })]),
    ).toHaveLength(2);
  });

  it('a label missing on both alerts counts as equal; missing on one side only does not', () => {
    expect(
      group([alert('GPUMemoryOOM', 0, { instance: '' }), alert('HighErrorRateFastBurn', 1, { instance: '' })]),
    ).toHaveLength(1);
    expect(group([alert('GPUMemoryOOM', 0, { instance: '' }), alert('HighErrorRateFastBurn', 1)])).toHaveLength(2);
  });

  it('an alert never causes itself, even when it matches both sides of a rule', () => {
    const opts = groupingOptions({
      causal_rules: [
        { cause_matchers: ['alertname=~"Flaky.*"'], effect_matchers: ['alertname=~"Flaky.*"'], equal: ['cluster'] },
      ],
    });
    const [inc] = group([alert('FlakyProbe', 0)], opts);
    expect(inc!.alerts[0]!.causedBy).toBeNull();
    expect(inc!.alerts[0]!.edge).toBeNull();
  });

  it('other matchers than alertname take part (severity on the cause side)', () => {
    const opts = groupingOptions({
      replace_default_rules: true,
      causal_rules: [
        {
          cause_matchers: ['severity="critical"'],
          effect_matchers: ['severity="warning"'],
          equal: ['alertname', 'instance'],
        },
      ],
    });
    const crit = alert('Probe', 0, { severity: 'critical' });
    const warn = alert('Probe', 1, { severity: 'warning' });
    const info = alert('Probe', 1, { severity: 'info' });
    const incs = group([crit, warn, info], opts);
    expect(incs).toHaveLength(2);
    expect(incidentOf(incs, warn).root).toBe(crit.fingerprint);
  });

  it('a rule with no equal labels joins across every host', () => {
    const opts = groupingOptions({
      causal_rules: [{ cause_matchers: ['alertname="PlannedMaintenance"'], effect_matchers: ['alertname=~".*Drift"'] }],
    });
    const incs = group(
      [
        alert('PlannedMaintenance', 0, { instance: '' }),
        alert('EmbeddingDrift', 1, { cluster: 'eu', instance: 'x' }),
        alert('InputFeatureDrift', 1, { instance: 'y' }),
      ],
      opts,
    );
    expect(incs).toHaveLength(1);
    expect(rootName(incs[0]!)).toBe('PlannedMaintenance');
  });
});

describe("Alertmanager's inhibitedBy", () => {
  const noRules = groupingOptions({ replace_default_rules: true });

  it('links the inhibited alert to its inhibitor without any rule', () => {
    const src = alert('SomethingBig', 0, { severity: 'critical' });
    const tgt = alert('SomethingSmall', 1, {}, { state: 'suppressed', inhibitedBy: [src.fingerprint] });
    const [inc, ...rest] = group([tgt, src], noRules);
    expect(rest).toHaveLength(0);
    expect(inc!.root).toBe(src.fingerprint);
    expect(inc!.alerts[1]!.causedBy).toBe(src.fingerprint);
    expect(inc!.alerts[1]!.edge).toEqual({ via: 'inhibited_by' });
    expect(describeEdge(inc!.alerts[1]!, noRules.rules)).toBe('inhibitedBy');
  });

  it('ignores an inhibitor that is not among the alerts', () => {
    const tgt = alert('SomethingSmall', 1, {}, { state: 'suppressed', inhibitedBy: ['ffffffffffffffff'] });
    const incs = group([tgt, alert('Other', 0)], noRules);
    expect(incs).toHaveLength(2);
    expect(incidentOf(incs, tgt).alerts[0]!.causedBy).toBeNull();
  });

  it('obeys the same lead tolerance as rules', () => {
    const src = alert('SomethingBig', 30);
    const tgt = alert('SomethingSmall', 0, {}, { inhibitedBy: [src.fingerprint] });
    expect(group([src, tgt], noRules)).toHaveLength(2);
  });
});

describe('time: symptoms that start before their cause', () => {
  it('within the tolerance (10m by default) the symptom is grouped and the cause stays root', () => {
    const cause = alert('GPUMemoryOOM', 9);
    const symptom = alert('HighErrorRateFastBurn', 0, { severity: 'critical' });
    const [inc, ...rest] = group([symptom, cause]);
    expect(rest).toHaveLength(0);
    expect(inc!.root).toBe(cause.fingerprint); // not the earliest, not the most severe: the one with no cause
    expect(inc!.startsAt).toBe(symptom.startsAt);
  });

  it('beyond the tolerance there is no edge', () => {
    const incs = group([alert('HighErrorRateFastBurn', 0), alert('GPUMemoryOOM', 11)]);
    expect(incs).toHaveLength(2);
  });

  it('exactly at the tolerance still counts', () => {
    expect(group([alert('HighErrorRateFastBurn', 0), alert('GPUMemoryOOM', 10)])).toHaveLength(1);
  });

  it('the tolerance is configurable', () => {
    const alerts = [alert('HighErrorRateFastBurn', 0), alert('GPUMemoryOOM', 11)];
    expect(group(alerts, groupingOptions({ symptom_lead_tolerance: '15m' }))).toHaveLength(1);
    expect(
      group(
        [alert('HighErrorRateFastBurn', 0), alert('GPUMemoryOOM', 1)],
        groupingOptions({ symptom_lead_tolerance: '0' }),
      ),
    ).toHaveLength(2);
  });

  it('a symptom may start any time after its cause', () => {
    expect(group([alert('GPUMemoryOOM', 0), alert('HighErrorRateFastBurn', 600)])).toHaveLength(1);
  });
});

describe('root choice', () => {
  it('two causes of one symptom: the more severe one is root, the other a co-cause', () => {
    const oom = alert('GPUMemoryOOM', 5, { severity: 'critical' });
    const restart = alert('ContainerRestartSpike', 0, { severity: 'warning' });
    const err = alert('HighErrorRateFastBurn', 6, { severity: 'critical' });
    const [inc] = group([restart, err, oom]);
    expect(inc!.root).toBe(oom.fingerprint);
    expect(names(inc!)).toEqual(['GPUMemoryOOM', 'HighErrorRateFastBurn', 'ContainerRestartSpike']);
    const rows = treeRows(inc!);
    expect(rows.map((r) => [r.alert.labels.alertname, r.depth, r.coCause])).toEqual([
      ['GPUMemoryOOM', 0, false],
      ['HighErrorRateFastBurn', 1, false],
      ['ContainerRestartSpike', 0, true],
    ]);
  });

  it('equal severity: the earlier cause is root; equal start too: the fingerprint decides', () => {
    const a = alert('ContainerRestartSpike', 0);
    const b = alert('ModelServerCrash', 3);
    const err = alert('HighErrorRateFastBurn', 4);
    expect(group([err, b, a])[0]!.root).toBe(a.fingerprint);
    const c = alert('ModelServerCrash', 0);
    const want = [a.fingerprint, c.fingerprint].sort()[0];
    expect(group([c, err, a])[0]!.root).toBe(want);
  });

  it('a less severe cause is still root over its more severe symptom', () => {
    const [inc] = group([
      alert('HighErrorRateFastBurn', 1, { severity: 'critical' }),
      alert('ContainerRestartSpike', 0, { severity: 'info' }),
    ]);
    expect(rootName(inc!)).toBe('ContainerRestartSpike');
    expect(inc!.severity).toBe('critical');
  });

  describe('cycles (latency ⇄ errors with a user rule) are broken by the same order', () => {
    const opts = groupingOptions({
      causal_rules: [
        {
          cause_matchers: ['alertname=~"HighErrorRate.*"'],
          effect_matchers: ['alertname=~"HighPredictionLatency.*|ThroughputDrop"'],
          equal: ['cluster', 'instance'],
        },
      ],
    });
    it('a pure cycle: the more severe alert is root', () => {
      const lat = alert('HighPredictionLatencySlowBurn', 0, { severity: 'warning' });
      const err = alert('HighErrorRateFastBurn', 2, { severity: 'critical' });
      const [inc, ...rest] = group([lat, err], opts);
      expect(rest).toHaveLength(0);
      expect(inc!.root).toBe(err.fingerprint);
      expect(inc!.alerts[1]!.causedBy).toBe(err.fingerprint);
    });
    it('a cycle with a cause upstream: the upstream cause is root', () => {
      const [inc] = group(
        [
          alert('HighPredictionLatencyFastBurn', 0, { severity: 'critical' }),
          alert('HighErrorRateFastBurn', 1, { severity: 'critical' }),
          alert('PredictionServiceDown', 2, { severity: 'warning' }),
        ],
        opts,
      );
      expect(rootName(inc!)).toBe('PredictionServiceDown');
      expect(inc!.alerts.filter((a) => a.causedBy === null)).toHaveLength(1);
    });
    it('an alert downstream of a cycle is never root, however severe', () => {
      const [inc] = group(
        [
          alert('HighPredictionLatencySlowBurn', 0),
          alert('HighErrorRateSlowBurn', 1),
          alert('ThroughputDrop', 2, { severity: 'critical' }),
        ],
        opts,
      );
      expect(rootName(inc!)).toBe('HighPredictionLatencySlowBurn');
    });
  });
});

describe('incidents', () => {
  const storm = () => [
    alert('GPUMemoryOOM', 0, { severity: 'critical' }),
    alert('HighErrorRateFastBurn', 2, { severity: 'critical' }),
    alert('DiskSpaceLow', 30),
    alert('ContainerRestartSpike', 40, { instance: 'gpu-2' }),
    alert('HighErrorRateSlowBurn', 41, { instance: 'gpu-2' }),
    alert('NodeClockSkew', 50, { severity: 'info' }),
  ];

  it('every alert is in exactly one incident, duplicates of a fingerprint once', () => {
    const alerts = storm();
    const incs = group([...alerts, alerts[0]!, alerts[3]!]);
    const seen = incs.flatMap((i) => i.alerts.map((a) => a.fingerprint));
    expect(seen.sort()).toEqual(alerts.map((a) => a.fingerprint).sort());
  });

  it('sorted by severity, then the most recently started first', () => {
    expect(group(storm()).map((i) => [i.severity, rootName(i)])).toEqual([
      ['critical', 'GPUMemoryOOM'],
      ['warning', 'ContainerRestartSpike'],
      ['warning', 'DiskSpaceLow'],
      ['info', 'NodeClockSkew'],
    ]);
  });

  it('IDs derive from the root only: stable across refreshes with new, resolved and reordered alerts', () => {
    const first = group(storm());
    const later = group([
      alert('BatchTimeout', 3),
      ...storm()
        .reverse()
        .filter((a) => a.labels.alertname !== 'DiskSpaceLow'),
      alert('CertificateExpiringSoon', 60),
    ]);
    const byRoot = (incs: Incident[]) => Object.fromEntries(incs.map((i) => [i.root, i.id]));
    const a = byRoot(first);
    const b = byRoot(later);
    for (const root of Object.keys(a)) if (root in b) expect(b[root]).toBe(a[root]);
    expect(first[0]!.id).toBe(incidentId(first[0]!.root));
    expect(first[0]!.id).toMatch(/^inc-[0-9a-f]{12}$/);
    expect(new Set(first.map((i) => i.id)).size).toBe(first.length);
  });

  it('the same alerts in any order give the same incidents', () => {
    const alerts = storm();
    const shuffled = [alerts[4]!, alerts[1]!, alerts[5]!, alerts[0]!, alerts[3]!, alerts[2]!];
    expect(group(shuffled)).toEqual(group(alerts));
  });

  it('title: root name, where, and the number of symptoms; text from labels is sanitised', () => {
    const incs = group([
      alert('GPUMemoryOOM', 0, { instance: 'gpu-1\u001b[31m' }),
      alert('HighErrorRateFastBurn', 1, { instance: 'gpu-1\u001b[31m' }),
    ]);
    expect(incs[0]!.title).toBe('GPUMemoryOOM on prod/gpu-1 (+1 symptom)');
    const lonely = group([alert('NodeClockSkew', 0, { cluster: '', instance: '', job: 'node' })]);
    expect(lonely[0]!.title).toBe('NodeClockSkew on node');
  });

  it('no alerts, no incidents', () => {
    expect(group([])).toEqual([]);
  });

  it(`connectivity stays exact past ${MAX_EDGES_PER_EFFECT} causes of one symptom`, () => {
    const last = MAX_EDGES_PER_EFFECT + 5;
    // the critical one started last, so it sorts past the cap
    const causes = Array.from({ length: last + 1 }, (_, i) =>
      alert('GPUMemoryOOM', i === last ? 9 : i % 7, { gpu: String(i), severity: i === last ? 'critical' : 'warning' }),
    );
    const err = alert('HighErrorRateFastBurn', 3);
    const incs = group([err, ...causes]);
    expect(incs).toHaveLength(1);
    expect(incs[0]!.alerts).toHaveLength(causes.length + 1);
    expect(incs[0]!.root).toBe(causes[last]!.fingerprint);
    expect(new Set(incs[0]!.alerts.map((a) => a.fingerprint)).size).toBe(causes.length + 1);
  });
});

describe('layers', () => {
  const opts = groupingOptions({});
  it.each([
    ['GPUMemoryOOM', 'infrastructure'],
    ['ContainerRestartSpike', 'infrastructure'],
    ['ModelServerCrash', 'infrastructure'],
    ['PredictionServiceDown', 'infrastructure'],
    ['DiskSpaceLow', 'infrastructure'],
    ['HighCPUUtilization', 'infrastructure'],
    ['HighPredictionLatencyFastBurn', 'service'],
    ['HighErrorRateSlowBurn', 'service'],
    ['ThroughputDrop', 'service'],
    ['QueueBacklog', 'service'],
    ['BatchTimeout', 'service'],
    ['InputFeatureDrift', 'quality'],
    ['EmbeddingDrift', 'quality'],
    ['PredictionDistributionShift', 'quality'],
    ['AccuracyDegradation', 'quality'],
    ['HighUserCorrectionRate', 'quality'],
    ['FeaturePipelineFailure', 'quality'],
    ['PlannedMaintenance', 'unknown'],
  ])('%s is %s by name', (name, layer) => {
    expect(layerOf({ labels: { alertname: name } }, opts)).toBe(layer);
  });

  it('a layer or alert_type label wins over the name', () => {
    expect(layerOf({ labels: { alertname: 'GPUMemoryOOM', alert_type: 'quality' } }, opts)).toBe('quality');
    expect(layerOf({ labels: { alertname: 'Custom', layer: 'Infra' } }, opts)).toBe('infrastructure');
    expect(layerOf({ labels: { alertname: 'Custom', layer: 'service', alert_type: 'quality' } }, opts)).toBe('service');
    expect(layerOf({ labels: { alertname: 'HighErrorRate', alert_type: 'whatever' } }, opts)).toBe('service');
  });

  it('config: layer_labels and a layers map tried before the built-in names', () => {
    const custom = groupingOptions({
      layer_labels: ['tier'],
      layers: { 'HighError.*': 'quality', 'Maint.*': 'infrastructure' },
    });
    expect(layerOf({ labels: { alertname: 'X', tier: 'service', layer: 'quality' } }, custom)).toBe('service');
    expect(layerOf({ labels: { alertname: 'HighErrorRate' } }, custom)).toBe('quality');
    expect(layerOf({ labels: { alertname: 'MaintenanceWindow' } }, custom)).toBe('infrastructure');
    expect(layerOf({ labels: { alertname: 'xMaint' } }, custom)).toBe('unknown'); // anchored, as matchers are
  });

  it("each incident alert carries its layer, the incident its root's", () => {
    const [inc] = group([alert('GPUMemoryOOM', 0), alert('HighErrorRateFastBurn', 1)]);
    expect(inc!.alerts.map((a) => a.layer)).toEqual(['infrastructure', 'service']);
    expect(inc!.layer).toBe('infrastructure');
  });
});

describe('start times', () => {
  it.each([
    '2025-01-15T02:58:00Z',
    '2025-01-15T02:58:00.5Z',
    '2025-01-15T02:58:00.123Z',
    '2025-01-15T02:58:00.123456789Z',
    '2024-02-29T23:59:59.999Z',
    '2025-01-15T03:58:00+01:00',
    '2025-01-15T02:58:00.000-00:00',
  ])('%s reads as Date.parse reads it', (s) => {
    expect(parseTime(s)).toBe(Date.parse(s));
  });
  it('unreadable times count as very old rather than breaking the grouping', () => {
    expect(parseTime('yesterday')).toBe(0);
    expect(parseTime('2025-01-1xT02:58:00Z')).toBe(0);
  });
});
