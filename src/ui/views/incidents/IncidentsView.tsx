// Incidents, each a tree: the root cause first, its symptoms indented under it along the causal edges. The
// component draws what the state hook (./state.ts) holds; keys reach its actions through ./input.ts.
import { useMemo } from 'react';
import { Box } from 'ink';
import { Text } from '../../text.js';
import type { ViewProps } from '../registry.js';
import { FilterBar } from '../../components/FilterBar.js';
import { AlertRow, headerLine } from '../../components/AlertRow.js';
import { Line } from '../../components/Line.js';
import { useTheme } from '../../theme.js';
import { incidentSize, listTotal, noDataYet, useOncall } from '../../app-context.js';
import type { Incident } from '../../../domain/incidents/types.js';
import { useIncidentsState } from './state.js';
import { useIncidentsInput } from './input.js';

export function IncidentsView({ width, height }: ViewProps) {
  const theme = useTheme();
  const state = useIncidentsState(height);
  useIncidentsInput(state);
  const { filter, incidents, shown, rows, cursor, listHeight, resolvedCount, showResolved, firstResolvedRow } = state;
  const { data, health, services } = useOncall();
  const totals = listTotal(data, 'incidents');
  const size = (inc: Incident) => incidentSize(data, inc);
  const visible = rows.slice(cursor.offset, listHeight);
  const sepAt =
    firstResolvedRow !== undefined && firstResolvedRow >= cursor.offset && firstResolvedRow < cursor.offset + listHeight
      ? firstResolvedRow - cursor.offset
      : -1;
  const sepText = `── ${resolvedCount} recently resolved${showResolved ? '' : ' (hidden)'} · t ${showResolved ? 'hides' : 'shows'} them ──`;
  // The same segments while the width holds, so the line is not redrawn on every cursor move.
  const head = useMemo(
    () => [{ text: headerLine(width, 'INCIDENT: ROOT CAUSE, THEN SYMPTOMS'), style: theme.muted }],
    [width, theme],
  );
  return (
    <Box flexDirection="column" height={height}>
      <FilterBar state={filter} shown={shown.length} total={totals.total} width={width} noun={totals.noun} />
      <Line segments={head} width={width} />
      {!incidents ? (
        <Text {...theme.muted}>{noDataYet(health, services.refreshIntervalMs)}</Text>
      ) : rows.count === 0 ? (
        <Text {...theme.muted}>
          {incidents.length ? 'no incident matches the filter (Esc clears it)' : 'no alerts: all quiet'}
        </Text>
      ) : (
        visible.flatMap((r, i) => [
          ...(i === sepAt
            ? [
                <Text key="resolved-separator" {...theme.muted} wrap="truncate">
                  {sepText}
                </Text>,
              ]
            : []),
          <AlertRow
            key={r.key}
            alert={r.alert}
            prefix={r.prefix}
            suffix={r.isRoot && size(r.incident) > 1 ? `[${size(r.incident)}]` : undefined}
            strong={r.isRoot}
            selected={cursor.offset + i === cursor.index}
            width={width}
          />,
        ])
      )}
      {resolvedCount > 0 && sepAt < 0 ? (
        <Text {...theme.muted} wrap="truncate">
          {sepText}
        </Text>
      ) : null}
    </Box>
  );
}
