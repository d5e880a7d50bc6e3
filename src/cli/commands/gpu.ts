import { openContext } from '../../app/context.js';
import type { CliGlobals } from '../globals.js';
import { table, write, writeJson, warn } from '../output.js';
import { checkWidth, wantsAscii, type PanelOptions } from './panel-options.js';
import { fetchGpus } from '../../backends/gpu.js';
import { formatDuration } from '../../domain/duration.js';
import { formatPercent } from '../../domain/slo/format.js';
import { sparkline } from '../../domain/charts/sparkline.js';
import { gpuHostName, type GpuResult } from '../../domain/gpu/analyse.js';

export async function runGpu(g: CliGlobals, o: PanelOptions): Promise<void> {
  const width = checkWidth(o.width, 60);
  const c = await openContext(g);
  const gpu = c.ctx.settings.gpu;
  const r = await fetchGpus(c.prometheus(), gpu, { width });
  for (const w of r.warnings) warn(w);
  if (o.json) {
    await writeJson({
      generatedAt: new Date().toISOString(),
      source: r.source,
      rangeSeconds: 3600,
      stepSeconds: r.stepSeconds,
      thresholds: { warn: gpu.warn_ratio, critical: gpu.critical_ratio },
      timeToFullHorizon: gpu.time_to_full_horizon,
      gpus: r.gpus,
      warnings: r.warnings,
    });
    return;
  }
  await write(formatGpuTable(r.gpus, width, wantsAscii(o)));
}

export function formatTimeToFull(s: number | null): string {
  if (s === null) return '';
  return s <= 0 ? 'full' : `full in ~${formatDuration(Math.max(60, Math.round(s / 60) * 60) * 1000)}`;
}

export function formatGpuTable(gpus: readonly GpuResult[], width: number, ascii = false): string {
  if (!gpus.length) return 'no GPUs\n';
  return table(
    ['HOST', 'GPU', 'USED', 'STATE', 'TIME TO FULL', 'LAST 1h (0–100%)'],
    gpus.map((x) => [
      gpuHostName(x),
      x.gpu,
      formatPercent(x.usedRatio, 0),
      x.state ?? 'unknown',
      formatTimeToFull(x.timeToFullSeconds),
      sparkline(
        x.series.map(([, v]) => v),
        { width, min: 0, max: 1, ascii },
      ),
    ]),
  );
}
