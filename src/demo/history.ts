// Two weeks of ALERTS for the demo's Prometheus, written before it starts, so that `oncall review` and
// `oncall rules suggest` have a history to read from the first minute. The episodes follow the demo's own
// scenarios and causal chains (resource squeeze, cascading crash, silent degradation, feature pipeline, node failure) on its
// fleet, with independent noise; samples are spaced by the demo's evaluation interval (2s) as Prometheus writes
// them. Generated once into a cache folder and copied into each run's data folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promtoolBackfill, writeOpenMetrics, type IntervalSeries } from '../backends/backfill.js';
import { FLEET, NOISY_DISK, servings } from './fleet.js';
import { ksmInstance, ksmTargetLabels, kubeClusters } from './kube.js';
import { demoMetricsHistory } from './metrics-history.js';
import { rng } from './random.js';
import { scenarioByName } from './scenarios.js';

export const HISTORY_DAYS = 14;
/** The demo's evaluation_interval (demo/prometheus.yml). */
export const HISTORY_STEP = 2;
/** A cached history is used for this long; after that a new one ending nearer now is made. */
const CACHE_TTL_MS = 6 * 3600_000;
const CACHE_VERSION = 8;

// The labels each alert fires with live that its history carries too: severity, layer and job (the scrape job of
// the series its rule reads), so that the review groups the history with the live alerts.
const META: Record<string, { severity: string; layer?: string; job?: string }> = {
  GPUMemoryHigh: { severity: 'warning', layer: 'infrastructure', job: 'dcgm-exporter' },
  GPUMemoryCritical: { severity: 'critical', layer: 'infrastructure', job: 'dcgm-exporter' },
  GPUMemoryOOM: { severity: 'critical', layer: 'infrastructure', job: 'model-server' },
  ContainerRestartSpike: { severity: 'warning', layer: 'infrastructure', job: 'model-server' },
  ModelServerCrash: { severity: 'critical', layer: 'infrastructure', job: 'model-server' },
  DiskSpaceLow: { severity: 'warning', layer: 'infrastructure', job: 'node-exporter' },
  HighPredictionLatencyFastBurn: { severity: 'critical', layer: 'service', job: 'model-server' },
  HighErrorRateFastBurn: { severity: 'critical', layer: 'service', job: 'model-server' },
  BatchTimeout: { severity: 'warning', layer: 'service', job: 'model-server' },
  QueueBacklog: { severity: 'warning', layer: 'service', job: 'model-server' },
  ThroughputDrop: { severity: 'warning', layer: 'service', job: 'model-server' },
  FeaturePipelineFailure: { severity: 'warning', layer: 'quality', job: 'feature-pipeline' },
  InputFeatureDrift: { severity: 'warning', layer: 'quality', job: 'model-server' },
  PredictionDistributionShift: { severity: 'warning', layer: 'quality', job: 'model-server' },
  HighUserCorrectionRate: { severity: 'warning', layer: 'quality', job: 'model-server' },
  AccuracyDegradation: { severity: 'warning', layer: 'quality', job: 'model-server' },
  // The kube-prometheus alerts carry no layer (the node and Deployment ones get kube-state-metrics' labels below).
  KubeNodeNotReady: { severity: 'warning' },
  KubePodNotReady: { severity: 'warning' },
  KubeDeploymentReplicasMismatch: { severity: 'warning' },
};

