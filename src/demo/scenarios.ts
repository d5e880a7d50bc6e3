// The incidents the demo plays, after the seed article: each is a timeline (in scenario seconds) of effects on
// one target of the fleet. Timelines are plain functions of time, so a scenario plays the same way every time and
// alerts fire reliably; thresholds are crossed well within the first two minutes.
import { MODELS, servings } from './fleet.js';
import type { Effect } from './state.js';

export interface Target {
  cluster: string;
  instance: string;
  model: string;
  gpu: string;
}

export interface Scenario {
  name: string;
  title: string;
  /** Length of one play, in scenario seconds, recovery included. */
  durationSec: number;
  /** The alert at the root of the causal chain. */
  root: string;
  /** Alerts the scenario makes fire (besides the always-on background noise). */
  alerts: string[];
  /** Played in turn, one per repetition, so that repeated plays hit different parts of the fleet. */
  targets: Target[];
  effects(t: number, target: Target): Effect[];
  story(target: Target): { at: number; text: string }[];
}

/** Linear ramp from v0 at t0 to v1 at t1, flat outside. */
export function ramp(t: number, t0: number, t1: number, v0: number, v1: number): number {
  if (t <= t0) return v0;
  if (t >= t1) return v1;
  return v0 + ((v1 - v0) * (t - t0)) / (t1 - t0);
}

const where = (t: Target) => `${t.cluster}/${t.instance}`;

const resourceSqueeze: Scenario = {
  name: 'resource-squeeze',
  title: 'The resource squeeze: GPU memory climbs until the model server runs out of it',
  durationSec: 300,
  root: 'GPUMemoryOOM',
  alerts: [
    'GPUMemoryHigh',
    'GPUMemoryCritical',
    'GPUMemoryOOM',
    'HighPredictionLatencyFastBurn',
    'HighPredictionLatencySlowBurn',
    'HighErrorRateFastBurn',
    'HighErrorRateSlowBurn',
    'BatchTimeout',
    'QueueBacklog',
    'ThroughputDrop',
  ],
  targets: [
    { cluster: 'us-east', instance: 'gpu-node-1', gpu: '0', model: 'fraud-detector' },
    { cluster: 'eu-west', instance: 'gpu-node-1', gpu: '0', model: 'recommender' },
  ],
  effects(t, g) {
    if (t >= 240) return [];
    const base = { cluster: g.cluster, instance: g.instance };
    // 55% → 99.9% used over 55 s: 70% at ~24 s, 90% at ~48 s, under 100 MB free at ~60 s.
    const out: Effect[] = [{ kind: 'gpu', ...base, gpu: g.gpu, used: ramp(t, 5, 60, 0.55, 0.999) }];
    if (t >= 60) {
      out.push({
        kind: 'serving',
        ...base,
        model: g.model,
        patch: {
          slowShare: ramp(t, 60, 75, 0, 0.6),
          errorRatio: t >= 70 ? ramp(t, 70, 85, 0, 0.4) : undefined,
          batchTimeoutsPerSec: t >= 65 ? 1.5 : undefined,
          queueDepth: ramp(t, 70, 130, 0, 450),
          rpsFactor: ramp(t, 90, 110, 1, 0.3),
        },
      });
    }
    return out;
  },
  story: (g) => [
    { at: 0, text: `GPU ${g.gpu} memory on ${where(g)} (${g.model}) starts climbing` },
    { at: 60, text: `GPU ${g.gpu} on ${where(g)} is out of memory: latency, errors, batch timeouts, queue backlog` },
    { at: 240, text: `${where(g)} recovered (batch size reduced)` },
  ],
};

const cascadingCrash: Scenario = {
  name: 'cascading-crash',
  title: 'The cascading crash: the model server restarts over and over, requests fail',
  durationSec: 300,
  root: 'ModelServerCrash',
  alerts: [
    'ContainerRestartSpike',
    'ModelServerCrash',
    'HighErrorRateFastBurn',
    'HighErrorRateSlowBurn',
    'PredictionServiceDown',
  ],
  targets: [
    { cluster: 'us-east', instance: 'gpu-node-2', gpu: '0', model: 'fraud-detector' },
    { cluster: 'us-east', instance: 'gpu-node-1', gpu: '0', model: 'fraud-detector' },
  ],
  effects(t, g) {
    if (t < 10 || t >= 230) return [];
    const base = { cluster: g.cluster, instance: g.instance };
    const out: Effect[] = [{ kind: 'host', ...base, patch: { restartsPerMin: t < 150 ? 5 : 0, down: t >= 150 } }];
    // A restarting server drops what it holds: every model it serves returns errors.
    for (const s of servings().filter((s) => s.cluster === g.cluster && s.instance === g.instance)) {
      out.push({ kind: 'serving', ...base, model: s.model, patch: { errorRatio: ramp(t, 15, 25, 0, 0.3) } });
    }
    return out;
  },
  story: (g) => [
    { at: 10, text: `the model server on ${where(g)} starts crash-looping` },
    { at: 150, text: `the model server on ${where(g)} is down (crash loop back-off)` },
    { at: 230, text: `${where(g)} is back up` },
  ],
};

