// The context of commands that read only Alertmanager (`alerts`, `incidents`): nothing but the context and the
// Alertmanager client comes before their request (openContext in context.ts adds Prometheus for the others).
import { readContext } from '../backends/config/read-context.js';
import type { ResolvedContext } from '../backends/config/context-resolution.js';
import { AlertmanagerSet } from '../backends/alertmanager.js';
import { DurationError, parseDuration } from '../domain/duration.js';
import type { CliGlobals } from './globals.js';
import { OncallError } from '../domain/errors.js';

export interface AlertmanagerContext {
  ctx: ResolvedContext;
  alertmanagers(): AlertmanagerSet;
  timeoutMs?: number;
}

/** The resolved context made ready for a command: its warnings on stderr, `--timeout` read, the clients made on first use. */
export async function openAlertmanagerContext(globals: CliGlobals, env: NodeJS.ProcessEnv = process.env): Promise<AlertmanagerContext> {
  const ctx = await readContext(globals, env);
  for (const w of ctx.warnings) process.stderr.write(`oncall: warning: ${w}\n`);
  const timeoutMs = globals.timeout !== undefined ? timeoutOf(globals.timeout) : undefined;
  let ams: AlertmanagerSet | undefined;
  return { ctx, timeoutMs, alertmanagers: () => (ams ??= new AlertmanagerSet(ctx.alertmanagers, { timeoutMs })) };
}

/** `--timeout` in milliseconds; a usage error when it is not a positive duration. */
function timeoutOf(text: string): number {
  let ms: number;
  try {
    ms = parseDuration(text);
  } catch (e) {
    if (e instanceof DurationError) throw new OncallError('usage', `--timeout: ${e.message}`);
    throw e;
  }
  if (ms <= 0) throw new OncallError('usage', `--timeout must be greater than 0, e.g. 5s`);
  return ms;
}
