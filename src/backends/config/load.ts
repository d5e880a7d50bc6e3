// Reads and writes the configuration file. Reading keeps YAML positions so an invalid value is reported with its
// file, line and key; writing goes through the YAML document so the user's comments survive, with mode 0600.
import fs from 'node:fs';
import path from 'node:path';
import envPaths from 'env-paths';
import YAML, { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { configSchema, type OncallConfig } from './schema.js';

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly key?: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ONCALL_CONFIG) return env.ONCALL_CONFIG;
  const dir = env.XDG_CONFIG_HOME ? path.join(env.XDG_CONFIG_HOME, 'oncall') : envPaths('oncall', { suffix: '' }).config;
  return path.join(dir, 'config.yaml');
}

export interface LoadedConfig {
  path: string;
  exists: boolean;
  config: OncallConfig;
  /** Problems that do not stop the program, e.g. a secret in a file others can read. */
  warnings: string[];
}

const SECRET_KEYS = /(^|\.)(password|bearer_token)$/;

function hasInlineSecret(value: unknown, prefix = ''): boolean {
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).some(([k, v]) =>
      SECRET_KEYS.test(prefix + k) ? typeof v === 'string' && v.length > 0 : hasInlineSecret(v, prefix + k + '.'),
    );
  }
  return false;
}

function lineOf(doc: Document, lc: LineCounter, keyPath: (string | number)[]): number | undefined {
  for (let n = keyPath.length; n > 0; n--) {
    const node = doc.getIn(keyPath.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && node.range) return lc.linePos(node.range[0]).line;
  }
  return undefined;
}

export function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  return issue.message;
}

export function loadConfig(file = defaultConfigPath()): LoadedConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { path: file, exists: false, config: configSchema.parse({}), warnings: [] };
    throw new ConfigError(`cannot read config file ${file}: ${(e as Error).message}`, file);
  }
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length) {
    const err = doc.errors[0]!;
    const line = lc.linePos(err.pos[0]).line;
    throw new ConfigError(`${file}:${line}: invalid YAML: ${err.message.split('\n')[0]}`, file, line);
  }
  const raw = doc.toJS() ?? {};
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const keyPath = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const key = keyPath.join('.') || '(top level)';
    const line = lineOf(doc, lc, keyPath);
    throw new ConfigError(`${file}${line ? `:${line}` : ''}: ${key}: ${describeIssue(issue)}`, file, line, key);
  }
  const warnings: string[] = [];
  if (hasInlineSecret(raw)) {
    const mode = fs.statSync(file).mode & 0o777;
    if (mode & 0o077) {
      warnings.push(`${file} holds a secret and is readable by others (mode ${mode.toString(8)}); run: chmod 600 ${file}`);
    }
  }
  return { path: file, exists: true, config: parsed.data, warnings };
}

/** Applies `edit` to the YAML document of the file (created if missing) and writes it back, mode 0600. */
export function editConfig(file: string, edit: (doc: Document) => void): void {
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new ConfigError(`cannot read ${file}: ${(e as Error).message}`, file);
  }
  const doc = parseDocument(text);
  if (doc.errors.length) throw new ConfigError(`${file}: invalid YAML, not changed: ${doc.errors[0]!.message.split('\n')[0]}`, file);
  if (!isMap(doc.contents)) doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
  edit(doc);
  const next = doc.toString();
  const check = configSchema.safeParse(YAML.parse(next) ?? {});
  if (!check.success) {
    const issue = check.error.issues[0]!;
    throw new ConfigError(`refusing to write ${file}: ${issue.path.join('.')}: ${describeIssue(issue)}`, file);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, next, { mode: 0o600 });
  fs.renameSync(tmp, file);
  fs.chmodSync(file, 0o600);
}
