// Where GPU memory comes from, detected automatically, first match wins: NVIDIA DCGM exporter (MiB), the
// nvidia_gpu_exporter (bytes), then the seed article's gpu_memory_*_bytes. One query asks for all of them at
// once, each tagged, so detection costs no extra request.
import { batch } from '../slo/promql.js';

export const SOURCE_TAG = 'oncall_gpu_source';

export interface GpuSource {
  id: string;
  description: string;
  /** Used memory as a share of total, one series per GPU. */
  expr: string;
}

export const GPU_SOURCES: readonly GpuSource[] = [
  {
    id: 'dcgm',
    description: 'DCGM exporter: DCGM_FI_DEV_FB_USED / (USED + FREE)',
    expr: 'DCGM_FI_DEV_FB_USED / (DCGM_FI_DEV_FB_USED + DCGM_FI_DEV_FB_FREE)',
  },
  {
    id: 'nvidia_smi',
    description: 'nvidia_gpu_exporter: nvidia_smi_memory_used_bytes / nvidia_smi_memory_total_bytes',
    expr: 'nvidia_smi_memory_used_bytes / nvidia_smi_memory_total_bytes',
  },
  {
    id: 'article',
    description: 'gpu_memory_used_bytes / gpu_memory_total_bytes (or 1 − available / total)',
    expr: '(gpu_memory_used_bytes / gpu_memory_total_bytes) or (1 - gpu_memory_available_bytes / gpu_memory_total_bytes)',
  },
];

export const CONFIG_SOURCE: Omit<GpuSource, 'expr'> = { id: 'config', description: 'gpu.query from the config' };

/** The one query: the configured one alone, or every known source tagged with its id. */
export function gpuQuery(configured?: string): string {
  if (configured) return batch([{ expr: configured, tags: { [SOURCE_TAG]: CONFIG_SOURCE.id } }]);
  return batch(GPU_SOURCES.map((s) => ({ expr: s.expr, tags: { [SOURCE_TAG]: s.id } })));
}

/** Of the sources present in an answer, the first in order of preference. */
export function pickSource(present: ReadonlySet<string>): string | null {
  if (present.has(CONFIG_SOURCE.id)) return CONFIG_SOURCE.id;
  return GPU_SOURCES.find((s) => present.has(s.id))?.id ?? null;
}

const HOST_LABELS = ['Hostname', 'hostname', 'host', 'node', 'instance'];
const GPU_LABELS = ['gpu', 'gpu_index', 'minor_number', 'index', 'UUID', 'uuid', 'device'];

export function hostOf(labels: Record<string, string>): string {
  for (const k of HOST_LABELS) if (labels[k]) return labels[k]!;
  return '';
}

export function gpuOf(labels: Record<string, string>): string {
  for (const k of GPU_LABELS) if (labels[k]) return labels[k]!;
  return '';
}
