import { describe, expect, it } from 'vitest';
import { groupIncidents, incidentTitle } from '../src/domain/incidents/group.js';
import { groupingOptions } from '../src/domain/incidents/options.js';
import { scoreGrouping } from './helpers/grouping-score.js';
import { labelKey, STORM_TEMPLATES, syntheticStorm, type Storm } from '../bench/lib/synthetic.mjs';
import type { Incident } from '../src/domain/incidents/types.js';
import { keptShapes } from '../src/domain/incidents/shapes.js';

const opts = groupingOptions({});
const MIN = 60_000;

/** What the storm holds, measured from its alerts and truth rather than taken from the generator's word. */
function anatomy(s: Storm) {
  const byIncident = new Map<string, typeof s.alerts>();
  for (const a of s.alerts) {
    const t = s.truth.incidentOf.get(labelKey(a.labels))!;
    byIncident.set(t, [...(byIncident.get(t) ?? []), a]);
  }
  let earlyWithin = 0;
  let sharedHostSingletons = 0;
  for (const [name, alerts] of byIncident) {
    const root = alerts.find((a) => labelKey(a.labels) === s.truth.rootOf.get(name))!;
    const t0 = Date.parse(root.startsAt);
    if (alerts.length > 1) earlyWithin += alerts.filter((a) => Date.parse(a.startsAt) < t0).length;
  }
  const hosts = new Map<string, Set<string>>();
  for (const a of s.alerts) {
    const host = `${a.labels.cluster}/${a.labels.instance ?? a.labels.model}`;
    hosts.set(host, (hosts.get(host) ?? new Set()).add(s.truth.incidentOf.get(labelKey(a.labels))!));
  }
  for (const set of hosts.values()) if (set.size > 1) sharedHostSingletons++;
  const instancesByName = new Map<string, Set<string>>();
  for (const a of s.alerts)
    if (a.labels.instance)
      instancesByName.set(
        a.labels.instance,
        (instancesByName.get(a.labels.instance) ?? new Set()).add(a.labels.cluster!),
      );
  const sameNameInTwoClusters = [...instancesByName.values()].filter((c) => c.size > 1).length;
  return {
    kinds: new Set(s.truth.kindOf.values()),
    earlyWithin,
    sharedHostSingletons,
    sameNameInTwoClusters,
    incidents: byIncident.size,
  };
}

