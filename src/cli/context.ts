// What every subcommand needs: the resolved context and clients for its backends.
import { resolveContext } from '../backends/config/resolve.js';
import { PrometheusClient } from '../backends/prometheus.js';
import { alertmanagerContextOf, type AlertmanagerContext } from './alertmanager-context.js';
import type { CliGlobals } from './globals.js';

export { globalsOf, type CliGlobals } from './globals.js';

export interface CliContext extends AlertmanagerContext {
  prometheus(): PrometheusClient;
}

export function openContext(globals: CliGlobals): CliContext {
  const base = alertmanagerContextOf(resolveContext(globals), globals);
  let prom: PrometheusClient | undefined;
  return { ...base, prometheus: () => (prom ??= new PrometheusClient(base.ctx.prometheus, { timeoutMs: base.timeoutMs })) };
}
