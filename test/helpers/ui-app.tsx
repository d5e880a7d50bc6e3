// Mounts the whole TUI (App) in ink-testing-library with a chosen terminal size, a data source the test pushes
// updates into, and helpers to press keys and wait for text. Alerts are grouped by the real grouping engine.
import { useEffect, type ReactNode } from 'react';
import { render } from 'ink-testing-library';
import { App } from '../../src/ui/app.js';
import type { AppServices, AlertData } from '../../src/ui/app-context.js';
import type { AlertSource, SourceUpdate } from '../../src/ui/data/source.js';
import { toAlertData } from '../../src/ui/data/source.js';
import { sortIncidents } from '../../src/ui/data/sort.js';
import type { BackendHealth } from '../../src/ui/data/health.js';
import { noColorTheme, type Theme } from '../../src/ui/theme.js';
import { contextSchema } from '../../src/backends/config/schema.js';
import type { ResolvedContext } from '../../src/backends/config/context-resolution.js';
import { groupIncidents } from '../../src/domain/incidents/group.js';
import { groupingOptions } from '../../src/domain/incidents/options.js';
import { syntheticFingerprint } from '../../bench/lib/synthetic.mjs';
import type { Alert } from '../../src/domain/types.js';

export const NOW = Date.parse('2025-06-01T12:00:00Z');
const MIN = 60_000;

export const KEYS = {
  enter: '\r',
  esc: '\u001b',
  tab: '\t',
  shiftTab: '\u001b[Z',
  up: '\u001b[A',
  down: '\u001b[B',
  pageUp: '\u001b[5~',
  pageDown: '\u001b[6~',
  home: '\u001b[H',
  end: '\u001b[F',
  backspace: '\u007f',
  ctrlC: '\u0003',
} as const;

/** An alert as the Alertmanager returns it, started `minutesAgo` before NOW. */
export function mkAlert(
  alertname: string,
  minutesAgo: number,
  labels: Record<string, string> = {},
  extra: Partial<Alert> = {},
): Alert {
  const l = { alertname, cluster: 'prod', instance: 'gpu-1', severity: 'warning', ...labels };
  return {
    fingerprint: syntheticFingerprint(l),
    labels: l,
    annotations: {},
    startsAt: new Date(NOW - minutesAgo * MIN).toISOString(),
    endsAt: '',
    updatedAt: '',
    generatorURL: '',
    receivers: ['sink'],
    state: 'active',
    silencedBy: [],
    inhibitedBy: [],
    ...extra,
  };
}

export function dataOf(alerts: Alert[], generatedAt = NOW): AlertData {
  return toAlertData(sortIncidents(groupIncidents(alerts, groupingOptions({}))), [], generatedAt);
}

export const okHealth = (name = 'am', at = NOW): BackendHealth => ({ name, state: 'ok', since: at, lastOkAt: at });

/** A source whose updates the test pushes; counts refresh requests (the `r` key). */
export class PushSource implements AlertSource {
  refreshes = 0;
  stopped = false;
  private onUpdate: ((u: SourceUpdate) => void) | undefined;
  constructor(private readonly first?: SourceUpdate) {}
  start(fn: (u: SourceUpdate) => void): void {
    this.onUpdate = fn;
    if (this.first) fn(this.first);
  }
  refresh(): void {
    this.refreshes++;
  }
  stop(): void {
    this.stopped = true;
  }
  push(u: SourceUpdate): void {
    this.onUpdate?.(u);
  }
}

export function testServices(over: Partial<AppServices> = {}, now = () => NOW): AppServices {
  const context: ResolvedContext = {
    name: 'test-ctx',
    configPath: '/nonexistent/config.yaml',
    configExists: false,
    prometheus: { url: 'http://127.0.0.1:1' },
    alertmanagers: [{ url: 'http://127.0.0.1:1' }],
    settings: contextSchema.parse({}),
    warnings: [],
    sources: { context: 'default', prometheus: 'default', alertmanagers: 'default' },
  } as ResolvedContext;
  return {
    context,
    readOnly: false,
    refreshIntervalMs: 15_000,
    prometheus: () => {
      throw new Error('not used');
    },
    alertmanagers: () => {
      throw new Error('not used');
    },
    now,
    ...over,
  };
}

