// The metrics each simulated scrape target exposes, as prom-client registries: a host's model server, DCGM and
// node exporters, and a cluster's feature pipelines. The simulator (simulator.ts) sets their values.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export const LATENCY_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

// Latency classes (seconds, share): healthy requests stay under 0.5 s; slow ones spread above it.
export const FAST = [
  [0.02, 0.3],
  [0.04, 0.3],
  [0.07, 0.2],
  [0.15, 0.15],
  [0.3, 0.05],
] as const;
export const SLOW = [
  [0.7, 0.5],
  [1.6, 0.35],
  [3.5, 0.15],
] as const;

export interface HostMetrics {
  model: Registry;
  dcgm: Registry;
  node: Registry;
  latency: Histogram<string>;
  predictions: Counter<string>;
  errors: Counter<string>;
  corrections: Counter<string>;
  restarts: Counter<string>;
  batchTimeouts: Counter<string>;
  queue: Gauge<string>;
  psi: Gauge<string>;
  embedding: Gauge<string>;
  accuracy: Gauge<string>;
  baseline: Gauge<string>;
  nullRatio: Gauge<string>;
  gpuAvailable: Gauge<string>;
  gpuTotal: Gauge<string>;
  fbUsed: Gauge<string>;
  fbFree: Gauge<string>;
  fsAvail: Gauge<string>;
  fsSize: Gauge<string>;
  uname: Gauge<string>;
}

export function hostMetrics(): HostMetrics {
  const model = new Registry();
  const dcgm = new Registry();
  const node = new Registry();
  const srv = ['cluster', 'instance', 'model'];
  const c = (name: string, help: string, labelNames = srv) =>
    new Counter({ name, help, labelNames, registers: [model] });
  const g = (name: string, help: string, labelNames = srv, reg = model) =>
    new Gauge({ name, help, labelNames, registers: [reg] });
  const dcgmLabels = ['gpu', 'UUID', 'device', 'modelName', 'Hostname', 'cluster', 'instance'];
  const fsLabels = ['cluster', 'instance', 'device', 'fstype', 'mountpoint'];
  return {
    model,
    dcgm,
    node,
    latency: new Histogram({
      name: 'prediction_latency_seconds',
      help: 'Time to serve one prediction.',
      labelNames: srv,
      buckets: LATENCY_BUCKETS,
      registers: [model],
    }),
    predictions: c('predictions_total', 'Predictions served, failed ones included.'),
    errors: c('prediction_errors_total', 'Predictions that failed.'),
    corrections: c('user_corrections_total', 'Predictions that users corrected (ground-truth feedback).'),
    restarts: c('container_restarts_total', 'Restarts of the model server container.', [
      'cluster',
      'instance',
      'container',
    ]),
    batchTimeouts: c('inference_batch_timeouts_total', 'Inference batches that timed out.'),
    queue: g('inference_queue_depth', 'Requests waiting for a batch slot.'),
    psi: g('psi_score', 'Population Stability Index of the predictions against the training baseline.'),
    embedding: g(
      'embedding_similarity_to_baseline',
      'Mean cosine similarity of input embeddings to the baseline centroid.',
    ),
    accuracy: g('current_accuracy', 'Rolling accuracy against ground-truth feedback.'),
    baseline: g('baseline_accuracy', 'Accuracy at validation time.'),
    nullRatio: g('feature_null_ratio', 'Share of requests with a null value for an input feature.', [
      'cluster',
      'instance',
      'model',
      'feature',
    ]),
    gpuAvailable: g('gpu_memory_available_bytes', 'Free GPU memory.', ['cluster', 'instance', 'gpu', 'model']),
    gpuTotal: g('gpu_memory_total_bytes', 'GPU memory size.', ['cluster', 'instance', 'gpu', 'model']),
    fbUsed: g('DCGM_FI_DEV_FB_USED', 'Framebuffer memory used (in MiB).', dcgmLabels, dcgm),
    fbFree: g('DCGM_FI_DEV_FB_FREE', 'Framebuffer memory free (in MiB).', dcgmLabels, dcgm),
    fsAvail: g('node_filesystem_avail_bytes', 'Filesystem space available to non-root users in bytes.', fsLabels, node),
    fsSize: g('node_filesystem_size_bytes', 'Filesystem size in bytes.', fsLabels, node),
    uname: g(
      'node_uname_info',
      'Labeled system information as provided by the uname system call.',
      ['cluster', 'instance', 'domainname', 'machine', 'nodename', 'release', 'sysname', 'version'],
      node,
    ),
  };
}

export interface PipelineMetrics {
  reg: Registry;
  runs: Counter<string>;
  failures: Counter<string>;
  lastSuccess: Gauge<string>;
}

export function pipelineMetrics(): PipelineMetrics {
  const reg = new Registry();
  const labelNames = ['cluster', 'instance', 'pipeline', 'model'];
  return {
    reg,
    runs: new Counter({
      name: 'feature_pipeline_runs_total',
      help: 'Feature pipeline attempts.',
      labelNames,
      registers: [reg],
    }),
    failures: new Counter({
      name: 'feature_pipeline_failures_total',
      help: 'Feature pipeline attempts that failed.',
      labelNames,
      registers: [reg],
    }),
    lastSuccess: new Gauge({
      name: 'feature_pipeline_last_success_timestamp_seconds',
      help: 'When the pipeline last succeeded.',
      labelNames,
      registers: [reg],
    }),
  };
}
