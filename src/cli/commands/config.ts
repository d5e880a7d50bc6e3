import { defaultConfigPath, loadConfig } from '../../backends/config/load.js';
import { resolveContext } from '../../backends/config/resolve.js';
import type { CliGlobals } from '../context.js';
import { write, writeJson } from '../output.js';
import YAML from 'yaml';

export async function runConfigPath(g: CliGlobals): Promise<void> {
  await write((g.config ?? defaultConfigPath()) + '\n');
}

const SECRET = /^(password|bearer_token|authorization|x-api-key|token)$/i;

/** Copies `v` with every secret value replaced, so `config show` is safe to paste into a ticket. */
export function redactSecrets(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(redactSecrets);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, SECRET.test(k) && typeof x === 'string' ? '<redacted>' : redactSecrets(x)]));
  }
  return v;
}

export async function runConfigShow(g: CliGlobals, o: { json?: boolean }): Promise<void> {
  const ctx = resolveContext(g);
  const loaded = loadConfig(ctx.configPath);
  const view = redactSecrets({
    file: ctx.configPath,
    file_exists: loaded.exists,
    context: ctx.name,
    prometheus: ctx.prometheus,
    alertmanagers: ctx.alertmanagers,
    ...ctx.settings,
  });
  await (o.json ? writeJson(view) : write(YAML.stringify(view)));
}
