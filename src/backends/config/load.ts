// Reads and writes the configuration file. Reading keeps YAML positions so an invalid value is reported with its
// file, line and key; writing goes through the YAML document so the user's comments survive, with mode 0600.
import fs from 'node:fs';
import path from 'node:path';
import YAML, { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import * as z from 'zod/mini';
import { configSchema, type OncallConfig } from './schema.js';
import { ConfigError, defaultConfigPath } from './config-error.js';
import { missingConfig } from './defaults.js';
import { isSecretHeader } from '../../domain/secrets.js';

export { ConfigError, defaultConfigPath } from './config-error.js';

export interface LoadedConfig {
  path: string;
  exists: boolean;
  config: OncallConfig;
  /** Problems that do not stop the program, e.g. a secret in a file others can read. */
  warnings: string[];
}

/** Keys whose value is a secret, and header names that carry one. */
export const SECRET_KEY =
  /^(password|bearer_token|authorization|proxy-authorization|x-api-key|api[-_]?key|x-auth-token|token|secret|cookie)$/i;

/** A secret written into the file itself (rather than a *_file or *_env reference), user info in a URL, or a header that is not on the short public list (src/domain/secrets.ts). */
export function hasInlineSecret(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasInlineSecret);
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).some(([k, v]) =>
      SECRET_KEY.test(k) && typeof v === 'string'
        ? v.length > 0
        : k === 'url' && typeof v === 'string'
          ? /\/\/[^/@]+@/.test(v)
          : k === 'headers' && v && typeof v === 'object'
            ? Object.keys(v).some(isSecretHeader) || hasInlineSecret(v)
            : hasInlineSecret(v),
    );
  }
  return false;
}

/** Line of the key at `keyPath` (or of the nearest enclosing key that exists), for errors. */
function lineOf(doc: Document, lc: LineCounter, keyPath: (string | number)[]): number | undefined {
  for (let n = keyPath.length; n > 0; n--) {
    const parent = n === 1 ? doc.contents : doc.getIn(keyPath.slice(0, n - 1), true);
    const last = keyPath[n - 1];
    let node: { range?: [number, number, number] | null } | undefined;
    if (isMap(parent))
      node = parent.items.find((it) => isScalar(it.key) && String(it.key.value) === String(last))?.key as typeof node;
    else if (isSeq(parent) && typeof last === 'number') node = parent.items[last] as typeof node;
    if (node?.range) return lc.linePos(node.range[0]).line;
  }
  return undefined;
}

/** Known keys of the object at `keyPath` in the schema, for "did you mean". */
function knownKeys(keyPath: (string | number)[]): string[] {
  let s: unknown = configSchema;
  const unwrap = (x: unknown): unknown => {
    let cur = x as {
      def?: { type?: string; innerType?: unknown; element?: unknown; valueType?: unknown; in?: unknown };
    };
    while (
      cur?.def &&
      (cur.def.type === 'optional' ||
        cur.def.type === 'default' ||
        cur.def.type === 'nullable' ||
        cur.def.type === 'pipe')
    ) {
      cur = (cur.def.innerType ?? cur.def.in) as typeof cur;
    }
    return cur;
  };
  for (const k of keyPath) {
    const cur = unwrap(s) as {
      def?: { type?: string; element?: unknown; valueType?: unknown };
      shape?: Record<string, unknown>;
    };
    if (cur?.def?.type === 'array') s = cur.def.element;
    else if (cur?.def?.type === 'record') s = cur.def.valueType;
    else if (cur?.shape) s = cur.shape[String(k)];
    else return [];
  }
  const obj = unwrap(s) as { shape?: Record<string, unknown> };
  return obj?.shape ? Object.keys(obj.shape) : [];
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}

/** One issue in words: what is wrong and what is expected. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const known = knownKeys(issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)));
    const near = known
      .filter((k) => editDistance(k, key) <= Math.max(1, Math.floor(k.length / 4)))
      .sort((a, b) => editDistance(a, key) - editDistance(b, key))[0];
    const hint = near ? `did you mean ${near}?` : known.length ? `expected one of: ${known.join(', ')}` : '';
    return `unknown key ${JSON.stringify(key)}${hint ? ` (${hint})` : ''}`;
  }
  if (issue.code === 'invalid_type') {
    const got = /received (\w+)/.exec(issue.message)?.[1];
    const article = /^[aeiou]/.test(issue.expected) ? 'an' : 'a';
    const what =
      issue.expected === 'object'
        ? 'a mapping (key: value lines)'
        : issue.expected === 'array'
          ? 'a list'
          : `${article} ${issue.expected}`;
    return got === 'undefined'
      ? `missing (expected ${what})`
      : `expected ${what}${got ? `, got ${got === 'object' ? 'a mapping' : got === 'array' ? 'a list' : got}` : ''}`;
  }
  if (issue.code === 'invalid_value' && 'values' in issue)
    return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return issue.message;
}

/** Where an issue is: the key path as written in the file, and for an unknown key the key itself. */
function issuePath(issue: z.core.$ZodIssue): (string | number)[] {
  const p = issue.path.map((x) => (typeof x === 'symbol' ? String(x) : x));
  return issue.code === 'unrecognized_keys' ? [...p, issue.keys[0]!] : p;
}

export function loadConfig(file = defaultConfigPath()): LoadedConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    // ENOTDIR: a parent of the path is a regular file, so no config can be there; read-only commands go on.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR')
      return missingConfig(file);
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
    const keyPath = issuePath(issue);
    const key = keyPath.join('.') || '(top level)';
    const line = lineOf(doc, lc, keyPath);
    throw new ConfigError(`${file}${line ? `:${line}` : ''}: ${key}: ${describeIssue(issue)}`, file, line, key);
  }
  const warnings: string[] = [];
  if (hasInlineSecret(raw)) {
    const mode = fs.statSync(file).mode & 0o777;
    if (mode & 0o077) {
      warnings.push(
        `${file} holds a secret and others can read it (mode ${mode.toString(8).padStart(3, '0')}); run: chmod 600 ${file}`,
      );
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
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT' && (e as NodeJS.ErrnoException).code !== 'ENOTDIR')
      throw new ConfigError(`cannot read ${file}: ${(e as Error).message}`, file);
  }
  const doc = parseDocument(text);
  if (doc.errors.length)
    throw new ConfigError(`${file}: invalid YAML, not changed: ${doc.errors[0]!.message.split('\n')[0]}`, file);
  if (!isMap(doc.contents)) doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
  edit(doc);
  const next = doc.toString();
  const check = configSchema.safeParse(YAML.parse(next) ?? {});
  if (!check.success) {
    const issue = check.error.issues[0]!;
    throw new ConfigError(
      `${file} not changed: ${issuePath(issue).join('.') || '(top level)'}: ${describeIssue(issue)}`,
      file,
    );
  }
  // Written next to the real file (a symlinked dotfile stays a symlink), then renamed over it in one step.
  let target = file;
  try {
    target = fs.realpathSync(file);
  } catch {
    /* not there yet */
  }
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    fs.writeFileSync(tmp, next, { mode: 0o600 });
    fs.renameSync(tmp, target);
    fs.chmodSync(target, 0o600);
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      /* the folder itself is the problem */
    }
    throw new ConfigError(`${file} not changed: cannot write it: ${(e as Error).message}`, file);
  }
}
