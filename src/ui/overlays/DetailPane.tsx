// Details of one alert: its incident context, labels, annotations, runbook and source links (opened in the
// browser only when they are http(s)). Not modal: global keys (r, ?, q, Tab) still work while it is open.
import { useMemo } from 'react';
import { Box } from 'ink';
import { Text } from '../text.js';
import { useOncall } from '../app-context.js';
import type { OverlayDef, OverlayProps } from '../views/registry.js';
import { useKeys } from '../keys.js';
import { useViewState } from '../hooks/useViewState.js';
import { useTheme, type Style } from '../theme.js';
import { incidentTimeline } from '../../domain/memory/timeline.js';
import { ProgressStore } from '../../backends/progress.js';
import type { IncidentProgress } from '../../domain/runbook/progress.js';
import { detailLines, generatorUrl, runbookUrl, type LineStyle } from './detail-lines.js';
import { openOrShowUrl } from './open-url.js';
import { fit } from '../format.js';
import { footerHints, keymap } from '../keymap.js';

export interface DetailProps {
  fingerprint: string;
}

/** The incident's saved runbook progress; none when the state folder cannot be read. */
function savedProgress(incidentId: string): IncidentProgress | undefined {
  try {
    return new ProgressStore().load(incidentId);
  } catch {
    return undefined;
  }
}

function DetailPane({ width, height, props, close }: OverlayProps<DetailProps>) {
  const app = useOncall();
  const theme = useTheme();
  const [top, setTop] = useViewState(`detail.scroll.${props.fingerprint}`, 0);
  const incId = app.data?.incidentOf.get(props.fingerprint);
  const incident = incId ? app.data?.incidents.find((i) => i.id === incId) : undefined;
  const alert = incident?.alerts.find((a) => a.fingerprint === props.fingerprint);
  const now = app.services.now();
  const silences = app.data?.silences;
  // Ages are shown to the minute: the lines are remade every 10 s, not on every render.
  const tenSeconds = Math.floor(now / 10_000);
  const lines = useMemo(() => {
    if (!alert) return [];
    const at = tenSeconds * 10_000;
    // Firing and resolving from the alerts themselves, silences and acks from the last list, runbook steps saved.
    const timeline = incident
      ? incidentTimeline(incident, undefined, silences ?? [], savedProgress(incident.id), at)
      : undefined;
    return detailLines(alert, incident, width, at, timeline);
  }, [alert, incident, silences, width, tenSeconds]);
  const bodyHeight = Math.max(1, height - 1);
  const maxTop = Math.max(0, lines.length - bodyHeight);
  const scroll = (d: number) => setTop((t) => Math.min(maxTop, Math.max(0, t + d)));
  const open = (url: string | undefined, what: string) => openOrShowUrl(app, url, what);
  useKeys({
    'detail.close': close,
    'nav.back': close,
    'detail.down': () => scroll(1),
    'detail.up': () => scroll(-1),
    'detail.pageDown': () => scroll(bodyHeight),
    'detail.pageUp': () => scroll(-bodyHeight),
    'detail.top': () => setTop(0),
    'detail.bottom': () => setTop(maxTop),
    'detail.source': () => open(alert && generatorUrl(alert), 'source'),
    'detail.runbook': () => open(alert && runbookUrl(alert), 'runbook'),
  });
  const styles: Record<LineStyle, Style> = {
    title: theme.title,
    heading: theme.accent,
    text: {},
    muted: theme.muted,
    link: theme.accent,
    warning: theme.warning,
  };
  const t = Math.min(top, maxTop);
  const status = alert
    ? `${Math.min(lines.length, t + bodyHeight)}/${lines.length} lines  ${footerHints(keymap, ['detail'], { view: app.view, layers: ['detail'], readOnly: false, selection: undefined })}`
    : '';
  return (
    <Box flexDirection="column" height={height}>
      {!alert ? (
        <Text {...theme.muted}>this alert is gone (resolved since). Esc goes back.</Text>
      ) : (
        lines.slice(t, t + bodyHeight).map((l, i) => (
          <Text key={t + i} {...styles[l.style]} wrap="truncate">
            {fit(l.text, width)}
          </Text>
        ))
      )}
      <Box flexGrow={1} />
      <Text {...theme.muted} wrap="truncate">
        {fit(status, width)}
      </Text>
    </Box>
  );
}

export const detailOverlay: OverlayDef<DetailProps> = {
  id: 'detail',
  title: 'Alert details',
  component: DetailPane,
  modal: false,
  keys: [
    { id: 'detail.close', keys: ['enter'], footer: 'back', description: 'back to the list (also Esc)' },
    { id: 'detail.down', keys: ['j', 'down'], description: 'scroll down' },
    { id: 'detail.up', keys: ['k', 'up'], description: 'scroll up' },
    { id: 'detail.pageDown', keys: ['pagedown', 'space', 'ctrl+d'], description: 'page down' },
    { id: 'detail.pageUp', keys: ['pageup', 'ctrl+u'], description: 'page up' },
    { id: 'detail.top', keys: ['g', 'home'], description: 'top' },
    { id: 'detail.bottom', keys: ['G', 'end'], description: 'bottom' },
    {
      id: 'detail.source',
      keys: ['o'],
      footer: 'source',
      description: 'open the source (generator URL) in the browser, or show it where none can open; http(s) only',
    },
    {
      id: 'detail.runbook',
      keys: ['u'],
      footer: 'runbook',
      description: 'open the runbook URL in the browser, or show it where none can open; http(s) only',
    },
  ],
};
