// What every subcommand needs: the resolved context and clients for its backends.
import type { Command } from 'commander';
import { resolveContext, type GlobalOptions, type ResolvedContext } from '../backends/config/resolve.js';
import { PrometheusClient } from '../backends/prometheus.js';
import { AlertmanagerSet } from '../backends/alertmanager.js';
import { parseDuration } from '../domain/duration.js';

export interface CliGlobals extends GlobalOptions {
  timeout?: string;
  color?: boolean;
}

export interface CliContext {
  ctx: ResolvedContext;
  prometheus(): PrometheusClient;
  alertmanagers(): AlertmanagerSet;
  timeoutMs?: number;
}

/** Global options, wherever on the command line they were given. */
export function globalsOf(cmd: Command): CliGlobals {
  return cmd.optsWithGlobals() as CliGlobals;
}

export function openContext(globals: CliGlobals): CliContext {
  const ctx = resolveContext(globals);
  for (const w of ctx.warnings) process.stderr.write(`oncall: warning: ${w}\n`);
  const timeoutMs = globals.timeout ? parseDuration(globals.timeout) : undefined;
  let prom: PrometheusClient | undefined;
  let ams: AlertmanagerSet | undefined;
  return {
    ctx,
    timeoutMs,
    prometheus: () => (prom ??= new PrometheusClient(ctx.prometheus, { timeoutMs })),
    alertmanagers: () => (ams ??= new AlertmanagerSet(ctx.alertmanagers, { timeoutMs })),
  };
}
