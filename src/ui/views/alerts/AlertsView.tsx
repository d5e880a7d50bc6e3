// Every alert in one flat list: sortable (keys alerts.sort, alerts.sortPrev, alerts.reverse), filterable with `/`.
import { useEffect, useMemo } from 'react';
import { Box, Text } from 'ink';
import { useOncall } from '../../app-context.js';
import type { ViewProps } from '../registry.js';
import { useListNav } from '../../hooks/useListNav.js';
import { useViewState } from '../../hooks/useViewState.js';
import { FilterBar, useFilter } from '../../components/FilterBar.js';
import { AlertRow, headerLine } from '../../components/AlertRow.js';
import { Line } from '../../components/Line.js';
import { useKeys } from '../../keys.js';
import { useTheme } from '../../theme.js';
import { fit } from '../../format.js';
import { DEFAULT_SORT, nextSortField, sortAlerts, type SortSpec } from './sort.js';
import { displayKey, keymap } from '../../keymap.js';

/** The sort keys as the keymap has them, for the column header. */
function sortKeys(): string {
  return ['alerts.sortPrev', 'alerts.sort', 'alerts.reverse']
    .map((id) => keymap.get(id, 'alerts')?.keys[0])
    .filter((k): k is string => Boolean(k))
    .map(displayKey)
    .join(' ');
}

export function AlertsView({ width, height }: ViewProps) {
  const app = useOncall();
  const theme = useTheme();
  const f = useFilter('alerts', true);
  const [sort, setSort] = useViewState<SortSpec>('alerts.sort', DEFAULT_SORT);
  useKeys({
    'alerts.sort': () => setSort((s) => ({ field: nextSortField(s.field, 1), descending: false })),
    'alerts.sortPrev': () => setSort((s) => ({ field: nextSortField(s.field, -1), descending: false })),
    'alerts.reverse': () => setSort((s) => ({ ...s, descending: !s.descending })),
  }, { active: !f.editing });
  const all = app.data?.alerts;
  const sorted = useMemo(() => sortAlerts(all ?? [], sort), [all, sort]);
  const rows = useMemo(() => (f.filter.kind === 'none' ? sorted : sorted.filter(f.filter.test)), [sorted, f.filter]);
  const listHeight = Math.max(1, height - 2);
  const cursor = useListNav({
    stateKey: 'alerts.cursor',
    count: rows.length,
    height: listHeight,
    active: true,
    rows,
    keyAt: (i) => rows[i]?.fingerprint,
    indexOf: (k) => { const i = rows.findIndex((a) => a.fingerprint === k); return i < 0 ? undefined : i; }, // once per refresh
    onOpen: (i) => { const a = rows[i]; if (a) app.openOverlay('detail', { fingerprint: a.fingerprint }); },
  });
  const selected = rows[cursor.index];
  const selKey = selected ? `${selected.fingerprint}@${app.data?.generatedAt}` : '';
  useEffect(() => {
    if (!selected) { app.setSelection(undefined); return; }
    const id = app.data?.incidentOf.get(selected.fingerprint);
    const incident = id ? app.data?.incidents.find((i) => i.id === id) : undefined;
    app.setSelection({ incident, alerts: [selected] });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- publish the selection when it or the data changes (selKey), not on every render
  }, [selKey]);

  const visible = rows.slice(cursor.offset, cursor.offset + listHeight);
  // The sort order takes the right end of the column header line. The same segments while width and order
  // hold, so the line is not redrawn on every cursor move.
  const headSegments = useMemo(() => {
    const sortText = `sort: ${sort.field} ${sort.descending ? '↑' : '↓'} (${sortKeys()})`;
    const head = headerLine(width).slice(0, Math.max(0, width - sortText.length - 1));
    return [{ text: `${head} `, style: theme.muted }, { text: fit(sortText, Math.max(0, width - head.length - 1)), style: theme.accent }];
  }, [sort, width, theme]);
  return (
    <Box flexDirection="column" height={height}>
      <FilterBar state={f} shown={rows.length} total={all?.length ?? 0} width={width} noun="alerts" />
      <Line segments={headSegments} width={width} />
      {!all ? (
        <Text {...theme.muted}>waiting for the first answer from the Alertmanager…</Text>
      ) : rows.length === 0 ? (
        <Text {...theme.muted}>{all.length ? 'no alert matches the filter (Esc clears it)' : 'no alerts: all quiet'}</Text>
      ) : (
        visible.map((a, i) => (
          <AlertRow key={a.fingerprint} alert={a} prefix="" selected={cursor.offset + i === cursor.index} width={width} />
        ))
      )}
    </Box>
  );
}
