// Opt-in measurements for `npm run bench`: with ONCALL_BENCH_RENDER_LOG=<file>, the TUI appends one JSON line per
// key read, frame written (with Ink's render time), refresh asked for, data arrived, and event-loop stall over
// 5 ms. Timestamps are epoch milliseconds, so the benchmark can line them up with what it did. Off by default:
// nothing here runs unless the variable is set.
import fs from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import type { AlertSource } from './data/source.js';

export interface BenchLog {
  onRender(m: { renderTime: number }): void;
  /**
   * A moment of the start worth a line: `frame` (the first frame, drawn before Ink), `ink` (Ink loaded), … With the
   * process's CPU time so far (`cpuMs`, user + system), which a busy machine disturbs less than the clock.
   */
  mark(ev: string, fields?: Record<string, unknown>): void;
  /** The same source, with refreshes and arrivals logged. */
  wrap(source: AlertSource): AlertSource;
  stop(): void;
}

const STALL_TICK_MS = 5;

let eventFd: number | undefined;

/**
 * One event in the benchmark's log from anywhere in the process, the data worker included (its thread shares the
 * environment): where the time of a cold start goes. Does nothing unless ONCALL_BENCH_RENDER_LOG is set.
 */
export function benchEvent(ev: string, fields: Record<string, unknown> = {}): void {
  const file = process.env.ONCALL_BENCH_RENDER_LOG;
  if (!file) return;
  try {
    eventFd ??= fs.openSync(file, 'a');
    fs.writeSync(eventFd, JSON.stringify({ t: performance.timeOrigin + performance.now(), ev, ...fields }) + '\n');
  } catch {
    /* measuring must never break the UI */
  }
}

export function benchLogFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  stdin: NodeJS.ReadStream = process.stdin,
): BenchLog | undefined {
  const file = env.ONCALL_BENCH_RENDER_LOG;
  if (!file) return undefined;
  const fd = fs.openSync(file, 'a');
  const now = () => performance.timeOrigin + performance.now();
  const log = (ev: string, fields: Record<string, unknown> = {}) => {
    try {
      fs.writeSync(fd, JSON.stringify({ t: now(), ev, ...fields }) + '\n');
    } catch {
      /* measuring must never break the UI */
    }
  };

  // When the process started: first frame and first complete picture are measured from it.
  const cpuMs = () => {
    const cpu = process.cpuUsage();
    return Math.round((cpu.user + cpu.system) / 100) / 10;
  };
  log('start', { origin: performance.timeOrigin, cpuMs: cpuMs() });

  // Key presses: when Ink reads them from stdin (wrapping read() leaves Ink's own reading untouched).
  const read = stdin.read.bind(stdin);
  stdin.read = ((size?: number) => {
    const chunk = read(size) as unknown;
    if (chunk !== null && chunk !== undefined) log('key', { bytes: String(chunk).length });
    return chunk;
  }) as typeof stdin.read;

  // Stalls: a timer that should fire every 5 ms; any lateness is time the event loop was busy.
  let expected = now() + STALL_TICK_MS;
  const ticker = setInterval(() => {
    const t = now();
    const late = t - expected;
    if (late > STALL_TICK_MS) log('stall', { ms: Math.round(late * 10) / 10 });
    expected = t + STALL_TICK_MS;
  }, STALL_TICK_MS);
  ticker.unref();
  // Collections on the UI thread, so that a stall can be told apart from work of our own.
  const gcs = new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (e.duration > 2)
        log('gc', {
          ms: Math.round(e.duration * 10) / 10,
          kind: (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind,
        });
  });
  gcs.observe({ entryTypes: ['gc'] });

  return {
    onRender: (m) => log('render', { renderTime: m.renderTime }),
    mark: (ev, fields = {}) => log(ev, { ...fields, cpuMs: cpuMs() }),
    wrap: (source) => ({
      start: (onUpdate) => {
        log('refresh', { why: 'start' });
        source.start((u) => {
          // A storm's first picture (the top of its list) says how many alerts its header counts.
          log('update', {
            alerts: u.data?.alerts.length ?? null,
            ...(u.data?.arriving ? { arriving: u.data.arriving.alerts } : {}),
          });
          onUpdate(u);
        });
      },
      refresh: () => {
        log('refresh', { why: 'key' });
        source.refresh();
      },
      stop: () => source.stop(),
    }),
    stop: () => {
      clearInterval(ticker);
      gcs.disconnect();
      try {
        fs.closeSync(fd);
      } catch {
        /* already closed */
      }
    },
  };
}
