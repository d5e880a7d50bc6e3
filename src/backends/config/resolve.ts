// Picks the context to use: flags, then environment, then the config file, then amtool's config, then the
// defaults a port-forward gives (localhost:9090 and :9093).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { contextSchema, type BackendConfig, type ContextConfig } from './schema.js';
import { ConfigError, defaultConfigPath, loadConfig } from './load.js';

export interface GlobalOptions {
  config?: string;
  context?: string;
  prometheus?: string;
  alertmanager?: string[];
}

export interface ResolvedContext {
  name: string;
  configPath: string;
  prometheus: BackendConfig;
  alertmanagers: BackendConfig[];
  settings: ContextConfig;
  warnings: string[];
}

export const DEFAULT_PROMETHEUS = 'http://localhost:9090';
export const DEFAULT_ALERTMANAGER = 'http://localhost:9093';

function checkUrl(url: string, where: string): string {
  try {
    const u = new URL(url);
    if (u.protocol === 'http:' || u.protocol === 'https:') return url.replace(/\/+$/, '');
  } catch {
    /* reported below */
  }
  throw new ConfigError(`${where}: ${JSON.stringify(url)} is not an http:// or https:// URL`);
}

function splitList(v: string | undefined): string[] {
  return (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** amtool's own config, read for `alertmanager.url` and `author` when nothing else names them. */
export function readAmtoolConfig(env: NodeJS.ProcessEnv = process.env): { url?: string; author?: string } {
  const home = env.HOME ?? os.homedir();
  const candidates = [path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'amtool', 'config.yml'), '/etc/amtool/config.yml'];
  for (const file of candidates) {
    try {
      const doc = YAML.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown> | null;
      if (!doc || typeof doc !== 'object') continue;
      const url = doc['alertmanager.url'] ?? (doc.alertmanager as Record<string, unknown> | undefined)?.url;
      const author = doc.author;
      return { url: typeof url === 'string' ? url : undefined, author: typeof author === 'string' ? author : undefined };
    } catch {
      /* absent or unreadable: amtool's config is only a fallback */
    }
  }
  return {};
}

export function resolveContext(opts: GlobalOptions = {}, env: NodeJS.ProcessEnv = process.env): ResolvedContext {
  const configPath = opts.config ?? defaultConfigPath(env);
  const loaded = loadConfig(configPath);
  const { config } = loaded;
  const wanted = opts.context ?? env.ONCALL_CONTEXT ?? config.current_context;
  let name = 'default';
  let settings: ContextConfig;
  if (wanted) {
    const ctx = config.contexts[wanted];
    if (!ctx) {
      const known = Object.keys(config.contexts);
      throw new ConfigError(
        `context ${JSON.stringify(wanted)} is not in ${configPath}; ` +
          (known.length ? `known contexts: ${known.join(', ')}` : 'no contexts are defined (add one with: oncall context add NAME --prometheus URL --alertmanager URL)'),
        configPath,
      );
    }
    name = wanted;
    settings = ctx;
  } else {
    settings = contextSchema.parse({});
  }

  const promFlag = opts.prometheus ?? env.ONCALL_PROMETHEUS_URL;
  const prometheus: BackendConfig = promFlag
    ? { url: checkUrl(promFlag, opts.prometheus ? '--prometheus' : 'ONCALL_PROMETHEUS_URL') }
    : settings.prometheus
      ? { ...settings.prometheus, url: checkUrl(settings.prometheus.url, `${configPath}: contexts.${name}.prometheus.url`) }
      : { url: DEFAULT_PROMETHEUS };

  const amFlags = opts.alertmanager?.length ? opts.alertmanager.flatMap((a) => splitList(a)) : splitList(env.ONCALL_ALERTMANAGER_URL);
  let alertmanagers: BackendConfig[];
  if (amFlags.length) {
    alertmanagers = amFlags.map((u) => ({ url: checkUrl(u, opts.alertmanager?.length ? '--alertmanager' : 'ONCALL_ALERTMANAGER_URL') }));
  } else if (settings.alertmanagers?.length) {
    alertmanagers = settings.alertmanagers.map((a, i) => ({ ...a, url: checkUrl(a.url, `${configPath}: contexts.${name}.alertmanagers.${i}.url`) }));
  } else {
    const amtool = readAmtoolConfig(env);
    alertmanagers = [{ url: amtool.url ? checkUrl(amtool.url, 'amtool config alertmanager.url') : DEFAULT_ALERTMANAGER }];
  }
  if (!settings.author) {
    const author = readAmtoolConfig(env).author ?? env.USER ?? env.LOGNAME;
    if (author) settings = { ...settings, author };
  }
  return { name, configPath, prometheus, alertmanagers, settings, warnings: loaded.warnings };
}

/** Short name for a backend in the header and in errors. */
export function backendName(b: BackendConfig): string {
  if (b.name) return b.name;
  try {
    return new URL(b.url).host;
  } catch {
    return b.url;
  }
}
