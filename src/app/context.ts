// The context of a use case with both its clients, made on first use: what every command and the TUI start from.
import { PrometheusClient } from '../backends/prometheus.js';
import { withAlertmanagers, type AlertmanagerContext } from './alertmanager-context.js';
import { readContextSettings, type ContextRequest, type ContextSettings } from './context-settings.js';

export type { ContextRequest } from './context-settings.js';

export interface AppContext extends AlertmanagerContext {
  prometheus(): PrometheusClient;
}

export async function openContext(req: ContextRequest, env: NodeJS.ProcessEnv = process.env): Promise<AppContext> {
  return withClients(await readContextSettings(req, env));
}

/** Both clients of context settings already read (the TUI reads them before its first frame), made on first use. */
export function withClients(settings: ContextSettings): AppContext {
  const base = withAlertmanagers(settings);
  let prom: PrometheusClient | undefined;
  return {
    ...base,
    prometheus: () => (prom ??= new PrometheusClient(base.ctx.prometheus, { timeoutMs: base.timeoutMs })),
  };
}
