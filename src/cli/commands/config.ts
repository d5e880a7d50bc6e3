// `oncall config path|show`: where the configuration lives and what the current context resolves to.
import { defaultConfigPath, SECRET_KEY } from '../../backends/config/load.js';
import { readContext } from '../../backends/config/read-context.js';
import type { CliGlobals } from '../globals.js';
import { write, writeJson, warn } from '../output.js';
import YAML from 'yaml';
import { isSecretHeader, REDACTED, redactUrl } from '../../domain/secrets.js';

export async function runConfigPath(g: CliGlobals): Promise<void> {
  await write((g.config ?? defaultConfigPath()) + '\n');
}

/**
 * Copies `v` with every secret value replaced, so `config show` is safe to paste into a ticket: secret keys,
 * the user info of URLs, and every header but the few that are not credentials (PUBLIC_HEADERS).
 */
export function redactSecrets(v: unknown, key?: string): unknown {
  if (Array.isArray(v)) return v.map((x) => redactSecrets(x));
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>).map(([k, x]) => [
        k,
        typeof x !== 'string'
          ? redactSecrets(x, k)
          : SECRET_KEY.test(k) || (key === 'headers' && isSecretHeader(k))
            ? REDACTED
            : k === 'url'
              ? redactUrl(x, true)
              : x,
      ]),
    );
  }
  return v;
}

export async function runConfigShow(g: CliGlobals, o: { json?: boolean }): Promise<void> {
  const ctx = await readContext(g);
  for (const w of ctx.warnings) warn(w);
  // The resolved backends (after flags and environment) replace the context's own entries.
  const { prometheus: _p, alertmanagers: _a, ...settings } = ctx.settings;
  // Headers for web runbooks exist to carry credentials (a wiki token), whatever their name: every value goes.
  if (settings.runbooks) {
    settings.runbooks = {
      ...settings.runbooks,
      headers: settings.runbooks.headers.map((h) => ({
        ...h,
        headers: Object.fromEntries(Object.keys(h.headers).map((k) => [k, REDACTED])),
      })),
    };
  }
  const view = redactSecrets({
    file: ctx.configPath,
    file_exists: ctx.configExists,
    context: ctx.name,
    // where each choice came from: flag, env, file, amtool or default
    sources: ctx.sources,
    prometheus: ctx.prometheus,
    alertmanagers: ctx.alertmanagers,
    ...settings,
  });
  await (o.json ? writeJson(view) : write(YAML.stringify(view)));
}