describe('synthetic storms with ground truth', () => {
  it.each([1, 2, 3, 4, 5, 6])('seed %i: pairwise F1 1.0 and every chain rooted right', (seed) => {
    const storm = syntheticStorm({ seed, alerts: 400 });
    expect(storm.alerts).toHaveLength(400);
    const incidents = groupIncidents(storm.alerts, opts);
    const score = scoreGrouping(incidents, storm.truth);
    expect(score.wrongRoots).toEqual([]);
    expect(score.precision).toBe(1);
    expect(score.recall).toBe(1);
    expect(score.f1).toBe(1);
    expect(score.rootAccuracy).toBe(1);
    expect(score.unknownAlerts).toBe(0);
    expect(score.chains).toBeGreaterThan(50);
  });

  it('hold every chain of the article, noise on shared hosts, one instance name in several clusters, early symptoms, and some beyond the tolerance', () => {
    const storm = syntheticStorm({ seed: 1, alerts: 400 });
    const a = anatomy(storm);
    for (const t of STORM_TEMPLATES) expect(a.kinds).toContain(t.kind);
    expect(a.kinds).toContain('noise');
    expect(a.kinds).toContain('beyond-tolerance');
    expect(a.earlyWithin).toBeGreaterThan(10);
    expect(a.sharedHostSingletons).toBeGreaterThan(10);
    expect(a.sameNameInTwoClusters).toBeGreaterThan(10);
  });

  it("the beyond-tolerance symptoms really started more than the tolerance before every alert of their host's chain", () => {
    const storm = syntheticStorm({ seed: 2, alerts: 400 });
    const host = (l: Record<string, string>) => `${l.cluster}/${l.instance ?? l.model}`;
    let checked = 0;
    for (const x of storm.alerts) {
      if (storm.truth.kindOf.get(storm.truth.incidentOf.get(labelKey(x.labels))!) !== 'beyond-tolerance') continue;
      const chain = storm.alerts.filter(
        (y) =>
          host(y.labels) === host(x.labels) &&
          y !== x &&
          storm.truth.kindOf.get(storm.truth.incidentOf.get(labelKey(y.labels))!) !== 'noise',
      );
      expect(chain.length).toBeGreaterThan(0);
      for (const y of chain) expect(Date.parse(y.startsAt) - Date.parse(x.startsAt)).toBeGreaterThan(10 * MIN);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('the same seed gives the same storm; another seed another one', () => {
    const a = syntheticStorm({ seed: 9, alerts: 100 });
    expect(syntheticStorm({ seed: 9, alerts: 100 })).toEqual(a);
    expect(syntheticStorm({ seed: 10, alerts: 100 }).alerts).not.toEqual(a.alerts);
  });

  it('scales: 20,000 alerts still group exactly', () => {
    const storm = syntheticStorm({ seed: 7, alerts: 20_000 });
    const score = scoreGrouping(groupIncidents(storm.alerts, opts), storm.truth);
    expect(score.f1).toBe(1);
    expect(score.rootAccuracy).toBe(1);
    expect(score.compression).toBeGreaterThan(2);
  });
});

describe('the scoring notices bad groupings', () => {
  const storm = syntheticStorm({ seed: 3, alerts: 200 });
  const good = groupIncidents(storm.alerts, opts);

  it('everything merged into one incident: precision drops', () => {
    const all: Incident = { ...good[0]!, alerts: good.flatMap((i) => i.alerts) };
    const s = scoreGrouping([all], storm.truth);
    expect(s.recall).toBe(1);
    expect(s.precision).toBeLessThan(0.2);
  });

  it('no grouping at all: recall drops to zero', () => {
    const singles = groupIncidents(storm.alerts, groupingOptions({ replace_default_rules: true }));
    const s = scoreGrouping(singles, storm.truth);
    expect(s.precision).toBe(1);
    expect(s.recall).toBe(0);
    expect(s.compression).toBe(1);
  });

  it('without the lead tolerance, symptoms that started before their cause fall out', () => {
    const s = scoreGrouping(
      groupIncidents(storm.alerts, groupingOptions({ symptom_lead_tolerance: '0' })),
      storm.truth,
    );
    expect(s.precision).toBe(1);
    expect(s.recall).toBeLessThan(1);
  });

  it('a wrongly chosen root is counted', () => {
    const swapped = good.map((i) => (i.alerts.length > 1 ? { ...i, root: i.alerts[1]!.fingerprint } : i));
    const s = scoreGrouping(swapped, storm.truth);
    expect(s.f1).toBe(1);
    expect(s.rootAccuracy).toBe(0);
    expect(s.wrongRoots.length).toBe(s.chains);
  });
});

// Grouping keeps its working structures from one call to the next (src/domain/incidents/shapes.ts), so that V8
// keeps the code compiled for them. What it keeps must neither change earlier results nor hold on to alerts.
describe('what grouping keeps between calls', () => {
  it('leaves the results of earlier calls as they were', () => {
    const a = syntheticStorm({ seed: 21, alerts: 400 });
    const b = syntheticStorm({ seed: 22, alerts: 700 });
    const first = groupIncidents(a.alerts, groupingOptions());
    const before = JSON.stringify(first);
    const second = groupIncidents(b.alerts, groupingOptions({ causal_rules: [] }));
    expect(JSON.stringify(first)).toBe(before);
    expect(second.reduce((n, i) => n + i.alerts.length, 0)).toBe(b.alerts.length);
  });

  it('keeps no alert reachable once a call is done', () => {
    const storm = syntheticStorm({ seed: 23, alerts: 300 });
    groupIncidents(storm.alerts, groupingOptions());
    const alerts = new Set<unknown>(storm.alerts);
    const labels = new Set<unknown>(storm.alerts.map((x) => x.labels));
    const seen = new Set<unknown>();
    const found: string[] = [];
    const visit = (v: unknown, path: string): void => {
      if (typeof v !== 'object' || v === null || seen.has(v) || ArrayBuffer.isView(v)) return;
      seen.add(v);
      if (alerts.has(v) || labels.has(v)) found.push(path);
      if (v instanceof Map)
        for (const [k, x] of v) {
          visit(k, `${path}.key`);
          visit(x, `${path}.value`);
        }
      else for (const [k, x] of Object.entries(v)) visit(x, `${path}.${k}`);
    };
    const kept = keptShapes();
    expect(kept.size).toBeGreaterThan(3);
    for (const [kind, v] of kept) visit(v, kind);
    expect(found.slice(0, 5)).toEqual([]);
  });
});

// Grouping builds titles from the label values it interned (group.ts, titleOf); incidentTitle builds them from the
// root alert's labels. Both must give the same text.
describe('incident titles', () => {
  it('are what incidentTitle makes of the root alert, for every incident of a storm', () => {
    const storm = syntheticStorm({ seed: 24, alerts: 800 });
    const odd = {
      ...storm.alerts[0]!,
      fingerprint: 'f00dfeedf00dfeed',
      labels: { alertname: 'NodeDown', cluster: 'prod\u001b[2J', instance: 'gpu-\u202e1' },
    };
    // A quality alert naming both a model and a host: its title names the model.
    const model = {
      ...storm.alerts[1]!,
      fingerprint: 'feedf00dfeedf00d',
      labels: { alertname: 'AccuracyDrop', layer: 'quality', cluster: 'prod', model: 'fraud', instance: 'gpu-9' },
    };
    const incidents = groupIncidents([...storm.alerts, odd, model], groupingOptions());
    let quality = 0;
    for (const inc of incidents) {
      const root = inc.alerts.find((a) => a.fingerprint === inc.root)!;
      if (root.layer === 'quality') quality++;
      expect(inc.title).toBe(incidentTitle(root, inc.layer, inc.alerts.length - 1));
    }
    expect(quality).toBeGreaterThan(0);
    expect(incidents.find((i) => i.root === odd.fingerprint)!.title).not.toMatch(/[\u001b\u202e]/);
    expect(incidents.find((i) => i.root === model.fingerprint)!.title).toContain('prod/fraud');
  });

  // Alerts computed from kube-state-metrics carry the exporter's own instance and pod (its scrape target's labels):
  // a title names the node, or the object the alert is about, never the exporter.
  it('name the node or the Kubernetes object, never kube-state-metrics itself', () => {
    const base = syntheticStorm({ seed: 3, alerts: 10 }).alerts[0]!;
    const ksm = {
      job: 'kube-state-metrics',
      instance: '10.1.2.3:8080',
      pod: 'kube-state-metrics-7c9f-abcde',
      cluster: 'prod',
    };
    const mk = (fingerprint: string, labels: Record<string, string>) => ({
      ...base,
      fingerprint,
      labels: { severity: 'warning', ...labels },
    });
    const alerts = [
      mk('a000000000000001', { alertname: 'KubeNodeNotReady', node: 'gpu-node-2', ...ksm }),
      mk('a000000000000002', {
        alertname: 'KubeDeploymentReplicasMismatch',
        namespace: 'ml-serving',
        deployment: 'fraud-detector',
        ...ksm,
        cluster: 'staging',
      }),
      mk('a000000000000003', {
        alertname: 'KubePodCrashLooping',
        ...ksm,
        exported_namespace: 'ml-serving',
        exported_pod: 'ranker-5d8-x2',
        cluster: 'dev',
      }),
    ];
    const incidents = groupIncidents(
      alerts,
      groupingOptions({ kubernetes_rules: false } as Parameters<typeof groupingOptions>[0]),
    );
    const titles = incidents.map((i) => i.title).sort();
    expect(titles).toEqual([
      'KubeDeploymentReplicasMismatch on staging/ml-serving/fraud-detector',
      'KubeNodeNotReady on prod/gpu-node-2',
      'KubePodCrashLooping on dev/ml-serving/ranker-5d8-x2',
    ]);
    for (const inc of incidents) expect(inc.title).toBe(incidentTitle(inc.alerts[0]!, inc.layer, 0));
  });
});
