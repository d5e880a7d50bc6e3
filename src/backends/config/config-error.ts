// The configuration's error type and default path, apart from the parser: commands that find no config file
// never load YAML or the schema.
import path from 'node:path';
import envPaths from 'env-paths';
import { OncallError } from '../../domain/errors.js';

export class ConfigError extends OncallError {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly key?: string,
    /** The mistake is on the command line (a flag), not in a file: exit code 2. */
    readonly usage = false,
  ) {
    super(usage ? 'usage' : 'config', message);
    this.name = 'ConfigError';
  }
}

export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ONCALL_CONFIG) return env.ONCALL_CONFIG;
  const dir = env.XDG_CONFIG_HOME
    ? path.join(env.XDG_CONFIG_HOME, 'oncall')
    : envPaths('oncall', { suffix: '' }).config;
  return path.join(dir, 'config.yaml');
}
