// What the simulated fleet looks like at one instant: healthy defaults, overridden by the effects of the
// scenarios playing. Several scenarios may touch the same thing; the worse value wins, so effects combine.
import { FLEET, GPU_TOTAL_MIB, MODELS, hostKey, servingKey, servings, modelsIn, CLUSTERS } from './fleet.js';
import type { GpuSpec, HostSpec } from './fleet.js';

export interface ServingState {
  /** Multiplier on the model's normal request rate. */
  rpsFactor: number;
  /** Share of requests that fail. */
  errorRatio: number;
  /** Share of requests slower than 0.5 s (the latency SLO threshold). */
  slowShare: number;
  batchTimeoutsPerSec: number;
  queueDepth: number;
  psi: number;
  embeddingSimilarity: number;
  /** How far current accuracy is below the baseline (absolute). */
  accuracyDrop: number;
  /** Share of predictions that users correct. */
  correctionRatio: number;
  /** Null ratio by feature name; features not named stay at the healthy value. */
  nullRatio: Record<string, number>;
}

export interface HostState {
  /** The model server does not answer scrapes (crash loop back-off). */
  down: boolean;
  restartsPerMin: number;
  /** The node's kubelet stopped posting status: its Ready condition is Unknown. */
  notReady: boolean;
  /** The node's pods are lost (phase Unknown, not ready) and their Deployments short of them. */
  podsLost: boolean;
}

export interface FleetState {
  serving: Map<string, ServingState>;
  hosts: Map<string, HostState>;
  /** Used share of GPU memory, by `cluster/instance/gpu`. */
  gpuUsed: Map<string, number>;
  /** Failing feature pipelines, by `cluster/model`. */
  pipelineFailing: Set<string>;
}

export const HEALTHY_NULL_RATIO = 0.001;

export type Effect =
  | {
      kind: 'serving';
      cluster: string;
      instance: string;
      model: string;
      patch: Partial<Omit<ServingState, 'nullRatio'>> & { nullRatio?: Record<string, number> };
    }
  | { kind: 'host'; cluster: string; instance: string; patch: Partial<HostState> }
  | { kind: 'gpu'; cluster: string; instance: string; gpu: string; used: number }
  | { kind: 'pipeline'; cluster: string; model: string; failing: boolean };

export function gpuKey(cluster: string, instance: string, gpu: string): string {
  return `${cluster}/${instance}/${gpu}`;
}

/** A GPU's used memory in MiB as the exporters report it: never quite all of it. */
export function gpuUsedMib(state: FleetState, h: HostSpec, g: GpuSpec): number {
  return Math.min(
    GPU_TOTAL_MIB - 40,
    Math.round(state.gpuUsed.get(gpuKey(h.cluster, h.instance, g.gpu))! * GPU_TOTAL_MIB),
  );
}

export function pipelineKey(cluster: string, model: string): string {
  return `${cluster}/${model}`;
}

/** Small deterministic wobble so that graphs look alive without making thresholds flaky. */
function wobble(tSec: number, seed: number, amplitude: number): number {
  return amplitude * Math.sin(tSec / 37 + seed * 1.7) * Math.cos(tSec / 113 + seed);
}

export function healthyState(tSec: number): FleetState {
  const serving = new Map<string, ServingState>();
  servings().forEach((s, i) => {
    serving.set(servingKey(s.cluster, s.instance, s.model), {
      rpsFactor: 1 + wobble(tSec, i, 0.08),
      errorRatio: 0.0002,
      slowShare: 0.0002,
      batchTimeoutsPerSec: 0,
      queueDepth: 3 + Math.round(2 + wobble(tSec, i + 3, 2)),
      psi: 0.045 + wobble(tSec, i + 5, 0.015),
      embeddingSimilarity: 0.95 + wobble(tSec, i + 7, 0.01),
      accuracyDrop: 0.004 + wobble(tSec, i + 9, 0.003),
      correctionRatio: 0.015,
      nullRatio: {},
    });
  });
  const hosts = new Map<string, HostState>();
  for (const h of FLEET)
    hosts.set(hostKey(h.cluster, h.instance), { down: false, restartsPerMin: 0, notReady: false, podsLost: false });
  const gpuUsed = new Map<string, number>();
  FLEET.forEach((h, i) =>
    h.gpus.forEach((g, j) =>
      gpuUsed.set(gpuKey(h.cluster, h.instance, g.gpu), g.baseUsed + wobble(tSec, i * 2 + j, 0.02)),
    ),
  );
  return { serving, hosts, gpuUsed, pipelineFailing: new Set() };
}

const WORSE_IS_HIGHER = [
  'errorRatio',
  'slowShare',
  'batchTimeoutsPerSec',
  'queueDepth',
  'psi',
  'accuracyDrop',
  'correctionRatio',
] as const;
const WORSE_IS_LOWER = ['rpsFactor', 'embeddingSimilarity'] as const;

export function applyEffects(state: FleetState, effects: Effect[]): FleetState {
  for (const e of effects) {
    if (e.kind === 'serving') {
      const s = state.serving.get(servingKey(e.cluster, e.instance, e.model));
      if (!s) continue;
      for (const k of WORSE_IS_HIGHER) if (e.patch[k] !== undefined) s[k] = Math.max(s[k], e.patch[k]!);
      for (const k of WORSE_IS_LOWER) if (e.patch[k] !== undefined) s[k] = Math.min(s[k], e.patch[k]!);
      for (const [f, v] of Object.entries(e.patch.nullRatio ?? {}))
        s.nullRatio[f] = Math.max(s.nullRatio[f] ?? HEALTHY_NULL_RATIO, v);
    } else if (e.kind === 'host') {
      const h = state.hosts.get(hostKey(e.cluster, e.instance));
      if (!h) continue;
      if (e.patch.down) h.down = true;
      if (e.patch.notReady) h.notReady = true;
      if (e.patch.podsLost) h.podsLost = true;
      if (e.patch.restartsPerMin !== undefined) h.restartsPerMin = Math.max(h.restartsPerMin, e.patch.restartsPerMin);
    } else if (e.kind === 'gpu') {
      const k = gpuKey(e.cluster, e.instance, e.gpu);
      const cur = state.gpuUsed.get(k);
      if (cur !== undefined) state.gpuUsed.set(k, Math.max(cur, e.used));
    } else if (e.failing) {
      state.pipelineFailing.add(pipelineKey(e.cluster, e.model));
    }
  }
  return state;
}

export function accuracyOf(model: string, s: ServingState): number {
  return Math.max(0, (MODELS[model]?.baselineAccuracy ?? 0.9) - s.accuracyDrop);
}

/** Every feature pipeline: one per model and cluster. */
export function pipelines(): { cluster: string; model: string }[] {
  return CLUSTERS.flatMap((c) => modelsIn(c).map((m) => ({ cluster: c, model: m })));
}
