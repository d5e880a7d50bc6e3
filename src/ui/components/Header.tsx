// Two lines: context, each backend's health with its data age, refresh interval; then counts by severity and
// layer. Every piece is text (not only colour), so it reads the same under NO_COLOR.
import { memo } from 'react';
import { Text } from 'ink';
import { formatDuration } from '../../domain/duration.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { describeHealth, type BackendHealth } from '../data/health.js';
import type { Counts } from '../app-state.js';
import { useTheme } from '../theme.js';

export interface HeaderProps {
  context: string;
  readOnly: boolean;
  health: BackendHealth[];
  counts: Counts;
  refreshMs: number;
  now: number;
  /** A silence of the user's that ends soon while its alerts still fire: shown first on the second line. */
  expiring?: string;
}

export const Header = memo(function Header({ context, readOnly, health, counts, refreshMs, now, expiring }: HeaderProps) {
  const t = useTheme();
  const c = counts;
  return (
    <>
      <Text wrap="truncate">
        <Text {...t.title}>oncall</Text>
        <Text> ctx </Text>
        <Text {...t.accent}>{sanitizeLine(context)}</Text>
        {readOnly ? <Text {...t.warning}> read-only</Text> : null}
        {health.map((h) => (
          <Text key={h.name}>
            <Text {...t.muted}> │ </Text>
            <Text {...(h.state === 'ok' ? t.ok : h.state === 'unreachable' ? t.error : t.muted)}>{sanitizeLine(describeHealth(h, now))}</Text>
          </Text>
        ))}
        <Text {...t.muted}> │ every {formatDuration(refreshMs)}</Text>
      </Text>
      <Text wrap="truncate">
        {expiring ? <Text {...t.warning}>{expiring}<Text {...t.muted}> │ </Text></Text> : null}
        <Text>incidents {c.incidents.total}: </Text>
        <Text {...t.critical}>{c.incidents.critical} crit</Text>
        <Text> </Text>
        <Text {...t.warning}>{c.incidents.warning} warn</Text>
        <Text> </Text>
        <Text {...t.info}>{c.incidents.info} info</Text>
        <Text {...t.muted}> │ </Text>
        <Text>alerts {c.alerts.total} ({c.alerts.suppressed} silenced/inhibited)</Text>
        <Text {...t.muted}> │ </Text>
        <Text {...t.layer.infrastructure}>infra {c.layers.infrastructure ?? 0}</Text>
        <Text> </Text>
        <Text {...t.layer.service}>service {c.layers.service ?? 0}</Text>
        <Text> </Text>
        <Text {...t.layer.quality}>quality {c.layers.quality ?? 0}</Text>
        {c.layers.unknown ? <Text {...t.muted}> other {c.layers.unknown}</Text> : null}
      </Text>
    </>
  );
});