/** Notices when Ink unmounts the tree (the app quit). */
function ExitProbe({ onExit, children }: { onExit: () => void; children: ReactNode }) {
  useEffect(() => onExit, [onExit]);
  return <>{children}</>;
}

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

export interface MountOptions {
  source?: AlertSource;
  alerts?: Alert[];
  columns?: number;
  rows?: number;
  theme?: Theme;
  services?: AppServices;
  bell?: boolean;
  onBell?: () => void;
}

export async function mountApp(o: MountOptions = {}) {
  const source = o.source ?? new PushSource(o.alerts ? { data: dataOf(o.alerts), health: [okHealth()] } : undefined);
  let exited = false;
  const onExit = () => {
    exited = true;
  };
  const r = render(
    <ExitProbe onExit={onExit}>
      <App
        services={o.services ?? testServices()}
        source={source}
        theme={o.theme ?? noColorTheme}
        bell={o.bell ?? true}
        onBell={o.onBell}
        tickMs={60_000}
      />
    </ExitProbe>,
  );
  const stdout = r.stdout as unknown as NodeJS.EventEmitter & { columns: number; rows: number };
  const resize = async (columns: number, rows: number) => {
    Object.defineProperty(stdout, 'columns', { value: columns, configurable: true });
    Object.defineProperty(stdout, 'rows', { value: rows, configurable: true });
    stdout.emit('resize');
    await tick(40);
  };
  await resize(o.columns ?? 120, o.rows ?? 40);
  const frame = () => r.lastFrame() ?? '';
  const app = {
    ...r,
    source,
    frame,
    resize,
    get exited() {
      return exited;
    },
    /** Writes keys one by one, letting React flush after each. */
    async press(...keys: string[]) {
      for (const k of keys) {
        r.stdin.write(k);
        // A lone Esc is held until Ink sees no more bytes follow it: give it time before the next key.
        await tick(k === KEYS.esc ? 80 : 20);
      }
      await tick(30);
    },
    async type(text: string) {
      for (const ch of text) r.stdin.write(ch);
      await tick(40);
    },
    async waitFor(pred: string | RegExp | ((f: string) => boolean), timeoutMs = 5000): Promise<string> {
      const test =
        typeof pred === 'function' ? pred : (f: string) => (typeof pred === 'string' ? f.includes(pred) : pred.test(f));
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const f = frame();
        if (test(f)) return f;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(pred)}; last frame:\n${f}`);
        await tick(25);
      }
    },
  };
  await tick(30); // let useInput subscribe before the first key
  return app;
}

/** The article's GPU chain plus unrelated alerts on the same host and a quality chain. */
export function gpuStorm(): Alert[] {
  return [
    mkAlert(
      'GPUMemoryOOM',
      12,
      { severity: 'critical' },
      {
        annotations: { summary: 'GPU memory critically low', runbook_url: 'https://runbooks.example.com/gpu-oom' },
        generatorURL: 'http://prom.example.com/graph?g0.expr=x',
      },
    ),
    mkAlert('HighPredictionLatencyP99', 10),
    mkAlert(
      'HighErrorRateFastBurn',
      9,
      { severity: 'critical' },
      { annotations: { summary: 'burning \u001b]0;pwned\u0007fast \u001b[31mred' } },
    ),
    mkAlert('DiskSpaceLow', 60, { severity: 'warning' }),
    mkAlert('InputFeatureDrift', 30, { model: 'ranker', instance: '' }),
    mkAlert('PredictionDistributionShift', 20, { model: 'ranker', instance: '' }),
  ];
}
