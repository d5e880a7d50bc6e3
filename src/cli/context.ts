// What every subcommand needs: the resolved context and clients for its backends, made on first use.
import { PrometheusClient } from '../backends/prometheus.js';
import { openAlertmanagerContext, type AlertmanagerContext } from './alertmanager-context.js';
import type { CliGlobals } from './globals.js';

export { globalsOf, type CliGlobals } from './globals.js';

export interface CliContext extends AlertmanagerContext {
  prometheus(): PrometheusClient;
}

export async function openContext(globals: CliGlobals, env: NodeJS.ProcessEnv = process.env): Promise<CliContext> {
  const base = await openAlertmanagerContext(globals, env);
  let prom: PrometheusClient | undefined;
  return { ...base, prometheus: () => (prom ??= new PrometheusClient(base.ctx.prometheus, { timeoutMs: base.timeoutMs })) };
}
