import { describe, expect, it } from 'vitest';
import { formatIncidents, incidentsJson } from '../src/cli/commands/incidents-format.js';
import { formatRules, rulesJson } from '../src/cli/commands/rules.js';
import { groupIncidents } from '../src/domain/incidents/group.js';
import { groupingOptions } from '../src/domain/incidents/options.js';
import { syntheticFingerprint } from '../bench/lib/synthetic.mjs';
import type { Alert } from '../src/domain/types.js';

const NOW = Date.UTC(2025, 0, 15, 3, 0, 0);
function alert(
  alertname: string,
  minutesAgo: number,
  labels: Record<string, string> = {},
  extra: Partial<Alert> = {},
): Alert {
  const l = { alertname, cluster: 'prod', instance: 'gpu-1', severity: 'warning', ...labels };
  return {
    fingerprint: syntheticFingerprint(l),
    labels: l,
    annotations: {},
    startsAt: new Date(NOW - minutesAgo * 60_000).toISOString(),
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
const opts = groupingOptions({});

describe('incidents text output', () => {
  it('draws the tree with edges, co-causes, states and ages', () => {
    const oom = alert('GPUMemoryOOM', 30, { severity: 'critical' });
    const alerts = [
      oom,
      alert('ContainerRestartSpike', 35),
      alert(
        'HighErrorRateFastBurn',
        28,
        { severity: 'critical' },
        { state: 'suppressed', inhibitedBy: [oom.fingerprint] },
      ),
      alert('BatchTimeout', 25),
      alert('QueueBacklog', 20, {}, { state: 'suppressed', silencedBy: ['s-1'] }),
      alert('DiskSpaceLow', 120, { severity: 'info' }),
    ];
    const text = formatIncidents(groupIncidents(alerts, opts), opts.rules, NOW);
    const lines = text.split('\n');
    expect(lines[0]).toBe('2 incidents from 6 alerts: 1 critical, 0 warning, 1 info');
    expect(lines[2]).toMatch(
      /^CRITICAL {2}GPUMemoryOOM on prod\/gpu-1 \(\+4 symptoms\) {2}\[inc-[0-9a-f]{12}, infrastructure, 35m\]$/,
    );
    const rows = lines.slice(3, 8).map((l) => l.replace(/ +/g, ' ').trim());
    expect(rows).toEqual([
      'GPUMemoryOOM critical infrastructure 30m active prod/gpu-1 root',
      '├─ HighErrorRateFastBurn critical service 28m inhibited prod/gpu-1 ← rule 1 (default)',
      '└─ BatchTimeout warning service 25m active prod/gpu-1 ← rule 1 (default)',
      '└─ QueueBacklog warning service 20m silenced prod/gpu-1 ← rule 4 (default)',
      '+ ContainerRestartSpike warning infrastructure 35m active prod/gpu-1 also a cause',
    ]);
    expect(lines[6]).toMatch(/^ {5}└─ QueueBacklog /); // under BatchTimeout
    expect(lines[4]!.indexOf('critical')).toBe(lines[3]!.indexOf('critical')); // columns line up
    expect(lines[10]).toMatch(/^ {2}DiskSpaceLow +info +infrastructure +2h +active +prod\/gpu-1 +root$/);
  });

  it("names the same place as the title (the model first for a quality alert, else the host), and a host's model", () => {
    const alerts = [
      alert('FeaturePipelineFailure', 30, { layer: 'quality', model: 'recommender', instance: 'feature-pipeline' }),
      alert('ModelServerCrash', 20, { severity: 'critical', model: 'recommender', instance: 'gpu-7' }),
      alert('NodeClockSkew', 10, { cluster: '', instance: '', job: 'node' }),
    ];
    const text = formatIncidents(groupIncidents(alerts, opts), opts.rules, NOW);
    expect(text).toMatch(/^WARNING {2}FeaturePipelineFailure on prod\/recommender {2}\[/m);
    expect(text).toMatch(/^ {2}FeaturePipelineFailure .* prod\/recommender +root$/m);
    expect(text).toMatch(/^ {2}ModelServerCrash .* prod\/gpu-7 \(recommender\) +root$/m);
    expect(text).toMatch(/^ {2}NodeClockSkew .* node +root$/m);
  });

  it('says so when there is nothing', () => {
    expect(formatIncidents([], opts.rules, NOW)).toBe('no alerts\n');
  });

  it('strips escape sequences from label text', () => {
    const text = formatIncidents(
      groupIncidents([alert('Evil\u001b[2J', 1, { instance: 'h\u001b]52;c;AAAA\u0007' })], opts),
      opts.rules,
      NOW,
    );
    expect(text).toContain('Evil');
    expect(text).not.toMatch(/\u001b|\u0007/);
  });
});

describe('incidents JSON', () => {
  it('maps unprocessed to active and keeps exactly the contract fields', () => {
    const out = incidentsJson(
      '2025-01-15T03:00:00.000Z',
      groupIncidents([alert('GPUMemoryOOM', 1, {}, { state: 'unprocessed', endsAt: 'x', receivers: ['r'] })], opts),
    );
    expect(out.incidents[0]!.alerts[0]!.state).toBe('active');
    expect(Object.keys(out.incidents[0]!.alerts[0]!)).toEqual([
      'fingerprint',
      'labels',
      'annotations',
      'startsAt',
      'resolvedAt',
      'state',
      'silencedBy',
      'inhibitedBy',
      'causedBy',
      'layer',
      'topology',
    ]);
  });
});

describe('rules output', () => {
  it('numbers rules as the incident tree refers to them, with origin and source', () => {
    const o = groupingOptions({
      causal_rules: [{ cause_matchers: ['alertname="NodeDown"'], effect_matchers: ['job="node"'] }],
    });
    const json = rulesJson(o, false);
    // The article's 10 chains, the Kubernetes pack's 2, then the config's.
    expect(json.rules).toHaveLength(13);
    expect(json.rules[12]).toEqual({
      number: 13,
      origin: 'config',
      source: 'causal_rules[0]',
      cause: ['alertname="NodeDown"'],
      effect: ['job="node"'],
      equal: [],
    });
    const text = formatRules(o, false);
    expect(text).toMatch(/^13 +config +alertname="NodeDown" +job="node" +- +causal_rules\[0\]$/m);
    expect(formatRules(groupingOptions({ replace_default_rules: true }), true)).toMatch(/^no causal rules/);
  });
});
