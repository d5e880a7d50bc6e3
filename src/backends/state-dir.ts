// oncall's state folder: the config folder ($XDG_CONFIG_HOME/oncall), where the until-resolved marks, runbook
// progress, the cluster layout, the status line's state file and the notified incidents are kept.
import path from 'node:path';
import envPaths from 'env-paths';

export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.XDG_CONFIG_HOME ? path.join(env.XDG_CONFIG_HOME, 'oncall') : envPaths('oncall', { suffix: '' }).config;
}
