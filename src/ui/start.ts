// `oncall` with no subcommand: resolve the context, draw the first frame, start loading the alerts, enter the
// alternate screen and run the TUI until q / Ctrl-C; the terminal is restored on every way out (see terminal.ts).
// Only what the first frame needs is imported up front: the data layer, the status publisher and Ink load after it
// is on screen (they are most of the code).
import { readContextSettings, type ContextRequest } from '../app/context-settings.js';
import { parseDuration } from '../domain/duration.js';
import type { AppServices } from './app-context.js';
import type { BenchLog } from './bench-log.js';
import type { GroupingSettings } from '../domain/incidents/options.js';
import type { AlertSource } from './data/source.js';
import type { LoadConfig, ToWorker } from './data/protocol.js';
import { themeFor, wantsNoColor } from './palette.js';
import { enterAlternateScreen } from './terminal.js';
import { setStateWarningSink } from '../domain/state-warning-sink.js';
import { spawnEarly, type EarlyWorker } from './data/spawn.js';
import { firstFrame } from './first-frame.js';
import { alertmanagerNames, initialHealth } from './data/health.js';
import { backendName } from '../backends/config/context-resolution.js';

/** Refreshing faster than this only loads the Alertmanager. */
const MIN_REFRESH_MS = 1000;

export interface StartOptions {
  onRender?: (m: { renderTime: number }) => void;
  /** Use the in-process loader instead of the worker thread (for comparison in the benchmark). */
  inProcess?: boolean;
}

/**
 * Whether the context has causal settings that only the grouping can find wrong: rules and layer patterns (their
 * matchers and RE2 expressions). The config schema has already checked the rest, the tolerance included.
 */
const hasCausalSettings = (s: GroupingSettings) =>
  Boolean(s.causal_rules?.length) || Object.keys(s.layers ?? {}).length > 0;

export async function startApp(
  g: ContextRequest & { color?: boolean },
  opts: StartOptions = {},
  /** A data worker the entry point started (src/main.ts); else one starts here. */
  started?: EarlyWorker,
): Promise<void> {
  // The data worker's thread starts first: it is ready by the time the context is read and the first frame drawn.
  const early = opts.inProcess ? undefined : (started ?? spawnEarly());
  try {
    await runApp(g, opts, early);
  } finally {
    void (early ?? started)?.worker.terminate(); // does nothing once the source has stopped it
  }
}

async function runApp(
  g: ContextRequest & { color?: boolean },
  opts: StartOptions,
  early: EarlyWorker | undefined,
): Promise<void> {
  // The benchmark's log (src/ui/bench-log.ts) loads only when it is asked for.
  const bench: BenchLog | undefined = process.env.ONCALL_BENCH_RENDER_LOG
    ? (await import('./bench-log.js')).benchLogFromEnv()
    : undefined;
  // The alert list requests leave from this thread (ahead.ts) right after the first frame; their HTTP client loads
  // while the context is read.
  const ahead = early ? import('./data/ahead.js').catch(() => undefined) : undefined;
  // The other clients are made after the first frame: reading the context is all it needs.
  const read = await readContextSettings(g);
  const { ctx } = read;
  const settings = ctx.settings;
  // A mistake in the causal settings is reported before the screen switches, with its file and key. Without such
  // settings there is nothing to check, and the grouping (with its RE2 and YAML libraries) loads after the first frame.
  if (hasCausalSettings(settings)) {
    const { contextGroupingOptions } = await import('../app/incidents.js');
    contextGroupingOptions(settings, [], `${ctx.configPath}: contexts.${ctx.name}`);
  }
  bench?.mark('app', { what: 'context' });
  const refreshIntervalMs = Math.max(MIN_REFRESH_MS, parseDuration(settings.refresh_interval));
  const loadCfg: LoadConfig = {
    alertmanagers: ctx.alertmanagers,
    prometheus: ctx.prometheus,
    timeoutMs: read.timeoutMs,
    settings,
    context: ctx.name,
  };
  const hosts = ctx.alertmanagers.map(backendName);
  const backends = [...alertmanagerNames(hosts), 'prom'];
  const theme = themeFor(wantsNoColor(process.env, g.color));

  // The UI needs a real terminal (checked by the caller); Ink's CI mode would draw nothing until exit.
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  let unmount: (() => void) | undefined;
  let source: AlertSource | undefined;
  // From here stderr would tear the frame: a damaged state file's warning (the data worker reads incident memory on
  // its first load, which can finish before the app is up) waits for the app, which shows it as a notice.
  setStateWarningSink(undefined);
  const guard = enterAlternateScreen(process.stdout, process.stdin, { onSignal: () => unmount?.() });
  // Something on screen at once; the data layer, Ink, React and the views load after it, as the backends are asked.
  process.stdout.write(
    firstFrame({
      context: ctx.name,
      readOnly: settings.read_only,
      backends,
      sources: [...hosts.map((h) => `alertmanager ${h}`), `prometheus ${backendName(ctx.prometheus)}`],
      width: process.stdout.columns ?? 80,
      height: process.stdout.rows ?? 24,
      color: theme.name === 'color',
    }),
  );
  bench?.mark('frame', { what: 'first' });
  // The alert list requests leave now, from this thread, and the worker gets the context with its first refresh,
  // which reads their answers. They are abandoned when the TUI closes: an Alertmanager that has not answered must not
  // hold the process open.
  const sentAhead = new AbortController();
  try {
    if (early && !early.failed) {
      const worker = early.worker;
      const handed = (await ahead)?.sendAlertListsAhead(
        loadCfg,
        (part, transfer) => worker.postMessage({ type: 'handover', part } satisfies ToWorker, transfer),
        sentAhead.signal,
      );
      early.begin(loadCfg, handed);
    }
    const [
      { InProcessSource, startEarly, WorkerSource, workerPath },
      { publishing },
      { notifySettings, StatusPublisher },
    ] = await Promise.all([
      import('./data/source.js'),
      import('./data/publish.js'),
      import('../backends/status-publisher.js'),
    ]);
    const wp = workerPath();
    const worker = wp && !opts.inProcess ? new WorkerSource(loadCfg, refreshIntervalMs, wp, early) : undefined;
    let s: AlertSource = worker ?? new InProcessSource(loadCfg, refreshIntervalMs);
    if (bench) s = bench.wrap(s);
    s = publishing(
      s,
      new StatusPublisher({
        context: ctx.name,
        writer: 'tui',
        notify: notifySettings(settings.notify),
        writeTerminal: (t) => process.stdout.write(t),
      }),
    );
    source = startEarly(
      s,
      backends.map((n) => initialHealth(n, Date.now())),
    );
    const app = (await import('../app/context.js')).withClients(read);
    const services: AppServices = {
      context: ctx,
      readOnly: settings.read_only,
      refreshIntervalMs,
      prometheus: app.prometheus,
      alertmanagers: app.alertmanagers,
      now: Date.now,
    };
    const { launch } = await import('./launch.js');
    bench?.mark('ink', { what: 'loaded' });
    const onRender = opts.onRender ?? bench?.onRender;
    const ink = launch({
      services,
      source,
      theme,
      bell: settings.bell,
      onRender,
    });
    unmount = () => ink.unmount();
    await ink.waitUntilExit();
  } finally {
    sentAhead.abort();
    source?.stop();
    bench?.stop();
    guard.restore();
  }
}
