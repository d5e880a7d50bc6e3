// Reading the context a use case runs in, for the CLI and the TUI alike. This part makes only the Alertmanager
// client, so `alerts` and `incidents` send their request before anything else loads (context.ts adds Prometheus).
import { readContext } from '../backends/config/read-context.js';
import type { GlobalOptions, ResolvedContext } from '../backends/config/context-resolution.js';
import { AlertmanagerSet } from '../backends/alertmanager.js';
import { durationFlag } from '../domain/duration.js';

/** What picks the context: --context, --config, URLs given by flag, and --timeout. */
export interface ContextRequest extends GlobalOptions {
  timeout?: string;
}

export interface AlertmanagerContext {
  ctx: ResolvedContext;
  alertmanagers(): AlertmanagerSet;
  timeoutMs?: number;
}

const stderrWarning = (w: string) => void process.stderr.write(`oncall: warning: ${w}\n`);

/** The resolved context made ready for a use case: its warnings said, `--timeout` read, clients made on first use. */
export async function openAlertmanagerContext(
  req: ContextRequest,
  env: NodeJS.ProcessEnv = process.env,
  warn: (line: string) => void = stderrWarning,
): Promise<AlertmanagerContext> {
  const ctx = await readContext(req, env);
  for (const w of ctx.warnings) warn(w);
  const timeoutMs = req.timeout !== undefined ? durationFlag('--timeout', req.timeout, '5s') : undefined;
  let ams: AlertmanagerSet | undefined;
  return { ctx, timeoutMs, alertmanagers: () => (ams ??= new AlertmanagerSet(ctx.alertmanagers, { timeoutMs })) };
}
