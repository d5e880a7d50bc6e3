// The application shell: providers, the app reducer, the layout (header, tabs, view or overlay, footer) sized
// to at most rows - 1 lines, the alert data source, the clock, and the bell. Views and overlays come from the
// registry (src/ui/views/index.ts); keys from the keymap (src/ui/keymap.ts).
import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  type ReactElement,
  type ReactNode,
} from 'react';
import { Box, useApp } from 'ink';
import { Text } from './text.js';
import {
  OncallContext,
  type AlertData,
  type AppServices,
  type OncallApi,
  type NoticeLevel,
  type Selection,
} from './app-context.js';
import { appReducer, countData, initialState, newCriticalIncidents, type AppState } from './app-state.js';
import type { Counts } from './data/counts.js';
import type { AlertSource } from './data/source.js';
import type { BackendHealth } from './data/health.js';
import { KeyDispatcher, KeyDispatcherProvider, useKeyLayer, useKeyLayers } from './keys.js';
import { keymap } from './keymap.js';
import { ThemeContext, type Theme } from './theme.js';
import { frameRows, useTerminalSize } from './hooks/useTerminalSize.js';
import { ViewStateContext, type ViewStateStore } from './hooks/useViewState.js';
import { registry, type OverlayDef } from './views/registry.js';
import { setupRegistry } from './views/index.js';
import { Header } from './components/Header.js';
import { TabBar } from './components/TabBar.js';
import { Footer } from './components/Footer.js';
import { ClockContext } from './components/clock.js';
import { SilenceBackground } from './views/silences/useUntilResolved.js';
import { AlertsSortAhead } from './views/alerts/SortAhead.js';
import { expiringSoonNotice } from './views/silences/expiring-notice.js';
import { setStateWarningSink } from '../backends/state-store.js';
import { sanitizeLine } from '../domain/sanitize.js';

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 12;
/** Header (2), tab bar (1), footer (1). */
const CHROME_ROWS = 4;

export interface AppProps {
  services: AppServices;
  source: AlertSource;
  theme: Theme;
  /** Ring the terminal bell when a new critical incident appears (config `bell`). */
  bell: boolean;
  onBell?: () => void;
  initialView?: string;
  /** How often ages and health lines re-render. */
  tickMs?: number;
}

export function App(props: AppProps) {
  setupRegistry();
  const dispatcher = useMemo(() => new KeyDispatcher(keymap), []);
  const store = useMemo<ViewStateStore>(() => new Map(), []);
  return (
    <ThemeContext.Provider value={props.theme}>
      <ViewStateContext.Provider value={store}>
        <KeyDispatcherProvider dispatcher={dispatcher}>
          <Shell {...props} dispatcher={dispatcher} />
        </KeyDispatcherProvider>
      </ViewStateContext.Provider>
    </ThemeContext.Provider>
  );
}

function OverlayHost({
  def,
  width,
  height,
  props,
  close,
}: {
  def: OverlayDef;
  width: number;
  height: number;
  props: unknown;
  close: () => void;
}) {
  useKeyLayer(def.id, { modal: def.modal ?? true, covers: true });
  const C = def.component;
  return <C width={width} height={height} props={props} close={close} />;
}

