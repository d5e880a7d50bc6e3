// Picks the context to use: flags, then environment, then the config file, then amtool's config, then the
// defaults a port-forward gives (localhost:9090 and :9093). It is given the files as read, so that it needs
// neither the YAML parser nor the schema: read-context.ts reads them from disk, and loads the parser only when a
// file exists.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BackendConfig, ContextConfig } from './schema.js';
import type { LoadedConfig } from './load.js';
import { ConfigError } from './config-error.js';
import { emptyContextSettings } from './defaults.js';
import { noteBackendSecrets, redactUrl } from '../../domain/secrets.js';

export interface GlobalOptions {
  config?: string;
  context?: string;
  prometheus?: string;
  alertmanager?: string[];
}

export type Source = 'flag' | 'env' | 'file' | 'amtool' | 'default';

export interface ResolvedContext {
  name: string;
  configPath: string;
  /** Whether the config file exists (a missing one reads as empty). */
  configExists: boolean;
  prometheus: BackendConfig;
  alertmanagers: BackendConfig[];
  settings: ContextConfig;
  warnings: string[];
  /** Where each choice came from, for `oncall config show`. */
  sources: { context: Source; prometheus: Source; alertmanagers: Source };
}

export const DEFAULT_PROMETHEUS = 'http://localhost:9090';
export const DEFAULT_ALERTMANAGER = 'http://localhost:9093';

function checkUrl(url: string, where: string, usage = false): string {
  try {
    const u = new URL(url);
    if ((u.protocol === 'http:' || u.protocol === 'https:') && u.hostname) return url.replace(/\/+$/, '');
  } catch {
    /* reported below */
  }
  const example =
    where.includes('prometheus') || where.includes('PROMETHEUS') ? DEFAULT_PROMETHEUS : DEFAULT_ALERTMANAGER;
  throw new ConfigError(
    `${where}: ${JSON.stringify(redactUrl(url))} is not an http:// or https:// URL (e.g. ${example})`,
    undefined,
    undefined,
    undefined,
    usage,
  );
}