/** The history's series: for each, its labels and firing intervals (Unix seconds). */
export function demoAlertHistory(now: number, days = HISTORY_DAYS, seed = 11): IntervalSeries[] {
  const r = rng(seed);
  const from = now - days * 86400;
  const byKey = new Map<string, IntervalSeries>();
  const fire = (alertname: string, labels: Record<string, string>, start: number, minutes: number) => {
    if (start >= now - 600) return;
    const all = { alertname, ...labels, ...META[alertname] };
    const key = JSON.stringify(all);
    let s = byKey.get(key);
    if (!s) byKey.set(key, (s = { labels: all, episodes: [] }));
    s.episodes.push([start, Math.min(now - 300, start + Math.round(minutes * 60))]);
  };
  // Spread `n` incidents over the window, each in its own slot, at a random time of the slot.
  const times = (n: number) =>
    Array.from({ length: n }, (_, i) => Math.floor(from + ((i + 0.1 + r() * 0.8) * (now - from - 3600)) / n));
  const jitter = (s: number) => Math.floor(r() * s);
  for (const h of FLEET) {
    const host = { cluster: h.cluster, instance: h.instance };
    for (const t of times(6)) {
      const g = h.gpus[Math.floor(r() * h.gpus.length)]!;
      const serving = { ...host, model: g.model };
      fire('GPUMemoryHigh', { ...host, gpu: g.gpu }, t, 25);
      fire('GPUMemoryCritical', { ...host, gpu: g.gpu }, t + 480 + jitter(60), 15);
      const oom = t + 900 + jitter(60);
      fire('GPUMemoryOOM', { ...serving, gpu: g.gpu }, oom, 5);
      // Each symptom follows its cause most of the time, not always, as in real incidents.
      const latency = oom + 60 + jitter(60);
      if (r() < 0.85) fire('HighPredictionLatencyFastBurn', serving, latency, 12);
      if (r() < 0.8) fire('HighErrorRateFastBurn', serving, latency + 60 + jitter(60), 10);
      const batch = oom + 60 + jitter(60);
      if (r() < 0.8) {
        fire('BatchTimeout', serving, batch, 10);
        if (r() < 0.9) fire('QueueBacklog', serving, batch + 90 + jitter(60), 10);
        fire('ThroughputDrop', serving, batch + 200 + jitter(60), 8);
      }
    }
    for (const t of times(5)) {
      const g = h.gpus[Math.floor(r() * h.gpus.length)]!;
      const serving = { ...host, model: g.model };
      fire('ContainerRestartSpike', serving, t, 10);
      fire('ModelServerCrash', serving, t + 60 + jitter(60), 8);
      fire('HighErrorRateFastBurn', serving, t + 150 + jitter(60), 8);
    }
    // Unrelated: a warning that comes and goes on its own.
    for (const t of times(4)) fire('GPUMemoryHigh', { ...host, gpu: h.gpus[0]!.gpu }, t + 43200, 20);
  }
  for (const s of servings()) {
    const serving = { cluster: s.cluster, instance: s.instance, model: s.model };
    for (const t of times(3)) {
      fire('FeaturePipelineFailure', { cluster: s.cluster, model: s.model, pipeline: `${s.model}-features` }, t, 15);
      fire('InputFeatureDrift', serving, t + 120 + jitter(120), 30);
      fire('PredictionDistributionShift', serving, t + 420 + jitter(120), 40);
      fire('HighUserCorrectionRate', serving, t + 600 + jitter(120), 30);
      fire('AccuracyDegradation', serving, t + 780 + jitter(120), 25);
    }
  }
  // The disk that fills up in the demo has been nearly full for the last three days.
  fire(
    'DiskSpaceLow',
    {
      cluster: NOISY_DISK.cluster,
      instance: NOISY_DISK.instance,
      mountpoint: NOISY_DISK.mountpoint,
      device: NOISY_DISK.device,
    },
    now - 3 * 86400,
    3 * 1440,
  );
  // Node failures where the live scenario plays one: the node, then its pods, then their Deployments, with the
  // labels they fire with (node and Deployment alerts also carry kube-state-metrics' own target labels).
  for (const target of scenarioByName('node-failure')!.targets) {
    const k = kubeClusters().find((c) => c.cluster === target.cluster)!;
    const ksm = { cluster: k.cluster, job: 'kube-state-metrics', instance: ksmInstance(k), ...ksmTargetLabels(k) };
    const lost = k.pods.filter((p) => p.node === target.instance);
    for (const t of times(4)) {
      fire('KubeNodeNotReady', { ...ksm, node: target.instance, condition: 'Ready', status: 'true' }, t, 25);
      for (const p of lost) {
        fire('KubePodNotReady', { cluster: k.cluster, namespace: p.namespace, pod: p.pod }, t + 60 + jitter(60), 22);
        fire(
          'KubeDeploymentReplicasMismatch',
          { ...ksm, namespace: p.namespace, deployment: p.deployment },
          t + 150 + jitter(60),
          20,
        );
      }
    }
  }
  return [...byKey.values()];
}

/**
 * A folder of TSDB blocks holding the history, made with promtool on first use and cached for a few hours.
 * Returns the cache folder; copy it into a fresh data folder before Prometheus starts (Prometheus compacts blocks).
 */
export async function cachedDemoHistory(
  now = Date.now(),
  cacheRoot = path.join(os.tmpdir(), 'oncall-demo-history'),
): Promise<{ dir: string; fresh: boolean }> {
  fs.mkdirSync(cacheRoot, { recursive: true });
  for (const name of fs.readdirSync(cacheRoot).sort().reverse()) {
    const m = /^v(\d+)-(\d+)$/.exec(name);
    const young = m && now - Number(m[2]) < CACHE_TTL_MS;
    if (young && Number(m![1]) === CACHE_VERSION && fs.existsSync(path.join(cacheRoot, name, 'complete'))) {
      return { dir: path.join(cacheRoot, name, 'blocks'), fresh: false };
    }
    // A young folder without its marker is another demo writing it right now: leave it alone.
    if (!young) fs.rmSync(path.join(cacheRoot, name), { recursive: true, force: true });
  }
  const dir = path.join(cacheRoot, `v${CACHE_VERSION}-${now}`);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'alerts.om');
  const t = Math.floor(now / 1000);
  writeOpenMetrics(file, demoAlertHistory(t), HISTORY_STEP, 'ALERTS', demoMetricsHistory(t));
  await promtoolBackfill(file, path.join(dir, 'blocks'));
  fs.rmSync(file);
  fs.writeFileSync(path.join(dir, 'complete'), '');
  return { dir: path.join(dir, 'blocks'), fresh: true };
}