function Shell({
  services,
  source,
  theme: _theme,
  bell,
  onBell,
  initialView,
  tickMs = 1000,
  dispatcher,
}: AppProps & { dispatcher: KeyDispatcher }) {
  const { exit } = useApp();
  const views = registry.list();
  const [state, dispatch] = useReducer(appReducer, undefined, () =>
    initialState(initialView ?? views[0]?.id ?? 'incidents', services.now(), source.health?.() ?? []),
  );
  const size = useTerminalSize();
  const layers = useKeyLayers();
  const refreshers = useRef(new Set<() => void>());

  // Alert data from the worker (or in-process loader).
  useEffect(() => {
    source.start((u) => dispatch({ type: 'data', data: u.data, health: u.health, healthOnly: u.healthOnly }));
    return () => source.stop();
  }, [source]);

  const prevData = useRef(state.data);
  useEffect(() => {
    const prev = prevData.current;
    prevData.current = state.data;
    if (!state.data || prev === state.data) return;
    const fresh = newCriticalIncidents(prev, state.data);
    if (fresh.length) {
      if (bell) (onBell ?? (() => process.stdout.write('\u0007')))();
      dispatch({
        type: 'notice',
        message: `new critical incident: ${fresh.map((i) => i.title).join(', ')}`,
        level: 'error',
        at: services.now(),
      });
    }
  }, [state.data, bell, onBell, services]);

  const setView = useCallback((id: string) => {
    if (registry.view(id)) dispatch({ type: 'view', view: id });
  }, []);
  const openOverlay = useCallback((id: string, props?: unknown) => {
    if (registry.overlay(id)) dispatch({ type: 'openOverlay', id, props });
  }, []);
  const closeOverlay = useCallback((id?: string) => dispatch({ type: 'closeOverlay', id }), []);
  // The selection changes with every cursor move; keeping it out of React state saves a second render (and
  // frame) per key. Key handlers and `when` read it at the moment a key arrives.
  const selection = useRef<Selection | undefined>(undefined);
  const setSelection = useCallback(
    (s: Selection | undefined) => {
      selection.current = s;
      dispatcher.ctx = { ...dispatcher.ctx, selection: s };
    },
    [dispatcher],
  );
  const reportHealth = useCallback((health: BackendHealth) => dispatch({ type: 'health', health }), []);
  const notify = useCallback(
    (message: string, level: NoticeLevel = 'info', opts: { untilData?: boolean } = {}) =>
      dispatch({ type: 'notice', message, level, at: services.now(), untilData: opts.untilData }),
    [services],
  );
  // A damaged or unwritable state file is a notice in the TUI (stderr would tear the frame).
  useEffect(() => {
    setStateWarningSink((m) => notify(sanitizeLine(m), 'error'));
    return () => setStateWarningSink(undefined);
  }, [notify]);
  const onRefresh = useCallback((fn: () => void) => {
    refreshers.current.add(fn);
    return () => {
      refreshers.current.delete(fn);
    };
  }, []);
  const refresh = useCallback(() => {
    source.refresh();
    for (const fn of refreshers.current) fn();
    notify('refreshing…', 'info', { untilData: true });
  }, [source, notify]);
  const quit = useCallback(() => exit(), [exit]);

  const api: OncallApi = useMemo(
    () => ({
      services,
      data: state.data,
      health: state.health,
      view: state.view,
      setView,
      get selection() {
        return selection.current;
      },
      setSelection,
      openOverlay,
      closeOverlay,
      refresh,
      onRefresh,
      reportHealth,
      notify,
      quit,
    }),
    [
      services,
      state.data,
      state.health,
      state.view,
      setView,
      setSelection,
      openOverlay,
      closeOverlay,
      refresh,
      onRefresh,
      reportHealth,
      notify,
      quit,
    ],
  );

  // The dispatcher reads these when a key arrives.
  dispatcher.api = api;
  dispatcher.ctx = { view: state.view, layers, readOnly: services.readOnly, selection: selection.current };

  const counts = countData(state.data);
  const rows = frameRows(size);
  const width = size.columns;
  let body: ReactElement;
  if (size.columns < MIN_COLUMNS || size.rows < MIN_ROWS) {
    body = (
      <Box flexDirection="column" height={Math.min(2, rows)}>
        <Text wrap="truncate">
          terminal too small: {size.columns}x{size.rows} (need {MIN_COLUMNS}x{MIN_ROWS})
        </Text>
        {rows > 1 ? <Text wrap="truncate">enlarge the window, or q to quit</Text> : null}
      </Box>
    );
  } else {
    const height = rows - CHROME_ROWS;
    const top = state.overlays[state.overlays.length - 1];
    const overlayDef = top ? registry.overlay(top.id) : undefined;
    const view = registry.view(state.view);
    const View = view?.component;
    body = (
      <Chrome
        services={services}
        tickMs={tickMs}
        dataNow={state.now}
        data={state.data}
        health={state.health}
        counts={counts}
        notice={state.notice}
        views={views}
        view={state.view}
        overlayTitle={overlayDef?.title}
        width={width}
        rows={rows}
        height={height}
      >
        {overlayDef && top ? (
          <OverlayHost
            key={top.id}
            def={overlayDef}
            width={width}
            height={height}
            props={top.props}
            close={() => closeOverlay(top.id)}
          />
        ) : View ? (
          <View width={width} height={height} />
        ) : (
          <Text>no view {state.view}</Text>
        )}
      </Chrome>
    );
  }
  return (
    <OncallContext.Provider value={api}>
      {/* Expires until-resolved silences once their alerts resolve, for as long as the TUI runs. */}
      {services.readOnly ? null : <SilenceBackground />}
      <AlertsSortAhead />
      {body}
    </OncallContext.Provider>
  );
}

interface ChromeProps {
  services: AppServices;
  tickMs: number;
  /** The reducer's clock: moves when data arrives. */
  dataNow: number;
  data?: AlertData;
  health: BackendHealth[];
  counts: Counts | undefined;
  notice?: AppState['notice'];
  views: ReturnType<typeof registry.list>;
  view: string;
  overlayTitle?: string;
  width: number;
  rows: number;
  height: number;
  children: ReactNode;
}

/**
 * Header, tabs and footer around the body, and the clock that ages them. The 1 s tick re-renders this component
 * and the clock's readers (rows on screen) only: the body arrives as an element made by the Shell, which React
 * skips when it is unchanged, so the list views are not rebuilt every second.
 */
const Chrome = memo(function Chrome({
  services,
  tickMs,
  dataNow,
  data,
  health,
  counts,
  notice,
  views,
  view,
  overlayTitle,
  width,
  rows,
  height,
  children,
}: ChromeProps) {
  const [tickNow, setTickNow] = useState(() => services.now());
  useEffect(() => {
    const t = setInterval(() => setTickNow(services.now()), tickMs);
    return () => clearInterval(t);
  }, [services, tickMs]);
  // The latest of the clock and the data, so "ok 0s" shows as soon as data arrives.
  const now = Math.max(tickNow, dataNow);
  // Recomputed on data and on the clock tick, since "ends within 10 minutes" changes with time alone.
  const expiring = useMemo(
    () => (data ? expiringSoonNotice(data.silences, data.alerts, services.context.settings.author, now) : undefined),
    [data, now, services],
  );
  return (
    <Box flexDirection="column" height={rows} width={width}>
      <Header
        context={services.context.name}
        readOnly={services.readOnly}
        health={health}
        counts={counts}
        refreshMs={services.refreshIntervalMs}
        now={now}
        expiring={expiring}
        width={width}
      />
      <TabBar views={views} current={view} overlay={overlayTitle} width={width} />
      <Box height={height} flexDirection="column" overflowY="hidden">
        <ClockContext.Provider value={now}>{children}</ClockContext.Provider>
      </Box>
      <Footer notice={notice} width={width} now={now} view={view} readOnly={services.readOnly} />
    </Box>
  );
});
