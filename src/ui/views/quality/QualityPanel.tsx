// A panel per model: PSI, embedding similarity, accuracy against baseline and user-correction rate, each with
// its value, the article's threshold and a sparkline of the last hour, then the model's firing quality alerts.
import { Box } from 'ink';
import { Text } from '../../text.js';
import type { ModelQuality } from '../../../domain/quality/build.js';
import { MEASURES, type Measure } from '../../../domain/quality/measures.js';
import { sparkline } from '../../../domain/charts/sparkline.js';
import { sanitizeLine } from '../../../domain/sanitize.js';
import type { Theme } from '../../theme.js';
import { fit, fitLeft } from '../../format.js';

export interface QualityPanelProps {
  models: readonly ModelQuality[];
  selected: number;
  offset: number;
  width: number;
  height: number;
  theme: Theme;
  ascii: boolean;
}

const MAX_ALERTS = 2;

/** Sparkline cells left after the fixed columns (indent 4, title 36, value 7, gap 2, state 9, threshold 14). */
export function qualitySparkWidth(width: number): number {
  return Math.max(1, width - 73);
}

/** Lines one model's panel takes. */
export function modelLines(m: ModelQuality): number {
  return 1 + MEASURES.length + 1 + Math.min(MAX_ALERTS, m.alerts.length) + (m.alerts.length > MAX_ALERTS ? 1 : 0);
}

export function measureValue(def: Pick<Measure, 'unit'>, v: number | null): string {
  if (v === null) return '—';
  return def.unit === 'ratio' ? `${(v * 100).toFixed(1)}%` : v.toFixed(3);
}

export function thresholdText(def: Pick<Measure, 'unit' | 'threshold' | 'badWhen'>): string {
  const v = def.unit === 'ratio' ? `${Math.round(def.threshold * 100)}%` : String(def.threshold);
  return `${def.badWhen === 'above' ? '>' : '<'} ${v} is bad`;
}

function ModelBlock({
  m,
  selected,
  width,
  theme,
  ascii,
}: {
  m: ModelQuality;
  selected: boolean;
  width: number;
  theme: Theme;
  ascii: boolean;
}) {
  const spark = qualitySparkWidth(width);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Text
          {...(selected ? theme.selection : theme.title)}
        >{`${selected ? '▶' : ' '} model ${sanitizeLine(m.model || '(no model label)')}`}</Text>
        <Text {...(m.degraded ? theme.warning : theme.ok)}>{m.degraded ? '  DEGRADED' : '  ok'}</Text>
      </Text>
      {MEASURES.map((def) => {
        const f = m.measures[def.id];
        const style = f.breached === null ? theme.muted : f.breached ? theme.critical : theme.ok;
        return (
          <Text key={def.id} wrap="truncate">
            <Text>{`    ${fit(`${def.title}${def.window ? ` (${def.window})` : ''}`, 36)}`}</Text>
            <Text
              {...style}
            >{`${fitLeft(measureValue(def, f.value), 7)}  ${fit(f.breached === null ? 'no data' : f.breached ? 'BREACHED' : 'ok', 9)}`}</Text>
            <Text {...theme.muted}>{fit(thresholdText(def), 14)}</Text>
            <Text {...style}>
              {sparkline(
                f.series.map(([, v]) => v),
                { width: spark, ascii },
              )}
            </Text>
          </Text>
        );
      })}
      <Text {...(m.alerts.length ? theme.warning : theme.muted)} wrap="truncate">
        {m.alerts.length ? `    firing quality alerts (${m.alerts.length}):` : '    firing quality alerts: none'}
      </Text>
      {m.alerts.slice(0, MAX_ALERTS).map((a) => (
        <Text
          key={a.fingerprint}
          wrap="truncate"
        >{`      ${sanitizeLine(a.labels.alertname ?? '')} ${sanitizeLine(a.labels.severity ?? '')}  ${sanitizeLine(a.annotations.summary ?? '')}`}</Text>
      ))}
      {m.alerts.length > MAX_ALERTS && <Text {...theme.muted}>{`      … ${m.alerts.length - MAX_ALERTS} more`}</Text>}
    </Box>
  );
}

/** Models from `offset` that fit in `height` lines (at least one). */
export function fittingModels(models: readonly ModelQuality[], offset: number, height: number): number {
  let used = 0;
  let n = 0;
  for (const m of models.slice(offset)) {
    if (n > 0 && used + modelLines(m) > height) break;
    used += modelLines(m);
    n++;
  }
  return n;
}

export function QualityPanel(p: QualityPanelProps) {
  const n = fittingModels(p.models, p.offset, p.height);
  return (
    <Box flexDirection="column">
      {p.models.slice(p.offset, p.offset + n).map((m, i) => (
        <ModelBlock
          key={m.model}
          m={m}
          selected={p.offset + i === p.selected}
          width={p.width}
          theme={p.theme}
          ascii={p.ascii}
        />
      ))}
    </Box>
  );
}
