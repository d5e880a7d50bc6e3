// Polls a data source on the context's refresh interval (config `refresh_interval`, default 15s), and at once
// when the user presses `r`. Never throws into React: a failure keeps the last good data and marks the backend
// unreachable since T; the next success recovers by itself. With `backend`, its health shows in the header.
//
//   const slo = usePoll((signal) => evaluateSlos(prom, cfg, signal), { backend: 'prom', deps: [cfgKey] });
//   slo.data (last good value or undefined), slo.health (BackendHealth), slo.error, slo.refresh()
import { useCallback, useEffect, useRef, useState } from 'react';
import { useOncall } from '../app-context.js';
import { initialHealth, nextHealth, type BackendHealth } from '../data/health.js';
import { errorLine } from '../../domain/errors.js';

export interface PollOptions {
  /** Header name to report health under, e.g. 'prom'. Omit to keep health private to the caller. */
  backend?: string;
  /** Defaults to the context's refresh_interval. */
  intervalMs?: number;
  /** Polling pauses while false (e.g. the view is hidden). */
  enabled?: boolean;
  /** Restart polling (and drop old data) when these change. */
  deps?: readonly unknown[];
}

export interface PollResult<T> {
  data: T | undefined;
  /** When `data` arrived (ms since epoch). */
  dataAt: number | undefined;
  health: BackendHealth;
  error: string | undefined;
  refresh(): void;
}

export function usePoll<T>(fetcher: (signal: AbortSignal) => Promise<T>, opts: PollOptions = {}): PollResult<T> {
  const app = useOncall();
  const { services } = app;
  const interval = opts.intervalMs ?? services.refreshIntervalMs;
  const enabled = opts.enabled ?? true;
  const name = opts.backend ?? 'poll';
  const [state, setState] = useState<{ data?: T; dataAt?: number; health: BackendHealth }>(() => ({
    health: initialHealth(name, services.now()),
  }));
  const fetchRef = useRef(fetcher);
  fetchRef.current = fetcher;
  const kick = useRef<() => void>(() => {});
  const report = useRef(app.reportHealth);
  report.current = app.reportHealth;

  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let ctrl: AbortController | undefined;
    const run = async () => {
      clearTimeout(timer);
      ctrl?.abort();
      const mine = (ctrl = new AbortController());
      let outcome: { ok: true; value: T } | { ok: false; error: string };
      try {
        outcome = { ok: true, value: await fetchRef.current(mine.signal) };
      } catch (e) {
        outcome = { ok: false, error: errorLine(e) };
      }
      if (stopped || mine.signal.aborted) return;
      const now = services.now();
      setState((prev) => {
        const health = nextHealth(prev.health, outcome.ok ? { ok: true } : outcome, now);
        if (opts.backend) report.current(health);
        return outcome.ok ? { data: outcome.value, dataAt: now, health } : { ...prev, health };
      });
      timer = setTimeout(() => void run(), interval);
    };
    kick.current = () => void run();
    void run();
    const off = app.onRefresh(() => void run());
    return () => {
      stopped = true;
      clearTimeout(timer);
      ctrl?.abort();
      off();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the fetch function is a fresh arrow each render; callers name what it depends on in opts.deps
  }, [enabled, interval, name, app.onRefresh, ...(opts.deps ?? [])]);

  const refresh = useCallback(() => kick.current(), []);
  return {
    data: state.data,
    dataAt: state.dataAt,
    health: state.health,
    error: state.health.state === 'unreachable' ? state.health.error : undefined,
    refresh,
  };
}
