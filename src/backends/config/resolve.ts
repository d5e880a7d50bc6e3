// The context as the config file on disk (parsed and checked against the schema) and amtool's config give it;
// the resolution itself is in context-resolution.ts.
import YAML from 'yaml';
import { defaultConfigPath, loadConfig } from './load.js';
import { amtoolConfigFrom, readAmtoolConfigTexts, resolveLoaded, type AmtoolConfig, type GlobalOptions, type ResolvedContext } from './context-resolution.js';

export * from './context-resolution.js';

/** amtool's own config, read for `alertmanager.url` and `author` when nothing else names them. */
export function readAmtoolConfig(env: NodeJS.ProcessEnv = process.env): AmtoolConfig {
  return amtoolConfigFrom(readAmtoolConfigTexts(env), (t) => YAML.parse(t));
}

export function resolveContext(opts: GlobalOptions = {}, env: NodeJS.ProcessEnv = process.env): ResolvedContext {
  let amtool: AmtoolConfig | undefined;
  return resolveLoaded(opts, env, loadConfig(opts.config ?? defaultConfigPath(env)), () => (amtool ??= readAmtoolConfig(env)));
}
