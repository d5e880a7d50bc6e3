import { openContext } from '../../app/context.js';
import type { CliGlobals } from '../globals.js';
import { write, writeJson, warn } from '../output.js';
import { checkWidth, wantsAscii, type PanelOptions } from './panel-options.js';
import { fetchQuality } from '../../backends/quality.js';
import { sparkline } from '../../domain/charts/sparkline.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { MEASURES } from '../../domain/quality/measures.js';
import type { MeasureFigures, ModelQuality } from '../../domain/quality/build.js';

export interface QualityOptions extends PanelOptions {
  model?: string;
}

export async function runQuality(g: CliGlobals, o: QualityOptions): Promise<void> {
  const width = checkWidth(o.width, 40);
  const c = await openContext(g);
  const r = await fetchQuality(c.prometheus(), c.alertmanagers(), { width });
  const models = o.model ? r.models.filter((m) => m.model === o.model) : r.models;
  if (o.model && !models.length) r.warnings.push(`no quality data for model ${JSON.stringify(o.model)}`);
  for (const w of r.warnings) warn(w);
  if (o.json) {
    await writeJson({
      generatedAt: new Date().toISOString(),
      rangeSeconds: 3600,
      stepSeconds: r.stepSeconds,
      models,
      otherAlerts: r.otherAlerts,
      warnings: r.warnings,
    });
    return;
  }
  await write(models.length ? models.map((m) => formatModel(m, width, wantsAscii(o))).join('\n') : 'no models\n');
}

export function formatValue(f: Pick<MeasureFigures, 'value'>, unit: 'ratio' | 'score'): string {
  if (f.value === null) return '—';
  return unit === 'ratio' ? `${(f.value * 100).toFixed(1)}%` : f.value.toFixed(3);
}

export function formatModel(m: ModelQuality, width: number, ascii = false): string {
  const lines = [`model ${sanitizeLine(m.model || '(no model label)')}: ${m.degraded ? 'DEGRADED' : 'ok'}`];
  for (const def of MEASURES) {
    const f = m.measures[def.id];
    const limit = `${def.badWhen === 'above' ? 'bad above' : 'bad below'} ${def.unit === 'ratio' ? `${(def.threshold * 100).toFixed(0)}%` : def.threshold}`;
    const state = f.breached === null ? 'unknown' : f.breached ? 'BREACHED' : 'ok';
    const title = `${def.title}${def.window ? ` (${def.window})` : ''}`;
    lines.push(
      `  ${title.padEnd(38)} ${formatValue(f, def.unit).padStart(7)}  ${state.padEnd(8)} ${limit.padEnd(16)} ${sparkline(
        f.series.map(([, v]) => v),
        { width, ascii },
      )}`,
    );
  }
  lines.push(m.alerts.length ? `  firing quality alerts (${m.alerts.length}):` : '  firing quality alerts: none');
  for (const a of m.alerts)
    lines.push(
      `    ${sanitizeLine(a.labels.alertname ?? '')} ${sanitizeLine(a.labels.severity ?? '')}  ${sanitizeLine(a.annotations.summary ?? '')}`,
    );
  return lines.join('\n') + '\n';
}
