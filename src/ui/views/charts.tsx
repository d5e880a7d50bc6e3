// Chart pieces for the SLO, GPU and quality views: the pure strings of src/domain/charts, coloured by theme.
import { Text } from '../text.js';
import { gaugeSegments } from '../../domain/charts/gauge.js';
import { barSegments } from '../../domain/charts/bar.js';
import type { Style, Theme } from '../theme.js';

/** Block characters unless the terminal is known not to draw them (TERM=dumb) or ONCALL_ASCII=1. */
export function asciiCharts(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.TERM === 'dumb' || env.ONCALL_ASCII === '1';
}

/** Budget left: green while over half, yellow under half, red when spent. */
export function budgetStyle(t: Theme, remaining: number | null): Style {
  if (remaining === null) return t.muted;
  if (remaining <= 0) return t.critical;
  if (remaining < 0.5) return t.warning;
  return t.ok;
}

export function Gauge({
  value,
  width,
  theme,
  ascii,
}: {
  value: number | null;
  width: number;
  theme: Theme;
  ascii: boolean;
}) {
  const s = gaugeSegments(value, width, ascii);
  return (
    <Text>
      <Text {...budgetStyle(theme, value)}>{s.filled}</Text>
      <Text {...theme.muted}>{s.empty}</Text>
    </Text>
  );
}

export function BurnBar({
  value,
  threshold,
  width,
  theme,
  ascii,
}: {
  value: number | null;
  threshold: number | null;
  width: number;
  theme: Theme;
  ascii: boolean;
}) {
  const s = barSegments(value, { width, threshold: threshold ?? 0, ascii });
  return (
    <Text>
      <Text {...theme.ok}>{s.below}</Text>
      <Text {...theme.critical}>{s.above}</Text>
      <Text {...theme.muted}>{s.rest}</Text>
    </Text>
  );
}