function splitList(v: string | undefined): string[] {
  return (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Paths in the file are relative to the file's folder (as in Prometheus' configuration); `~/` is the home. */
function absolutePaths(b: BackendConfig, configPath: string, env: NodeJS.ProcessEnv): BackendConfig {
  const abs = (f: string | undefined) => {
    if (!f) return f;
    if (f === '~' || f.startsWith('~/')) return path.join(env.HOME ?? os.homedir(), f.slice(1));
    return path.resolve(path.dirname(configPath), f);
  };
  return {
    ...b,
    ...(b.bearer_token_file ? { bearer_token_file: abs(b.bearer_token_file) } : {}),
    ...(b.basic_auth?.password_file
      ? { basic_auth: { ...b.basic_auth, password_file: abs(b.basic_auth.password_file) } }
      : {}),
    ...(b.tls
      ? {
          tls: {
            ...b.tls,
            ca_file: abs(b.tls.ca_file),
            cert_file: abs(b.tls.cert_file),
            key_file: abs(b.tls.key_file),
          },
        }
      : {}),
  };
}

export interface AmtoolConfig {
  url?: string;
  author?: string;
  file?: string;
}

/** amtool's config files that could be read, in amtool's order, with their text. */
export function readAmtoolConfigTexts(env: NodeJS.ProcessEnv = process.env): { file: string; text: string }[] {
  const found: { file: string; text: string }[] = [];
  for (const file of [
    path.join(env.HOME ?? os.homedir(), '.config', 'amtool', 'config.yml'),
    '/etc/amtool/config.yml',
  ]) {
    try {
      found.push({ file, text: fs.readFileSync(file, 'utf8') });
    } catch {
      /* absent or unreadable: amtool's config is only a fallback */
    }
  }
  return found;
}

/** `alertmanager.url` and `author` from the first of amtool's config files that parses (with `parseYaml`). */
export function amtoolConfigFrom(
  found: { file: string; text: string }[],
  parseYaml: (text: string) => unknown,
): AmtoolConfig {
  for (const { file, text } of found) {
    try {
      const doc = parseYaml(text) as Record<string, unknown> | null;
      if (!doc || typeof doc !== 'object') continue;
      const url = doc['alertmanager.url'] ?? (doc.alertmanager as Record<string, unknown> | undefined)?.url;
      const author = doc.author;
      return {
        url: typeof url === 'string' ? url : undefined,
        author: typeof author === 'string' ? author : undefined,
        file,
      };
    } catch {
      /* unparseable: amtool's config is only a fallback */
    }
  }
  return {};
}

/** The context from the options, the environment, the config file as read (`loaded`) and amtool's config. */
export function resolveLoaded(
  opts: GlobalOptions,
  env: NodeJS.ProcessEnv,
  loaded: LoadedConfig,
  amtool: () => AmtoolConfig,
): ResolvedContext {
  const configPath = loaded.path;
  const { config } = loaded;
  const contextSource: Source = opts.context
    ? 'flag'
    : env.ONCALL_CONTEXT
      ? 'env'
      : config.current_context
        ? 'file'
        : 'default';
  const wanted = opts.context || env.ONCALL_CONTEXT || config.current_context;
  let name = 'default';
  let settings: ContextConfig;
  if (wanted) {
    const ctx = config.contexts[wanted];
    if (!ctx) {
      const known = Object.keys(config.contexts);
      const from = { flag: '--context', env: 'ONCALL_CONTEXT', file: 'current_context', amtool: '', default: '' }[
        contextSource
      ];
      throw new ConfigError(
        `${from}: context ${JSON.stringify(wanted)} is not in ${configPath}; ` +
          (known.length
            ? `known contexts: ${known.join(', ')}`
            : 'no contexts are defined (add one with: oncall context add NAME --prometheus-url URL --alertmanager-url URL)'),
        configPath,
        undefined,
        undefined,
        contextSource === 'flag',
      );
    }
    name = wanted;
    settings = ctx;
  } else {
    settings = emptyContextSettings();
  }

  // A URL given on the command line or in the environment names another server than the context's: the
  // context's credentials are not sent to it.
  const promFlag = opts.prometheus || env.ONCALL_PROMETHEUS_URL;
  const promSource: Source = opts.prometheus
    ? 'flag'
    : env.ONCALL_PROMETHEUS_URL
      ? 'env'
      : settings.prometheus
        ? 'file'
        : 'default';
  const prometheus: BackendConfig = promFlag
    ? { url: checkUrl(promFlag, opts.prometheus ? '--prometheus' : 'ONCALL_PROMETHEUS_URL', !!opts.prometheus) }
    : settings.prometheus
      ? {
          ...absolutePaths(settings.prometheus, configPath, env),
          url: checkUrl(settings.prometheus.url, `${configPath}: contexts.${name}.prometheus.url`),
        }
      : { url: DEFAULT_PROMETHEUS };

  const amFlags = opts.alertmanager?.length
    ? opts.alertmanager.flatMap((a) => splitList(a))
    : splitList(env.ONCALL_ALERTMANAGER_URL);
  let alertmanagers: BackendConfig[];
  let amSource: Source;
  if (amFlags.length) {
    amSource = opts.alertmanager?.length ? 'flag' : 'env';
    alertmanagers = amFlags.map((u) => ({
      url: checkUrl(u, amSource === 'flag' ? '--alertmanager' : 'ONCALL_ALERTMANAGER_URL', amSource === 'flag'),
    }));
  } else if (settings.alertmanagers?.length) {
    amSource = 'file';
    alertmanagers = settings.alertmanagers.map((a, i) => ({
      ...absolutePaths(a, configPath, env),
      url: checkUrl(a.url, `${configPath}: contexts.${name}.alertmanagers.${i}.url`),
    }));
  } else {
    const am = amtool();
    amSource = am.url ? 'amtool' : 'default';
    alertmanagers = [{ url: am.url ? checkUrl(am.url, `${am.file}: alertmanager.url`) : DEFAULT_ALERTMANAGER }];
  }
  // Whatever is printed from here on, by any command or the TUI, leaves these out (src/domain/secrets.ts).
  for (const b of [prometheus, ...alertmanagers]) noteBackendSecrets(b);
  // The size cap is the context's unless a backend has its own; it holds for servers given by flag too.
  if (settings.max_response_bytes !== undefined) {
    const cap = settings.max_response_bytes;
    for (const b of [prometheus, ...alertmanagers]) b.max_response_bytes ??= cap;
  }
  if (!settings.author) {
    const author = amtool().author ?? env.USER ?? env.LOGNAME ?? systemUser();
    if (author) settings = { ...settings, author };
  }
  return {
    name,
    configPath,
    configExists: loaded.exists,
    prometheus,
    alertmanagers,
    settings,
    warnings: loaded.warnings,
    sources: { context: contextSource, prometheus: promSource, alertmanagers: amSource },
  };
}

/** The login name when USER/LOGNAME are unset (containers, cron, tmux started by a service). */
function systemUser(): string | undefined {
  try {
    return os.userInfo().username || undefined;
  } catch {
    return undefined;
  }
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
