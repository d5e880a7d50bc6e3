// The simulated ML platform: two clusters, three GPU hosts with two GPUs each, three models. The same instance
// name exists in both clusters on purpose, as it does in real fleets, so that grouping must look at `cluster`.

export const GPU_TOTAL_MIB = 40960;
export const GPU_PRODUCT = 'NVIDIA A100-SXM4-40GB';

export interface ModelSpec {
  /** Requests per second each serving instance receives. */
  rps: number;
  baselineAccuracy: number;
  /** Input features whose null ratio the server reports. */
  features: string[];
}

export const MODELS: Record<string, ModelSpec> = {
  'fraud-detector': {
    rps: 40,
    baselineAccuracy: 0.94,
    features: ['amount', 'merchant_category', 'days_since_last_txn'],
  },
  recommender: { rps: 60, baselineAccuracy: 0.81, features: ['user_embedding', 'item_popularity', 'session_length'] },
  'checkout-ranker': {
    rps: 20,
    baselineAccuracy: 0.92,
    features: ['basket_value', 'subscription_flag', 'days_since_last_purchase'],
  },
};

export interface GpuSpec {
  gpu: string;
  uuid: string;
  /** The model loaded on this GPU. */
  model: string;
  /** Share of the GPU memory used when nothing is wrong. */
  baseUsed: number;
}

export interface HostSpec {
  cluster: string;
  instance: string;
  gpus: GpuSpec[];
}

/** The labels the DCGM exporter gives a GPU's series (Prometheus adds `job` when it scrapes). */
export function dcgmLabels(h: HostSpec, g: GpuSpec): Record<string, string> {
  return {
    gpu: g.gpu,
    UUID: g.uuid,
    device: `nvidia${g.gpu}`,
    modelName: GPU_PRODUCT,
    Hostname: h.instance,
    cluster: h.cluster,
    instance: h.instance,
  };
}

export const FLEET: HostSpec[] = [
  {
    cluster: 'us-east',
    instance: 'gpu-node-1',
    gpus: [
      { gpu: '0', uuid: 'GPU-5f1c2a9e-3b7d-4e21-9c0a-1d2e3f4a5b01', model: 'fraud-detector', baseUsed: 0.55 },
      { gpu: '1', uuid: 'GPU-5f1c2a9e-3b7d-4e21-9c0a-1d2e3f4a5b02', model: 'recommender', baseUsed: 0.48 },
    ],
  },
  {
    cluster: 'us-east',
    instance: 'gpu-node-2',
    gpus: [
      { gpu: '0', uuid: 'GPU-8a3e7c10-6d42-4b8f-a1e3-7c9d0e1f2a01', model: 'fraud-detector', baseUsed: 0.52 },
      { gpu: '1', uuid: 'GPU-8a3e7c10-6d42-4b8f-a1e3-7c9d0e1f2a02', model: 'checkout-ranker', baseUsed: 0.41 },
    ],
  },
  {
    cluster: 'eu-west',
    instance: 'gpu-node-1',
    gpus: [
      { gpu: '0', uuid: 'GPU-c47b9d2f-1e83-4a6c-b5d7-2f3a4b5c6d01', model: 'recommender', baseUsed: 0.6 },
      { gpu: '1', uuid: 'GPU-c47b9d2f-1e83-4a6c-b5d7-2f3a4b5c6d02', model: 'checkout-ranker', baseUsed: 0.44 },
    ],
  },
];

export const CLUSTERS = [...new Set(FLEET.map((h) => h.cluster))];

/** Where the always-on disk warning lives: the node of the first resource squeeze, to show it is not merged. */
export const NOISY_DISK = {
  cluster: 'us-east',
  instance: 'gpu-node-1',
  mountpoint: '/var/lib/models',
  device: '/dev/nvme1n1',
  freeShare: 0.09,
};

export const DISK_SIZE_BYTES = 2 * 1024 ** 4;

export function hostKey(cluster: string, instance: string): string {
  return `${cluster}/${instance}`;
}

export function servingKey(cluster: string, instance: string, model: string): string {
  return `${cluster}/${instance}/${model}`;
}

export interface Serving {
  cluster: string;
  instance: string;
  model: string;
  gpu: string;
}

/** Every (cluster, instance, model) served, in fleet order. */
export function servings(): Serving[] {
  return FLEET.flatMap((h) =>
    h.gpus.map((g) => ({ cluster: h.cluster, instance: h.instance, model: g.model, gpu: g.gpu })),
  );
}

/** The models that run in a cluster (each has a feature pipeline there). */
export function modelsIn(cluster: string): string[] {
  return [...new Set(FLEET.filter((h) => h.cluster === cluster).flatMap((h) => h.gpus.map((g) => g.model)))];
}
