import path from 'node:path';
import { redactUrl } from '../../domain/secrets.js';
import { defaultConfigPath, editConfig, loadConfig } from '../../backends/config/load.js';
import type { CliGlobals } from '../globals.js';
import { table, write, writeJson } from '../output.js';
import { OncallError } from '../../domain/errors.js';

export async function runContextList(g: CliGlobals, o: { json?: boolean }): Promise<void> {
  const { config, path } = loadConfig(g.config ?? defaultConfigPath());
  const rows = Object.entries(config.contexts).map(([name, c]) => ({
    name,
    current: name === config.current_context,
    prometheus: c.prometheus ? redactUrl(c.prometheus.url) : null,
    alertmanagers: (c.alertmanagers ?? []).map((a) => redactUrl(a.url)),
    readOnly: c.read_only,
  }));
  if (o.json) return writeJson({ file: path, contexts: rows });
  if (!rows.length)
    return write(
      `no contexts in ${path} (add one with: oncall context add NAME --prometheus-url URL --alertmanager-url URL)\n`,
    );
  await write(
    table(
      ['CURRENT', 'NAME', 'PROMETHEUS', 'ALERTMANAGERS', 'READ-ONLY'],
      rows.map((r) => [
        r.current ? '*' : '',
        r.name,
        r.prometheus ?? '-',
        r.alertmanagers.join(',') || '-',
        r.readOnly ? 'yes' : 'no',
      ]),
    ),
  );
}

export async function runContextUse(g: CliGlobals, name: string): Promise<void> {
  const file = g.config ?? defaultConfigPath();
  const { config } = loadConfig(file);
  if (!config.contexts[name]) {
    const known = Object.keys(config.contexts);
    throw new OncallError(
      'usage',
      `no context named ${JSON.stringify(name)} in ${file}${known.length ? `; known: ${known.join(', ')}` : ''}`,
    );
  }
  editConfig(file, (doc) => doc.set('current_context', name));
  await write(`current context is now ${name}\n`);
}

export interface ContextAddOptions {
  prometheusUrl: string;
  alertmanagerUrl?: string[];
  readOnly?: boolean;
  bearerTokenFile?: string;
  bearerTokenEnv?: string;
  caFile?: string;
  insecureSkipVerify?: boolean;
  header?: string[];
  use?: boolean;
}

function checkUrl(flag: string, url: string): string {
  try {
    const u = new URL(url);
    if ((u.protocol === 'http:' || u.protocol === 'https:') && u.hostname) return url.replace(/\/+$/, '');
  } catch {
    /* reported below */
  }
  throw new OncallError('usage', `${flag}: ${JSON.stringify(redactUrl(url))} is not an http:// or https:// URL`);
}

export async function runContextAdd(g: CliGlobals, name: string, o: ContextAddOptions): Promise<void> {
  const file = g.config ?? defaultConfigPath();
  const before = loadConfig(file); // refuse to touch a file that is already invalid
  const prometheusUrl = checkUrl('--prometheus-url', o.prometheusUrl);
  const alertmanagerUrls = (o.alertmanagerUrl ?? []).map((u) => checkUrl('--alertmanager-url', u));
  if (o.bearerTokenFile && o.bearerTokenEnv)
    throw new OncallError('usage', 'give --bearer-token-file or --bearer-token-env, not both');
  const headers: Record<string, string> = {};
  for (const h of o.header ?? []) {
    const i = h.indexOf(':');
    // The text is not echoed: it may be a credential without its name.
    if (i <= 0)
      throw new OncallError(
        'usage',
        `--header: expected NAME:VALUE, got ${h.length} characters without a name and colon`,
      );
    headers[h.slice(0, i).trim()] = h.slice(i + 1).trim();
  }
  const tls =
    o.caFile || o.insecureSkipVerify
      ? {
          ...(o.caFile ? { ca_file: path.resolve(o.caFile) } : {}),
          ...(o.insecureSkipVerify ? { insecure_skip_verify: true } : {}),
        }
      : undefined;
  const conn = (url: string) => ({
    url,
    ...(o.bearerTokenFile ? { bearer_token_file: path.resolve(o.bearerTokenFile) } : {}),
    ...(o.bearerTokenEnv ? { bearer_token_env: o.bearerTokenEnv } : {}),
    ...(Object.keys(headers).length ? { headers } : {}),
    ...(tls ? { tls } : {}),
  });
  const ctx = {
    prometheus: conn(prometheusUrl),
    alertmanagers: alertmanagerUrls.map(conn),
    read_only: !!o.readOnly,
  };
  if (!ctx.alertmanagers.length) delete (ctx as Partial<typeof ctx>).alertmanagers;
  editConfig(file, (doc) => {
    doc.setIn(['contexts', name], doc.createNode(ctx, { aliasDuplicateObjects: false }));
    if (o.use || !doc.get('current_context')) doc.set('current_context', name);
  });
  const replaced = name in before.config.contexts;
  await write(`context ${name} ${replaced ? 'replaced' : 'added'} in ${file}\n`);
}
