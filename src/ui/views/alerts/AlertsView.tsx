// Every alert in one flat list: sortable (keys alerts.sort, alerts.sortPrev, alerts.reverse), filterable with `/`.
// The component draws what the state hook (./state.ts) holds; keys reach its actions through ./input.ts.
import { useMemo } from 'react';
import { Box } from 'ink';
import { Text } from '../../text.js';
import type { ViewProps } from '../registry.js';
import { FilterBar } from '../../components/FilterBar.js';
import { AlertRow, headerLine } from '../../components/AlertRow.js';
import { Line } from '../../components/Line.js';
import { useTheme } from '../../theme.js';
import { listTotal, noDataYet, useOncall } from '../../app-context.js';
import { fit } from '../../format.js';
import { displayKey, keymap } from '../../keymap.js';
import { useAlertsState } from './state.js';
import { useAlertsInput } from './input.js';

/** The sort keys as the keymap has them, for the column header. */
function sortKeys(): string {
  return ['alerts.sortPrev', 'alerts.sort', 'alerts.reverse']
    .map((id) => keymap.get(id, 'alerts')?.keys[0])
    .filter((k): k is string => Boolean(k))
    .map(displayKey)
    .join(' ');
}

export function AlertsView({ width, height }: ViewProps) {
  const theme = useTheme();
  const state = useAlertsState(height);
  useAlertsInput(state);
  const { filter: f, all, rows, sort, cursor, listHeight } = state;
  const { data, health, services } = useOncall();
  const totals = listTotal(data, 'alerts');
  const visible = rows.slice(cursor.offset, cursor.offset + listHeight);
  // The sort order takes the right end of the column header line. The same segments while width and order
  // hold, so the line is not redrawn on every cursor move.
  const headSegments = useMemo(() => {
    const sortText = `sort: ${sort.field} ${sort.descending ? '↑' : '↓'} (${sortKeys()})`;
    const head = headerLine(width).slice(0, Math.max(0, width - sortText.length - 1));
    return [
      { text: `${head} `, style: theme.muted },
      { text: fit(sortText, Math.max(0, width - head.length - 1)), style: theme.accent },
    ];
  }, [sort, width, theme]);
  return (
    <Box flexDirection="column" height={height}>
      <FilterBar state={f} shown={rows.length} total={totals.total} width={width} noun={totals.noun} />
      <Line segments={headSegments} width={width} />
      {!all ? (
        <Text {...theme.muted}>{noDataYet(health, services.refreshIntervalMs)}</Text>
      ) : rows.length === 0 ? (
        <Text {...theme.muted}>
          {all.length ? 'no alert matches the filter (Esc clears it)' : 'no alerts: all quiet'}
        </Text>
      ) : (
        visible.map((a, i) => (
          <AlertRow
            key={a.fingerprint}
            alert={a}
            prefix=""
            selected={cursor.offset + i === cursor.index}
            width={width}
          />
        ))
      )}
    </Box>
  );
}
