// One line per GPU, worst first: host, GPU, used share coloured by the thresholds, time to full, and memory
// used over the last hour as a sparkline on a fixed 0–100% scale.
import { Box } from 'ink';
import { Text } from '../../text.js';
import { gpuHostName, type GpuResult, type GpuState } from '../../../domain/gpu/analyse.js';
import { formatDuration } from '../../../domain/duration.js';
import { sparkline } from '../../../domain/charts/sparkline.js';
import { sanitizeLine } from '../../../domain/sanitize.js';
import type { Style, Theme } from '../../theme.js';
import { fit, fitLeft } from '../../format.js';

export interface GpuPanelProps {
  gpus: readonly GpuResult[];
  selected: number;
  offset: number;
  visible: number;
  width: number;
  theme: Theme;
  ascii: boolean;
  thresholds: { warn: number; critical: number };
}

export function gpuStyle(t: Theme, s: GpuState | null): Style {
  return s === 'critical' ? t.critical : s === 'warning' ? t.warning : s === 'ok' ? t.ok : t.muted;
}

export function timeToFullText(s: number | null): string {
  if (s === null) return '';
  return s <= 0 ? 'FULL' : `full in ~${formatDuration(Math.max(60, Math.round(s / 60) * 60) * 1000)}`;
}

/** Sparkline cells left after the fixed columns. */
export function gpuSparkWidth(width: number): number {
  // Fixed columns: marker 2, host 20, gpu 1+6, used 1+5, state 1+9, time to full 1+14+1.
  return Math.max(1, width - 62);
}

export function GpuPanel(p: GpuPanelProps) {
  const spark = gpuSparkWidth(p.width);
  const shown = p.gpus.slice(p.offset, p.offset + p.visible);
  return (
    <Box flexDirection="column">
      <Text {...p.theme.muted} wrap="truncate">
        {fit(
          `  ${fit('HOST', 20)} ${fit('GPU', 6)} ${fitLeft('USED', 5)} ${fit('STATE', 9)} ${fit('TIME TO FULL', 14)} LAST 1h (0–100%; warn ${Math.round(p.thresholds.warn * 100)}%, critical ${Math.round(p.thresholds.critical * 100)}%) · Enter: incidents on the host`,
          p.width,
        )}
      </Text>
      {shown.map((g, i) => {
        const sel = p.offset + i === p.selected;
        const style = gpuStyle(p.theme, g.state);
        return (
          <Text key={`${g.host}/${g.gpu}/${i}`} wrap="truncate">
            <Text
              {...(sel ? p.theme.selection : {})}
            >{`${sel ? '▶' : ' '} ${fit(sanitizeLine(gpuHostName(g)), 20)} ${fit(sanitizeLine(g.gpu), 6)}`}</Text>
            <Text
              {...style}
            >{` ${fitLeft(g.usedRatio === null ? '—' : `${Math.round(g.usedRatio * 100)}%`, 5)} ${fit(g.state ?? 'unknown', 9)}`}</Text>
            <Text
              {...(g.timeToFullSeconds !== null ? p.theme.warning : {})}
            >{` ${fit(timeToFullText(g.timeToFullSeconds), 14)} `}</Text>
            <Text {...style}>
              {sparkline(
                g.series.map(([, v]) => v),
                { width: spark, min: 0, max: 1, ascii: p.ascii },
              )}
            </Text>
          </Text>
        );
      })}
    </Box>
  );
}
