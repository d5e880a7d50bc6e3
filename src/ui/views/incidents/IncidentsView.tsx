// Incidents, each a tree: the root cause first, its symptoms indented under it along the causal edges.
import { useEffect, useMemo } from 'react';
import { Box, Text } from 'ink';
import { useOncall } from '../../app-context.js';
import type { ViewProps } from '../registry.js';
import { filterIncidents, IncidentRowIndex } from './rows.js';
import { useListNav } from '../../hooks/useListNav.js';
import { FilterBar, useFilter } from '../../components/FilterBar.js';
import { AlertRow, headerLine } from '../../components/AlertRow.js';
import { Line } from '../../components/Line.js';
import { useTheme } from '../../theme.js';

export function IncidentsView({ width, height }: ViewProps) {
  const app = useOncall();
  const theme = useTheme();
  const f = useFilter('incidents', true);
  const incidents = app.data?.incidents;
  const shown = useMemo(() => filterIncidents(incidents ?? [], f.filter.kind === 'none' ? undefined : f.filter.test), [incidents, f.filter]);
  const rows = useMemo(() => new IncidentRowIndex(shown), [shown]);
  const listHeight = Math.max(1, height - 2);
  const cursor = useListNav({
    stateKey: 'incidents.cursor',
    count: rows.count,
    height: listHeight,
    active: true,
    rows,
    keyAt: (i) => rows.rowAt(i)?.key,
    indexOf: (k) => rows.indexOfKey(k),
    // The selected alert resolved: stay on its incident.
    fallback: (k) => (k ? rows.firstRowOf(k.slice(0, k.lastIndexOf('/'))) : undefined),
    onOpen: (i) => { const r = rows.rowAt(i); if (r) app.openOverlay('detail', { fingerprint: r.alert.fingerprint }); },
  });
  const selected = rows.rowAt(cursor.index);
  const selKey = selected ? `${selected.key}@${app.data?.generatedAt}` : '';
  useEffect(() => {
    app.setSelection(selected ? { incident: selected.incident, alerts: selected.incident.alerts } : undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- publish the selection when it or the data changes (selKey), not on every render
  }, [selKey]);

  const visible = rows.slice(cursor.offset, listHeight);
  // The same segments while the width holds, so the line is not redrawn on every cursor move.
  const head = useMemo(() => [{ text: headerLine(width, 'INCIDENT: ROOT CAUSE, THEN SYMPTOMS'), style: theme.muted }], [width, theme]);
  return (
    <Box flexDirection="column" height={height}>
      <FilterBar state={f} shown={shown.length} total={incidents?.length ?? 0} width={width} noun="incidents" />
      <Line segments={head} width={width} />
      {!incidents ? (
        <Text {...theme.muted}>waiting for the first answer from the Alertmanager…</Text>
      ) : rows.count === 0 ? (
        <Text {...theme.muted}>{incidents.length ? 'no incident matches the filter (Esc clears it)' : 'no alerts: all quiet'}</Text>
      ) : (
        visible.map((r, i) => (
          <AlertRow
            key={r.key}
            alert={r.alert}
            prefix={r.prefix}
            suffix={r.isRoot && r.incident.alerts.length > 1 ? `[${r.incident.alerts.length}]` : undefined}
            strong={r.isRoot}
            selected={cursor.offset + i === cursor.index}
            width={width}
          />
        ))
      )}
    </Box>
  );
}
