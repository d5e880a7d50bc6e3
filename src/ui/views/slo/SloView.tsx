// The SLO view: polls the SLO figures (a fixed number of requests, whatever the number of SLOs), lists them
// worst first, and on Enter loads the selected SLO's error ratio over its period; its alerts come from the
// app's shared alert data, so opening a detail costs one request.
import { useEffect, useMemo, useReducer } from 'react';
import { Box } from 'ink';
import { Text } from '../../text.js';
import { useOncall } from '../../app-context.js';
import { useTheme } from '../../theme.js';
import { useKeys } from '../../keys.js';
import { usePoll } from '../../hooks/usePoll.js';
import { useKeyedListNav } from '../../hooks/useListNav.js';
import type { ViewProps } from '../registry.js';
import { configuredSlos, fetchSloErrorSeries, fetchSlos } from '../../../backends/slo.js';
import { alertsForSlo } from '../../../domain/slo/order.js';
import { sanitizeLine } from '../../../domain/sanitize.js';
import { asciiCharts } from '../charts.js';
import { SloPanel, detailLines, type SloDetail } from './SloPanel.js';
import { INITIAL_SLO_VIEW, sloViewReducer, visibleSlos } from './state.js';

export function SloView({ width, height }: ViewProps) {
  const app = useOncall();
  const theme = useTheme();
  const ascii = asciiCharts();
  const { context } = app.services;
  const defs = useMemo(() => configuredSlos(context.settings, context.name), [context]);
  const poll = usePoll(() => fetchSlos(app.services.prometheus(), defs), { deps: [defs] });
  const slos = poll.data?.slos;
  const [st, dispatch] = useReducer(sloViewReducer, INITIAL_SLO_VIEW);
  useEffect(() => {
    if (slos) dispatch({ type: 'refreshed', ids: slos.map((s) => s.id) });
  }, [slos]);
  const open = slos?.find((s) => s.id === st.expanded) ?? null;
  const series = usePoll(
    () =>
      open ? fetchSloErrorSeries(app.services.prometheus(), open, Math.max(10, width - 56)) : Promise.resolve(null),
    { enabled: open !== null, deps: [open?.id, width] },
  );
  const detail: SloDetail | null = open
    ? {
        series: series.data?.series ?? null,
        stepSeconds: series.data?.stepSeconds ?? null,
        alerts: alertsForSlo(
          open,
          (app.data?.alerts ?? []).filter((a) => a.state === 'active'),
        ),
        error: series.error,
      }
    : null;
  const dLines = open ? detailLines(open, detail, width, ascii).length : 0;
  const visible = visibleSlos(height - 1, dLines);
  const cursor = useKeyedListNav({
    stateKey: 'slo.cursor',
    items: slos,
    keyOf: (s) => s.id,
    height: visible,
    onOpen: (i) => {
      const s = slos?.[i];
      if (s) dispatch({ type: 'toggle', id: s.id });
    },
  });
  useKeys({ 'nav.back': () => dispatch({ type: 'close' }) }, { active: st.expanded !== null });

  const status = poll.error
    ? `Prometheus: ${poll.error}${slos ? ' (showing the last good data)' : ''}`
    : poll.data?.warnings[0];
  return (
    <Box flexDirection="column" height={height}>
      <Text {...(poll.error ? theme.error : theme.muted)} wrap="truncate">
        {status ? sanitizeLine(status) : ' '}
      </Text>
      {!slos ? (
        <Text {...theme.muted}>{poll.error ? 'no SLO data yet' : 'loading SLOs…'}</Text>
      ) : !slos.length ? (
        <Text {...theme.muted}>no SLOs: add slos: to the context, or record Sloth or Pyrra rules in Prometheus</Text>
      ) : (
        <SloPanel
          slos={slos}
          selected={cursor.index}
          offset={cursor.offset}
          visible={visible}
          width={width}
          theme={theme}
          ascii={ascii}
          expanded={st.expanded}
          detail={detail}
        />
      )}
    </Box>
  );
}
