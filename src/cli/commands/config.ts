// `oncall config path|show`: where the configuration lives and what the current context resolves to.
import { defaultConfigPath, SECRET_KEY } from '../../backends/config/load.js';
import { readContext } from '../../backends/config/read-context.js';
import type { CliGlobals } from '../globals.js';
import { write, writeJson } from '../output.js';
import YAML from 'yaml';

export async function runConfigPath(g: CliGlobals): Promise<void> {
  await write((g.config ?? defaultConfigPath()) + '\n');
}

const REDACTED = '<redacted>';

function redactUrlPassword(url: string): string {
  try {
    const u = new URL(url);
    if (!u.password) return url;
    u.password = 'redacted';
    return u.toString().replace(':redacted@', `:${REDACTED}@`);
  } catch {
    return url;
  }
}

/** Copies `v` with every secret value replaced, so `config show` is safe to paste into a ticket. */
export function redactSecrets(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(redactSecrets);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [
      k,
      SECRET_KEY.test(k) && typeof x === 'string' ? REDACTED : k === 'url' && typeof x === 'string' ? redactUrlPassword(x) : redactSecrets(x),
    ]));
  }
  return v;
}

export async function runConfigShow(g: CliGlobals, o: { json?: boolean }): Promise<void> {
  const ctx = await readContext(g);
  for (const w of ctx.warnings) process.stderr.write(`oncall: warning: ${w}\n`);
  // The resolved backends (after flags and environment) replace the context's own entries.
  const { prometheus: _p, alertmanagers: _a, ...settings } = ctx.settings;
  // Headers for web runbooks exist to carry credentials (a wiki token), whatever their name: every value goes.
  if (settings.runbooks) {
    settings.runbooks = { ...settings.runbooks, headers: settings.runbooks.headers.map((h) => ({ ...h, headers: Object.fromEntries(Object.keys(h.headers).map((k) => [k, REDACTED])) })) };
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
