// Two lines: context, each backend's health with its data age, refresh interval; then counts by severity and
// layer. Every piece is text (not only colour), so it reads the same under NO_COLOR.
import { memo } from 'react';
import { formatDuration } from '../../domain/duration.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { describeHealth, type BackendHealth } from '../data/health.js';
import type { Counts } from '../data/counts.js';
import { useTheme } from '../theme.js';
import { Line, type Segment } from './Line.js';

export interface HeaderProps {
  context: string;
  readOnly: boolean;
  health: BackendHealth[];
  /** Undefined before the first data: the line says so rather than showing zeros, which would read as all quiet. */
  counts: Counts | undefined;
  refreshMs: number;
  now: number;
  /** A silence of the user's that ends soon while its alerts still fire: shown first on the second line. */
  expiring?: string;
  width: number;
}

const SEPARATOR = ' │ ';

function untilSeparator(segments: Segment[]): number {
  const i = segments.findIndex((s) => s.text === SEPARATOR);
  return i < 0 ? segments.length : i;
}

export const Header = memo(function Header({
  context,
  readOnly,
  health,
  counts,
  refreshMs,
  now,
  expiring,
  width,
}: HeaderProps) {
  const t = useTheme();
  const c = counts;
  const first: Segment[] = [
    { text: 'oncall', style: t.title },
    { text: ' ctx ' },
    { text: sanitizeLine(context), style: t.accent },
    ...(readOnly ? [{ text: ' read-only', style: t.warning }] : []),
    ...health.flatMap((h): Segment[] => [
      { text: SEPARATOR, style: t.muted },
      {
        text: sanitizeLine(describeHealth(h, now)),
        style:
          h.state === 'ok' ? t.ok : h.state === 'unreachable' ? (h.name === 'watchdog' ? t.warning : t.error) : t.muted,
      },
    ]),
    { text: ` │ every ${formatDuration(refreshMs)}`, style: t.muted },
  ];
  const second: Segment[] = !c
    ? [
        { text: 'incidents –', style: t.muted },
        { text: SEPARATOR, style: t.muted },
        { text: 'alerts – (no data yet)', style: t.muted },
      ]
    : [
        ...(expiring
          ? [
              { text: expiring, style: t.warning },
              { text: SEPARATOR, style: { ...t.warning, ...t.muted } },
            ]
          : []),
        { text: `incidents ${c.incidents.total}: ` },
        { text: `${c.incidents.critical} crit`, style: t.critical },
        { text: ' ' },
        { text: `${c.incidents.warning} warn`, style: t.warning },
        { text: ' ' },
        { text: `${c.incidents.info} info`, style: t.info },
        { text: SEPARATOR, style: t.muted },
        { text: `alerts ${c.alerts.total} (${c.alerts.suppressed} silenced/inhibited)` },
        { text: SEPARATOR, style: t.muted },
        { text: `infra ${c.layers.infrastructure ?? 0}`, style: t.layer.infrastructure },
        { text: ' ' },
        { text: `service ${c.layers.service ?? 0}`, style: t.layer.service },
        { text: ' ' },
        { text: `quality ${c.layers.quality ?? 0}`, style: t.layer.quality },
        ...(c.layers.unknown ? [{ text: ` other ${c.layers.unknown}`, style: t.muted }] : []),
      ];
  // Each line up to its first separator as one text for Ink (the separator itself is not ASCII).
  return (
    <>
      <Line segments={first} width={width} head={untilSeparator(first)} />
      <Line segments={second} width={width} head={untilSeparator(second)} />
    </>
  );
});