const silentDegradation: Scenario = {
  name: 'silent-degradation',
  title: 'The silent degradation: predictions drift, users correct them, accuracy drops; latency and errors stay fine',
  durationSec: 300,
  root: 'PredictionDistributionShift',
  alerts: ['PredictionDistributionShift', 'HighUserCorrectionRate', 'AccuracyDegradation'],
  targets: [
    { cluster: 'eu-west', instance: 'gpu-node-1', gpu: '1', model: 'checkout-ranker' },
    { cluster: 'us-east', instance: 'gpu-node-2', gpu: '1', model: 'checkout-ranker' },
  ],
  effects(t, g) {
    if (t < 10 || t >= 270) return [];
    return [
      {
        kind: 'serving',
        cluster: g.cluster,
        instance: g.instance,
        model: g.model,
        patch: {
          // PSI crosses 0.2 at ~41 s; corrections reach 20%; accuracy falls below 95% of baseline at ~113 s.
          psi: ramp(t, 10, 70, 0.04, 0.35),
          correctionRatio: ramp(t, 30, 50, 0.015, 0.2),
          accuracyDrop: ramp(t, 90, 150, 0, 0.12),
        },
      },
    ];
  },
  story: (g) => [
    { at: 10, text: `${g.model} in ${g.cluster} starts seeing subscription purchases it was never trained on` },
    { at: 270, text: `${g.model} in ${g.cluster} retrained; back to normal` },
  ],
};

const featurePipeline: Scenario = {
  name: 'feature-pipeline',
  title: 'The feature pipeline failure: a retry bug feeds nulls, inputs and embeddings drift, predictions shift',
  durationSec: 270,
  root: 'FeaturePipelineFailure',
  alerts: [
    'FeaturePipelineFailure',
    'InputFeatureDrift',
    'EmbeddingDrift',
    'PredictionDistributionShift',
    'HighUserCorrectionRate',
    'AccuracyDegradation',
  ],
  targets: [
    { cluster: 'us-east', instance: 'gpu-node-1', gpu: '1', model: 'recommender' },
    { cluster: 'eu-west', instance: 'gpu-node-1', gpu: '1', model: 'checkout-ranker' },
  ],
  effects(t, g) {
    if (t < 10 || t >= 240) return [];
    const feature = MODELS[g.model]!.features[0]!;
    const out: Effect[] = [{ kind: 'pipeline', cluster: g.cluster, model: g.model, failing: true }];
    // Every server of the model in that cluster reads the same broken features.
    for (const s of servings().filter((s) => s.cluster === g.cluster && s.model === g.model)) {
      out.push({
        kind: 'serving',
        cluster: s.cluster,
        instance: s.instance,
        model: s.model,
        patch: {
          nullRatio: { [feature]: ramp(t, 20, 40, 0.001, 0.3) },
          embeddingSimilarity: ramp(t, 30, 80, 0.95, 0.78),
          psi: ramp(t, 40, 90, 0.05, 0.32),
          correctionRatio: ramp(t, 60, 90, 0.015, 0.16),
          accuracyDrop: ramp(t, 100, 160, 0, 0.09),
        },
      });
    }
    return out;
  },
  story: (g) => [
    {
      at: 10,
      text: `the ${g.model} feature pipeline in ${g.cluster} fails and its retry returns nulls for ${MODELS[g.model]!.features[0]}`,
    },
    { at: 240, text: `the ${g.model} feature pipeline in ${g.cluster} is fixed` },
  ],
};

const nodeFailure: Scenario = {
  name: 'node-failure',
  title: 'The node failure: a GPU node stops reporting, its model-server pods are lost, their Deployments run short',
  durationSec: 450,
  root: 'KubeNodeNotReady',
  alerts: ['KubeNodeNotReady', 'KubePodNotReady', 'KubeDeploymentReplicasMismatch'],
  // One node only: the cluster's kube-state-metrics runs on the other one (gpu-node-1, which also holds the
  // always-on disk warning: an alert on another node of the same Deployment that must stay apart).
  targets: [{ cluster: 'us-east', instance: 'gpu-node-2', gpu: '0', model: 'fraud-detector' }],
  effects(t, g) {
    if (t < 10 || t >= 420) return [];
    return [{ kind: 'host', cluster: g.cluster, instance: g.instance, patch: { notReady: true, podsLost: t >= 20 } }];
  },
  story: (g) => [
    { at: 10, text: `the container runtime on ${where(g)} hangs: its kubelet stops posting node status` },
    { at: 20, text: `the pods on ${where(g)} are lost: their Deployments are short of replicas` },
    { at: 420, text: `${where(g)} is Ready again (container runtime restarted)` },
  ],
};

export const SCENARIOS: Scenario[] = [resourceSqueeze, cascadingCrash, silentDegradation, featurePipeline, nodeFailure];
export const SCENARIO_NAMES = SCENARIOS.map((s) => s.name);

export function scenarioByName(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}

/** Alerts that fire whatever plays: an unrelated disk warning on the node of the first resource squeeze. */
export const BACKGROUND_ALERTS = ['DiskSpaceLow'];
