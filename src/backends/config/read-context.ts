// The context every command runs in, read without loading what it does not need: the YAML parser and the schema
// load only when a config file (or an amtool config) exists. Commands start their requests sooner for it, which
// matters most during an alert storm, when Alertmanager takes about a second to render its alert list.
import fs from 'node:fs';
import { defaultConfigPath } from './config-error.js';
import { missingConfig } from './defaults.js';
import {
  amtoolConfigFrom,
  readAmtoolConfigTexts,
  resolveLoaded,
  type AmtoolConfig,
  type GlobalOptions,
  type ResolvedContext,
} from './context-resolution.js';
import type { LoadedConfig } from './load.js';

export async function readContext(
  opts: GlobalOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<ResolvedContext> {
  const file = opts.config ?? defaultConfigPath(env);
  // A missing file reads as the schema's defaults; any other answer (even one that vanishes meanwhile) goes
  // through the parser, which reports it.
  const loaded: LoadedConfig = fs.existsSync(file) ? (await import('./load.js')).loadConfig(file) : missingConfig(file);
  const amtoolFiles = readAmtoolConfigTexts(env);
  const parseYaml = amtoolFiles.length ? (await import('yaml')).parse : undefined;
  let amtool: AmtoolConfig | undefined;
  return resolveLoaded(opts, env, loaded, () => (amtool ??= parseYaml ? amtoolConfigFrom(amtoolFiles, parseYaml) : {}));
}
