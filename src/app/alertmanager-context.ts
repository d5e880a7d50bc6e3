// Reading the context a use case runs in, for the CLI and the TUI alike. This part makes only the Alertmanager
// client, so `alerts` and `incidents` send their request before anything else loads (context.ts adds Prometheus).
import type { ResolvedContext } from '../backends/config/context-resolution.js';
import { AlertmanagerSet } from '../backends/alertmanager.js';
import { readContextSettings, type ContextRequest, type ContextSettings } from './context-settings.js';

export type { ContextRequest } from './context-settings.js';

export interface AlertmanagerContext {
  ctx: ResolvedContext;
  alertmanagers(): AlertmanagerSet;
  timeoutMs?: number;
}

/** The resolved context made ready for a use case: its warnings said, `--timeout` read, clients made on first use. */
export async function openAlertmanagerContext(
  req: ContextRequest,
  env: NodeJS.ProcessEnv = process.env,
  warn?: (line: string) => void,
): Promise<AlertmanagerContext> {
  return withAlertmanagers(await readContextSettings(req, env, warn));
}

/** The Alertmanager clients of context settings already read, made on first use. */
export function withAlertmanagers({ ctx, timeoutMs }: ContextSettings): AlertmanagerContext {
  let ams: AlertmanagerSet | undefined;
  return { ctx, timeoutMs, alertmanagers: () => (ams ??= new AlertmanagerSet(ctx.alertmanagers, { timeoutMs })) };
}
