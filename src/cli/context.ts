// What every subcommand needs: the resolved context and clients for its backends.
import { resolveContext, type ResolvedContext } from '../backends/config/resolve.js';
import { PrometheusClient } from '../backends/prometheus.js';
import { AlertmanagerSet } from '../backends/alertmanager.js';
import { timeoutOf } from './alertmanager-context.js';
import type { CliGlobals } from './globals.js';

export { globalsOf, type CliGlobals } from './globals.js';

export interface CliContext {
  ctx: ResolvedContext;
  prometheus(): PrometheusClient;
  alertmanagers(): AlertmanagerSet;
  timeoutMs?: number;
}

export function openContext(globals: CliGlobals): CliContext {
  const ctx = resolveContext(globals);
  for (const w of ctx.warnings) process.stderr.write(`oncall: warning: ${w}\n`);
  const timeoutMs = globals.timeout !== undefined ? timeoutOf(globals.timeout) : undefined;
  let prom: PrometheusClient | undefined;
  let ams: AlertmanagerSet | undefined;
  return {
    ctx,
    timeoutMs,
    prometheus: () => (prom ??= new PrometheusClient(ctx.prometheus, { timeoutMs })),
    alertmanagers: () => (ams ??= new AlertmanagerSet(ctx.alertmanagers, { timeoutMs })),
  };
}
