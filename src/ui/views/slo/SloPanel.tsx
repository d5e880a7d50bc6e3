// The SLO list: per SLO a budget-left gauge, a burn-rate bar per window against its threshold, the state in
// colour and in words, objective and period; the selected SLO's detail opens under it. Data in, frame out.
import { Box } from 'ink';
import { Text } from '../../text.js';
import type { SloResult } from '../../../domain/slo/types.js';
import type { Alert } from '../../../domain/types.js';
import {
  formatBurn,
  formatExhaustion,
  formatObjective,
  formatPercent,
  formatPeriod,
  windowRoles,
} from '../../../domain/slo/format.js';
import { SLO_WINDOWS } from '../../../domain/slo/windows.js';
import { sparkline } from '../../../domain/charts/sparkline.js';
import { sanitizeLine } from '../../../domain/sanitize.js';
import type { Style, Theme } from '../../theme.js';
import { fit } from '../../format.js';
import { BurnBar, Gauge } from '../charts.js';
import { burnBarWidth } from './layout.js';

export interface SloDetail {
  /** Error ratio over the period, one point per cell; null while loading. */
  series: [number, number][] | null;
  stepSeconds: number | null;
  alerts: Alert[];
  error?: string;
}

export interface SloPanelProps {
  slos: readonly SloResult[];
  selected: number;
  offset: number;
  /** SLOs shown (each two lines). */
  visible: number;
  width: number;
  theme: Theme;
  ascii: boolean;
  expanded: string | null;
  detail: SloDetail | null;
}

export function stateWord(s: SloResult['state']): string {
  return s === 'page' ? 'PAGE' : s === 'ticket' ? 'TICKET' : s === 'ok' ? 'ok' : 'unknown';
}

export function stateStyle(t: Theme, s: SloResult['state']): Style {
  return s === 'page' ? t.critical : s === 'ticket' ? t.warning : s === 'ok' ? t.ok : t.muted;
}

interface Line {
  text: string;
  style?: Style;
}

/** The detail lines of an open SLO: error-ratio sparkline, the Workbook conditions, alerts, warnings. */
export function detailLines(slo: SloResult, d: SloDetail | null, width: number, ascii: boolean): Line[] {
  const out: Line[] = [];
  // The label takes up to about 54 columns; the sparkline gets the rest.
  const w = Math.max(1, width - 56);
  if (!d || (d.series === null && !d.error))
    out.push({ text: `  error ratio over ${formatPeriod(slo.periodSeconds)}: loading…` });
  else if (d.error) out.push({ text: `  error ratio over ${formatPeriod(slo.periodSeconds)}: ${d.error}` });
  else {
    const vals = d.series!.map(([, v]) => v);
    const max = vals.length ? Math.max(...vals) : null;
    out.push({
      text: `  error ratio over ${formatPeriod(slo.periodSeconds)} (cell ${formatPeriod(d.stepSeconds ?? 0)}, max ${formatPercent(max, 3)}) ${sparkline(vals, { width: w, min: 0, ascii })}`,
    });
  }
  for (const c of slo.conditions) {
    const fired = c.firing === null ? 'no data' : c.firing ? 'FIRING' : 'ok';
    out.push({
      text: `  ${c.severity.padEnd(6)} ${`${c.long} & ${c.short}`.padEnd(10)} > ${formatBurn(c.threshold).padEnd(7)} now ${formatBurn(c.longBurn)} & ${formatBurn(c.shortBurn)}  ${fired}`,
    });
  }
  const alerts = d?.alerts ?? [];
  out.push({ text: alerts.length ? `  firing alerts (${alerts.length}):` : '  firing alerts: none' });
  for (const a of alerts.slice(0, 3))
    out.push({
      text: `    ${sanitizeLine(a.labels.alertname ?? '')} ${sanitizeLine(a.labels.severity ?? '')} ${sanitizeLine(a.annotations.summary ?? '')}`,
    });
  if (alerts.length > 3) out.push({ text: `    … ${alerts.length - 3} more` });
  for (const wn of slo.warnings.slice(0, 2)) out.push({ text: `  note: ${sanitizeLine(wn)}` });
  return out;
}

function SloRows({
  slo,
  selected,
  width,
  theme,
  ascii,
}: {
  slo: SloResult;
  selected: boolean;
  width: number;
  theme: Theme;
  ascii: boolean;
}) {
  const roles = windowRoles(slo.conditions);
  const barW = burnBarWidth(width);
  const nameW = Math.max(8, Math.min(34, width - 74));
  const pct = `${formatPercent(slo.budgetRemaining)} of ${formatPeriod(slo.periodSeconds)}`;
  return (
    <>
      <Text wrap="truncate">
        <Text {...(selected ? theme.selection : theme.title)}>
          {fit(`${selected ? '▶' : ' '} ${sanitizeLine(slo.name)}`, nameW + 2)}
        </Text>
        <Text> </Text>
        <Text {...stateStyle(theme, slo.state)}>{fit(stateWord(slo.state), 8)}</Text>
        <Text {...theme.muted}>
          {fit(`${formatObjective(slo.objective)}/${formatPeriod(slo.periodSeconds)}`, 11)} left{' '}
        </Text>
        <Gauge value={slo.budgetRemaining} width={10} theme={theme} ascii={ascii} />
        <Text> {fit(pct, 16)}</Text>
        {slo.exhaustionSeconds === 0 ? (
          <Text {...theme.critical}> EXHAUSTED</Text>
        ) : slo.exhaustionSeconds !== null ? (
          <Text {...theme.muted}>{` empty ${formatExhaustion(slo.exhaustionSeconds)} at 1h burn`}</Text>
        ) : null}
      </Text>
      <Text wrap="truncate">
        <Text> </Text>
        {SLO_WINDOWS.map((w) => {
          const real = roles[w];
          const f = slo.windows[real];
          return (
            <Text key={w}>
              <Text {...theme.muted}>{real.padStart(3)} </Text>
              <BurnBar
                value={f?.burnRate ?? null}
                threshold={f?.threshold ?? null}
                width={barW}
                theme={theme}
                ascii={ascii}
              />
              <Text>{` ${formatBurn(f?.burnRate ?? null).padEnd(5)} `}</Text>
            </Text>
          );
        })}
      </Text>
    </>
  );
}

export function SloPanel(p: SloPanelProps) {
  const shown = p.slos.slice(p.offset, p.offset + p.visible);
  return (
    <Box flexDirection="column">
      <Text {...p.theme.muted} wrap="truncate">
        {fit(
          `${p.slos.length} SLOs, least budget left first · burn × per window (│ = alert threshold) · Enter: detail`,
          p.width,
        )}
      </Text>
      {shown.map((slo, i) => {
        const idx = p.offset + i;
        const open = p.expanded === slo.id;
        return (
          <Box key={slo.id} flexDirection="column">
            <SloRows slo={slo} selected={idx === p.selected} width={p.width} theme={p.theme} ascii={p.ascii} />
            {open &&
              detailLines(slo, p.detail, p.width, p.ascii).map((l, j) => (
                <Text key={j} wrap="truncate" {...(l.style ?? p.theme.muted)}>
                  {l.text}
                </Text>
              ))}
          </Box>
        );
      })}
    </Box>
  );
}
