// One list row for an alert: severity, layer, age, state, name (with tree prefix), where, summary.
// Exactly one terminal line; colours from the theme; selection by inverse (survives NO_COLOR).
import { memo } from 'react';
import type { IncidentAlert } from '../../domain/incidents/types.js';
import { formatAge } from '../../domain/duration.js';
import { severityStyle, useTheme } from '../theme.js';
import { Line, type Segment } from './Line.js';
import { useClock } from './clock.js';
import { fit, fitLeft, LAYER_SHORT, SEVERITY_SHORT, severityOf, alertName, whereText, summaryOf } from '../format.js';
import { alertStateText } from '../../domain/alert-state.js';

export interface RowLayout {
  name: number;
  rest: number;
}

/** Fixed columns: sev 4, layer 7, age 4, state 12, then name and the rest share what is left. */
export const FIXED_COLUMNS = 4 + 1 + 7 + 1 + 4 + 1 + 12 + 1;

export function rowLayout(width: number): RowLayout {
  const free = Math.max(0, width - FIXED_COLUMNS);
  const name = Math.min(Math.max(16, Math.min(40, Math.floor(free * 0.35))), free);
  return { name, rest: Math.max(0, free - name - 1) };
}

export function headerLine(width: number, nameTitle = 'ALERT'): string {
  const l = rowLayout(width);
  return fit(
    `${fit('SEV', 4)} ${fit('LAYER', 7)} ${fitLeft('AGE', 4)} ${fit('STATE', 12)} ${fit(nameTitle, l.name)} WHERE / SUMMARY`,
    width,
  );
}

export interface AlertRowProps {
  alert: IncidentAlert;
  /** Tree prefix before the name ('' for flat lists). */
  prefix: string;
  /** Appended after the name, e.g. "[5]" alerts in the incident. */
  suffix?: string;
  selected: boolean;
  /** Bold name (incident roots). */
  strong?: boolean;
  width: number;
}

/** Reads the clock, so the tick reaches the row; the line itself is redrawn only when its age text changes. */
export const AlertRow = memo(function AlertRow(props: AlertRowProps) {
  const now = useClock(Date.now);
  // A remembered alert that resolved: its state is how long ago, and the row is dimmed.
  const resolved = props.alert.resolvedAt
    ? `resolved ${formatAge(now - Date.parse(props.alert.resolvedAt))}`
    : undefined;
  return <RowLine {...props} age={fitLeft(formatAge(now - Date.parse(props.alert.startsAt)), 4)} resolved={resolved} />;
});

const RowLine = memo(function RowLine({
  alert,
  prefix,
  suffix,
  selected,
  strong,
  width,
  age,
  resolved,
}: AlertRowProps & { age: string; resolved?: string }) {
  const theme = useTheme();
  const l = rowLayout(width);
  const sev = severityOf(alert);
  const state = resolved ?? alertStateText(alert);
  const suppressed = alert.state === 'suppressed';
  const where = whereText(alert);
  const summary = summaryOf(alert);
  const rest = where && summary ? `${where}  ${summary}` : where || summary;
  const name = `${prefix}${alertName(alert)}${suffix ? ` ${suffix}` : ''}`;
  const sel = selected ? theme.selection : resolved ? theme.resolved : undefined;
  const segments: Segment[] = [
    { text: fit(SEVERITY_SHORT[sev], 4), style: { ...severityStyle(theme, sev), ...sel } },
    { text: ' ', style: sel },
    { text: fit(LAYER_SHORT[alert.layer] ?? alert.layer, 7), style: { ...theme.layer[alert.layer], ...sel } },
    { text: ` ${age} `, style: sel },
    { text: fit(state, 12), style: { ...(suppressed ? theme.suppressed : theme.ok), ...sel } },
    { text: ' ', style: sel },
    { text: fit(name, l.name), style: { ...(strong ? theme.title : {}), ...sel } },
    // Trailing padding only where the selection bar needs it: every character costs Ink time per frame.
    {
      text: l.rest > 0 ? ` ${selected ? fit(rest, l.rest) : fit(rest, l.rest).trimEnd()}` : '',
      style: { ...theme.muted, ...sel },
    },
  ];
  // Severity, layer, age and state (the first six segments) repeat from row to row: one text for Ink.
  return <Line segments={segments} width={width} head={6} />;
});
