// Realistic alert storms with ground truth, for tests and the benchmark (a test-data generator, kept out of src/): the article's causal chains,
// unrelated alerts on the same hosts, the same instance names in several clusters, symptoms that started before
// their causes (within the tolerance, so still grouped) and long before (beyond it, so alone).
//
// The truth is built by construction, not by running the grouping: every chain gets its own (cluster, instance)
// or (cluster, model), each member hangs under a parent that a default rule links it to, and the alerts that
// must stay alone are chosen so that no default rule can reach them. Truth is keyed by label set, so it still
// applies after the alerts went through a real Alertmanager, which assigns its own fingerprints.
// Plain JavaScript so that the benchmark runs it with node as it is and the tests import it too; its types are in
// synthetic.d.mts. The hash and the seeded PRNG are the product's own, from the tsc output in dist/ (npm run build).
import { fnv1a, hex8 } from '../../dist/domain/incidents/hash.js';
import { rng } from '../../dist/demo/random.js';

/** Canonical text of a label set: the key ground truth uses. */
export function labelKey(labels) {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(',');
}
/** A 16-hex-digit fingerprint of a label set (Alertmanager computes its own; this one is for unit use). */
export function syntheticFingerprint(labels) {
  const k = labelKey(labels);
  return hex8(fnv1a(k)) + hex8(fnv1a(k, 0x050c5d1f));
}
const m = (name, severity, parent, p = 1) => ({ name, severity, parent, p });
/** Each parent → child pair is linked by a default rule; the root's name is no default rule's effect. */
export const STORM_TEMPLATES = [
  {
    kind: 'resource-squeeze',
    layer: 'infra',
    members: [
      m('GPUMemoryOOM', 'critical', -1),
      m('HighPredictionLatencyFastBurn', 'critical', 0, 0.9),
      m('HighErrorRateFastBurn', 'critical', 0, 0.8),
      m('BatchTimeout', 'warning', 0, 0.7),
      m('QueueBacklog', 'warning', 3, 0.8),
      m('ThroughputDrop', 'warning', 4, 0.7),
    ],
  },
  {
    kind: 'cascading-crash',
    layer: 'infra',
    members: [
      m('ModelServerCrash', 'critical', -1),
      m('ContainerRestartSpike', 'warning', -2, 0.6),
      m('HighErrorRateFastBurn', 'critical', 0),
      m('HighPredictionLatencySlowBurn', 'warning', 0, 0.7),
    ],
  },
  // The root is less severe than its symptom: it is still the root.
  {
    kind: 'restart-spike',
    layer: 'infra',
    members: [
      m('ContainerRestartSpike', 'warning', -1),
      m('HighErrorRateFastBurn', 'critical', 0),
      m('HighErrorRateSlowBurn', 'warning', 0, 0.5),
    ],
  },
  {
    kind: 'service-down',
    layer: 'infra',
    members: [
      m('PredictionServiceDown', 'critical', -1),
      m('HighPredictionLatencyFastBurn', 'critical', 0, 0.8),
      m('HighErrorRateFastBurn', 'critical', 0, 0.9),
      m('ThroughputDrop', 'warning', 0, 0.8),
    ],
  },
  {
    kind: 'batch-backlog',
    layer: 'infra',
    members: [
      m('BatchTimeout', 'warning', -1),
      m('QueueBacklog', 'warning', 0),
      m('ThroughputDrop', 'warning', 1, 0.8),
    ],
  },
  {
    kind: 'latency-errors',
    layer: 'infra',
    members: [m('HighPredictionLatencyFastBurn', 'critical', -1), m('HighErrorRateSlowBurn', 'warning', 0)],
  },
  {
    kind: 'feature-pipeline',
    layer: 'quality',
    members: [
      m('FeaturePipelineFailure', 'critical', -1),
      m('InputFeatureDrift', 'warning', 0, 0.9),
      m('PredictionDistributionShift', 'warning', 1, 0.8),
      m('HighUserCorrectionRate', 'warning', 2, 0.7),
      m('AccuracyDegradation', 'warning', 3, 0.7),
    ],
  },
  {
    kind: 'silent-degradation',
    layer: 'quality',
    members: [
      m('EmbeddingDrift', 'warning', -1),
      m('PredictionDistributionShift', 'warning', 0),
      m('HighUserCorrectionRate', 'warning', 1, 0.7),
      m('AccuracyDegradation', 'warning', 1, 0.8),
    ],
  },
];
/** Symptoms that no default rule lets cause anything: safe to place beyond the tolerance. */
const BEYOND = {
  infra: ['HighErrorRateSlowBurn', 'HighErrorRateFastBurn', 'ThroughputDrop'],
  quality: ['AccuracyDegradation'],
};
/** Unrelated alerts on the same hosts or models: no rule links them. */
const NOISE = {
  infra: [
    m('DiskSpaceLow', 'warning', -1),
    m('HighCPUUtilization', 'warning', -1),
    m('NodeClockSkew', 'info', -1),
    m('CertificateExpiringSoon', 'info', -1),
  ],
  quality: [m('LabelingBacklogHigh', 'info', -1), m('ModelArtifactStale', 'warning', -1)],
};
const SUMMARY = {
  GPUMemoryOOM: 'GPU memory critically low',
  ContainerRestartSpike: 'Model server restarting frequently',
  ModelServerCrash: 'Model server crashing and returning errors',
  PredictionServiceDown: 'Prediction service is down',
  HighPredictionLatencyFastBurn: 'P99 latency > 500ms (fast burn)',
  HighPredictionLatencySlowBurn: 'P99 latency > 500ms (slow burn)',
  HighErrorRateFastBurn: 'Error rate burning the budget fast',
  HighErrorRateSlowBurn: 'Error rate burning the budget slowly',
  BatchTimeout: 'Inference batches timing out',
  QueueBacklog: 'Request queue backing up',
  ThroughputDrop: 'Throughput dropped by more than half',
  FeaturePipelineFailure: 'Feature pipeline run failed',
  InputFeatureDrift: 'Input feature distribution shifted',
  EmbeddingDrift: 'Embedding drift detected',
  PredictionDistributionShift: 'Prediction distribution shifted (PSI > 0.2)',
  HighUserCorrectionRate: 'Users correcting > 5% of predictions',
  AccuracyDegradation: 'Model accuracy dropped > 5%',
};
const MODELS = ['fraud-detector', 'recommender', 'search-ranker', 'churn-forecast', 'ad-ctr', 'checkout-ranker'];
const MIN = 60_000;
export function syntheticStorm(o = {}) {
  const rand = rng(o.seed ?? 1);
  const target = o.alerts ?? 60;
  const clusters = o.clusters ?? ['prod-us', 'prod-eu', 'staging'];
  const now = o.now ?? Date.UTC(2025, 0, 15, 3, 0, 0);
  const tol = o.toleranceMs ?? 10 * MIN;
  const earlyShare = o.earlyShare ?? 0.2;
  const beyondShare = o.beyondShare ?? 0.15;
  const noiseShare = o.noiseShare ?? 0.35;
  const between = (a, b) => a + Math.floor(rand() * (b - a + 1));
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const second = (ms) => Math.floor(ms / 1000) * 1000;
  const alerts = [];
  const truth = { incidentOf: new Map(), rootOf: new Map(), kindOf: new Map() };
  const hostSeq = new Map();
  const modelSeq = new Map();
  let incidents = 0;
  const add = (labels, startMs, incident) => {
    const fpr = syntheticFingerprint(labels);
    alerts.push({
      fingerprint: fpr,
      labels,
      annotations: {
        summary: SUMMARY[labels.alertname] ?? `${labels.alertname} firing`,
        runbook_url: `https://runbooks.example.com/${labels.alertname.toLowerCase()}`,
      },
      startsAt: new Date(second(startMs)).toISOString(),
      endsAt: new Date(now + 5 * MIN).toISOString(),
      updatedAt: new Date(now).toISOString(),
      generatorURL: '',
      receivers: ['default'],
      state: 'active',
      silencedBy: [],
      inhibitedBy: [],
    });
    truth.incidentOf.set(labelKey(labels), incident);
  };
  const single = (labels, startMs, kind) => {
    const name = `i${++incidents}`;
    truth.kindOf.set(name, kind);
    truth.rootOf.set(name, labelKey(labels));
    add(labels, startMs, name);
  };
  const placeLabels = (layer, cluster, place, member) =>
    layer === 'infra'
      ? {
          alertname: member.name,
          severity: member.severity,
          cluster,
          instance: place,
          job: 'inference',
          ...(member.name === 'GPUMemoryOOM' ? { gpu: '0' } : {}),
        }
      : {
          alertname: member.name,
          severity: member.severity,
          cluster,
          model: place,
          job: 'model-monitor',
          alert_type: 'quality',
        };
  const chain = (t) => {
    const cluster = pick(clusters);
    let place;
    if (t.layer === 'infra') {
      const k = (hostSeq.get(cluster) ?? 0) + 1;
      hostSeq.set(cluster, k);
      place = `gpu-node-${k}`;
    } else {
      const k = (modelSeq.get(cluster) ?? 0) + 1;
      modelSeq.set(cluster, k);
      place = `${MODELS[(k - 1) % MODELS.length]}-v${Math.ceil(k / MODELS.length)}`;
    }
    // Which members fire: the root, and each other member only if its cause fires (co-causes need a symptom
    // they share with the root, which every template's first symptom is).
    const present = t.members.map(() => false);
    const start = t.members.map(() => 0);
    present[0] = true;
    start[0] = now - between(60, 360) * MIN;
    t.members.forEach((mem, i) => {
      if (i === 0) return;
      if (mem.parent === -2) {
        present[i] = rand() < mem.p;
        start[i] = start[0] - between(0, 5 * 60) * 1000;
        return;
      }
      if (!present[mem.parent] || rand() >= mem.p) return;
      present[i] = true;
      const p = start[mem.parent];
      start[i] = rand() < earlyShare ? p - between(30, tol / 1000 - 90) * 1000 : p + between(0, 10 * 60) * 1000;
    });
    // A co-cause needs the first symptom present: the templates make it mandatory.
    const name = `i${++incidents}`;
    truth.kindOf.set(name, t.kind);
    const labels = [];
    t.members.forEach((mem, i) => {
      if (!present[i]) return;
      const l = placeLabels(t.layer, cluster, place, mem);
      labels.push(l);
      add(l, start[i], name);
      if (i === 0) truth.rootOf.set(name, labelKey(l));
    });
    const used = new Set(t.members.filter((_, i) => present[i]).map((x) => x.name));
    const earliest = Math.min(...start.filter((_, i) => present[i]));
    if (rand() < beyondShare) {
      const free = BEYOND[t.layer].filter((x) => !used.has(x));
      if (free.length) {
        const leaf = m(pick(free), 'warning', -1);
        single(placeLabels(t.layer, cluster, place, leaf), earliest - tol - between(5, 120) * MIN, 'beyond-tolerance');
      }
    }
    if (rand() < noiseShare) {
      const names = NOISE[t.layer];
      const count = between(1, 2);
      const first = Math.floor(rand() * names.length);
      for (let j = 0; j < count && j < names.length; j++) {
        const noise = names[(first + j) % names.length];
        single(placeLabels(t.layer, cluster, place, noise), now - between(5, 600) * MIN, 'noise');
      }
    }
    return labels;
  };
  // Chains until the next one might overshoot, then unrelated alerts on hosts of their own to reach the count.
  const largest = Math.max(...STORM_TEMPLATES.map((t) => t.members.length)) + 1 + 2;
  while (alerts.length + largest <= target) {
    const t =
      rand() < 0.7
        ? pick(STORM_TEMPLATES.filter((x) => x.layer === 'infra'))
        : pick(STORM_TEMPLATES.filter((x) => x.layer === 'quality'));
    chain(t);
  }
  let filler = 0;
  while (alerts.length < target) {
    const cluster = pick(clusters);
    single(
      { alertname: 'NodeClockSkew', severity: 'info', cluster, instance: `util-node-${++filler}`, job: 'node' },
      now - between(5, 600) * MIN,
      'noise',
    );
  }
  return { alerts, truth };
}
