// The context of commands that read only Alertmanager (`alerts`, `incidents`). During a storm Alertmanager takes
// about a second to render its alert list, so the request should leave as soon as the process starts: the YAML
// parser and the schema are loaded only when there is a config file to read, and nothing else comes first.
import fs from 'node:fs';
import { defaultConfigPath } from '../backends/config/config-error.js';
import { emptyConfig } from '../backends/config/defaults.js';
import { amtoolConfigFrom, readAmtoolConfigTexts, resolveLoaded, type AmtoolConfig, type ResolvedContext } from '../backends/config/context-resolution.js';
import type { LoadedConfig } from '../backends/config/load.js';
import { AlertmanagerSet } from '../backends/alertmanager.js';
import { DurationError, parseDuration } from '../domain/duration.js';
import { UsageError } from './errors.js';
import type { CliGlobals } from './globals.js';

export interface AlertmanagerContext {
  ctx: ResolvedContext;
  alertmanagers(): AlertmanagerSet;
  timeoutMs?: number;
}

export async function openAlertmanagerContext(globals: CliGlobals, env: NodeJS.ProcessEnv = process.env): Promise<AlertmanagerContext> {
  const file = globals.config ?? defaultConfigPath(env);
  // A missing file reads as the schema's defaults; any other answer (even one that vanishes meanwhile) goes
  // through the parser, which reports it.
  const loaded: LoadedConfig = fs.existsSync(file) ? (await import('../backends/config/load.js')).loadConfig(file) : { path: file, exists: false, config: emptyConfig(), warnings: [] };
  const amtoolFiles = readAmtoolConfigTexts(env);
  const parseYaml = amtoolFiles.length ? (await import('yaml')).parse : undefined;
  let amtool: AmtoolConfig | undefined;
  return alertmanagerContextOf(resolveLoaded(globals, env, loaded, () => (amtool ??= parseYaml ? amtoolConfigFrom(amtoolFiles, parseYaml) : {})), globals);
}

/**
 * A resolved context made ready for a command (also by openContext in context.ts): its warnings on stderr,
 * `--timeout` read, the Alertmanager clients made on first use.
 */
export function alertmanagerContextOf(ctx: ResolvedContext, globals: CliGlobals): AlertmanagerContext {
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
    if (e instanceof DurationError) throw new UsageError(`--timeout: ${e.message}`);
    throw e;
  }
  if (ms <= 0) throw new UsageError(`--timeout must be greater than 0, e.g. 5s`);
  return ms;
}
