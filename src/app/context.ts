// The context of a use case with both its clients, made on first use: what every command and the TUI start from.
import { PrometheusClient } from '../backends/prometheus.js';
import { openAlertmanagerContext, type AlertmanagerContext, type ContextRequest } from './alertmanager-context.js';

export type { ContextRequest } from './alertmanager-context.js';

export interface AppContext extends AlertmanagerContext {
  prometheus(): PrometheusClient;
}

export async function openContext(req: ContextRequest, env: NodeJS.ProcessEnv = process.env): Promise<AppContext> {
  const base = await openAlertmanagerContext(req, env);
  let prom: PrometheusClient | undefined;
  return {
    ...base,
    prometheus: () => (prom ??= new PrometheusClient(base.ctx.prometheus, { timeoutMs: base.timeoutMs })),
  };
}
