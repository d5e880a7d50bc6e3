import { openContext, type AppContext } from '../../app/context.js';
import type { CliGlobals } from '../globals.js';
import { table, write, writeJson, warn } from '../output.js';
import { checkWidth, wantsAscii, type PanelOptions } from './panel-options.js';
import { configuredSlos, fetchSloErrorSeries, fetchSlos } from '../../backends/slo.js';
import { formatMatcher } from '../../domain/matchers/format.js';
import { alertsForSlo } from '../../domain/slo/order.js';
import { burnCell, formatExhaustion, formatObjective, formatPercent, formatPeriod } from '../../domain/slo/format.js';
import { SLO_WINDOWS } from '../../domain/slo/windows.js';
import { gauge } from '../../domain/charts/gauge.js';
import { sparkline } from '../../domain/charts/sparkline.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import type { SloResult } from '../../domain/slo/types.js';
import type { Alert } from '../../domain/types.js';
import { OncallError } from '../../domain/errors.js';

export interface SloOptions extends PanelOptions {
  name?: string;
  discover?: boolean;
}

/** JSON form: matchers as text. */
function forJson(s: SloResult) {
  const { alertMatchers, ...rest } = s;
  return { ...rest, alertMatchers: alertMatchers.map(formatMatcher) };
}

export async function runSlo(g: CliGlobals, o: SloOptions): Promise<void> {
  const width = checkWidth(o.width, 60);
  const ascii = wantsAscii(o);
  const c = await openContext(g);
  const defs = configuredSlos(c.ctx.settings, c.ctx.name);
  const report = await fetchSlos(c.prometheus(), defs, { discover: o.discover !== false });
  for (const w of report.warnings) warn(w);
  if (o.name) {
    const slo =
      report.slos.find((s) => s.name === o.name || s.id === o.name) ??
      report.slos.find((s) => s.name.startsWith(o.name!));
    if (!slo)
      throw new OncallError(
        'usage',
        `no SLO named ${JSON.stringify(o.name)}; known: ${report.slos.map((s) => s.name).join(', ') || 'none'}`,
      );
    await showOne(c, slo, width, ascii, o.json);
    return;
  }
  if (o.json) {
    await writeJson({ generatedAt: report.generatedAt, slos: report.slos.map(forJson), warnings: report.warnings });
    return;
  }
  await write(formatSloTable(report.slos, ascii));
}

async function showOne(c: AppContext, slo: SloResult, width: number, ascii: boolean, json?: boolean): Promise<void> {
  const warnings: string[] = [];
  const [series, alerts] = await Promise.all([
    fetchSloErrorSeries(c.prometheus(), slo, width).catch((e: Error) => {
      warnings.push(`error ratio series: ${e.message}`);
      return null;
    }),
    c
      .alertmanagers()
      .alerts({ active: true, silenced: false, inhibited: false })
      .then(
        (r) => {
          warnings.push(...r.failures.map((f) => f.message));
          return r.alerts;
        },
        (e: Error) => {
          warnings.push(`alerts: ${e.message}`);
          return [] as Alert[];
        },
      ),
  ]);
  if (series) warnings.push(...series.warnings);
  const mine = alertsForSlo(slo, alerts);
  for (const w of warnings) warn(w);
  if (json) {
    await writeJson({
      slo: forJson(slo),
      errorSeries: series ? { stepSeconds: series.stepSeconds, points: series.series } : null,
      alerts: mine,
      warnings,
    });
    return;
  }
  const lines = [formatSloTable([slo], ascii).trimEnd(), ''];
  if (series) {
    const max = Math.max(...series.series.map(([, v]) => v), 0);
    lines.push(
      `error ratio over ${formatPeriod(slo.periodSeconds)} (each cell ${formatPeriod(series.stepSeconds)}, max ${formatPercent(max, 3)}):`,
    );
    lines.push(
      `  ${sparkline(
        series.series.map(([, v]) => v),
        { width, min: 0, ascii },
      )}`,
    );
  }
  lines.push(mine.length ? `firing alerts (${mine.length}):` : 'firing alerts: none');
  for (const a of mine)
    lines.push(
      `  ${sanitizeLine(a.labels.alertname ?? '')} ${sanitizeLine(a.labels.severity ?? '')}  ${sanitizeLine(a.annotations.summary ?? '')}`,
    );
  for (const w of slo.warnings) lines.push(`note: ${sanitizeLine(w)}`);
  await write(lines.join('\n') + '\n');
}

export function formatSloTable(slos: readonly SloResult[], ascii = false): string {
  if (!slos.length) return 'no SLOs\n';
  const header = [
    'SLO',
    'SOURCE',
    'OBJECTIVE',
    'STATE',
    'BUDGET LEFT (PERIOD)',
    'EXHAUSTED (AT 1h BURN)',
    ...SLO_WINDOWS.map((w) => `BURN ${w}`),
  ];
  const rows = slos.map((s) => [
    s.name,
    s.source,
    `${formatObjective(s.objective)} / ${formatPeriod(s.periodSeconds)}`,
    s.state ?? 'unknown',
    `${gauge(s.budgetRemaining, 10, ascii)} ${formatPercent(s.budgetRemaining)} of ${formatPeriod(s.periodSeconds)}`,
    formatExhaustion(s.exhaustionSeconds),
    ...SLO_WINDOWS.map((w) => burnCell(s, w)),
  ]);
  return table(header, rows);
}
