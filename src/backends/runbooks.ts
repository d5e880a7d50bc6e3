// Runbook folders on disk: the context's `runbook_dirs`, then the runbooks shipped with the package. Finds the
// runbook for an alert and runs a runbook's PromQL checks against Prometheus.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sanitizeText } from '../domain/sanitize.js';
import type { Alert, Labels } from '../domain/types.js';
import { parseRunbook } from '../domain/runbook/parse.js';
import {
  markdownFileOfUrl,
  matchByFrontmatter,
  matchByName,
  runbookLink,
  type RunbookLink,
} from '../domain/runbook/resolve.js';
import { errorResult, prepareCheck, resultOf } from '../domain/runbook/checks.js';
import type { CheckResult, CodeBlock, Runbook } from '../domain/runbook/types.js';
import type { PrometheusClient } from './prometheus.js';
import { OncallError } from '../domain/errors.js';

/** The `runbooks/` folder next to `dist/` (installed package) or `src/` (tests): dist/../runbooks. */
export function shippedRunbookDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'runbooks');
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p;
}

/** Configured folders (relative ones are relative to the config file), then the shipped folder. */
export function runbookDirs(configured: readonly string[], configPath?: string): string[] {
  const base = configPath ? path.dirname(configPath) : process.cwd();
  const dirs = configured.map((d) => path.resolve(base, expandHome(d)));
  const shipped = shippedRunbookDir();
  return [...new Set([...dirs, shipped])];
}

/** Every `*.md` of a folder (not recursive), parsed; text passes through sanitizeText first. */
export function readRunbookDir(dir: string): Runbook[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new OncallError(
      'not-found',
      code === 'ENOENT'
        ? `runbook folder ${dir} does not exist`
        : `cannot read runbook folder ${dir}: ${(e as Error).message}`,
    );
  }
  return names
    .filter((n) => n.toLowerCase().endsWith('.md') && n.toLowerCase() !== 'readme.md')
    .sort()
    .flatMap((n) => {
      const file = path.join(dir, n);
      try {
        if (!fs.statSync(file).isFile()) return [];
        return [parseRunbook(file, sanitizeText(fs.readFileSync(file, 'utf8')))];
      } catch {
        return [];
      }
    });
}

export function readRunbookFile(file: string): Runbook {
  return parseRunbook(file, sanitizeText(fs.readFileSync(file, 'utf8')));
}

export interface Resolution {
  runbook?: Runbook;
  via?: 'annotation' | 'matchers' | 'name';
  /** An http(s) runbook URL from the alert's annotation that is not a local file: shown, may be opened. */
  webUrl?: string;
  /** A link with another scheme (file:, javascript:, …): shown as text, never opened or read. */
  blockedLink?: string;
  /** Free-text runbook annotation, shown as a hint. */
  hint?: string;
  /** An annotation naming a file that none of the folders holds. */
  brokenLink?: string;
}

export interface LibraryOptions {
  /** Where relative annotation paths are tried first (the working directory). */
  cwd?: string;
}

/** The runbooks of a context's folders, loaded once. Folder order decides between equal matches. */
export class RunbookLibrary {
  readonly runbooks: Runbook[] = [];
  readonly warnings: string[] = [];
  private readonly folderIndex = new Map<string, number>();
  private readonly byPath = new Map<string, Runbook>();

  constructor(
    readonly dirs: readonly string[],
    private readonly opts: LibraryOptions = {},
  ) {
    dirs.forEach((d, i) => {
      try {
        for (const r of readRunbookDir(d)) {
          this.runbooks.push(r);
          this.folderIndex.set(r.path, i);
          this.byPath.set(path.resolve(r.path), r);
        }
      } catch (e) {
        this.warnings.push((e as Error).message);
      }
    });
  }

  folderOf(r: Runbook): number {
    return this.folderIndex.get(r.path) ?? this.dirs.length;
  }

  /** A runbook file named by an annotation: as given (absolute or from the working directory) or inside a folder, if it lies in a runbook folder. */
  findFile(p: string): Runbook | undefined {
    if (!/\.md$/i.test(p)) return undefined; // only markdown: an annotation must not make us read arbitrary files
    const cwd = this.opts.cwd ?? process.cwd();
    const candidates = path.isAbsolute(p)
      ? [p, ...this.dirs.map((d) => path.join(d, path.basename(p)))]
      : [path.resolve(cwd, p), ...this.dirs.flatMap((d) => [path.join(d, p), path.join(d, path.basename(p))])];
    for (const c of candidates) {
      const known = this.byPath.get(path.resolve(c));
      if (known) return known;
      try {
        // Only files inside a runbook folder (after symlinks): an alert must not make oncall show any local file.
        if (fs.statSync(c).isFile() && this.insideFolders(c)) {
          const r = readRunbookFile(c);
          this.byPath.set(path.resolve(c), r);
          return r;
        }
      } catch {
        /* try the next place */
      }
    }
    return undefined;
  }

  private insideFolders(file: string): boolean {
    const real = fs.realpathSync(file);
    return this.dirs.some((d) => {
      try {
        const dir = fs.realpathSync(d);
        return real.startsWith(dir + path.sep);
      } catch {
        return false;
      }
    });
  }

  /** Finds the runbook for an alert (see the order in src/domain/runbook/resolve.ts). */
  resolve(alert: Pick<Alert, 'labels' | 'annotations'>): Resolution {
    const out: Resolution = {};
    const link: RunbookLink | undefined = runbookLink(alert.annotations ?? {});
    if (link?.kind === 'path') {
      const r = this.findFile(link.path);
      if (r) return { runbook: r, via: 'annotation' };
      out.brokenLink = link.path;
    } else if (link?.kind === 'web') {
      const file = markdownFileOfUrl(link.url);
      const r = file ? this.findFile(file) : undefined;
      if (r) return { runbook: r, via: 'annotation', webUrl: link.url };
      out.webUrl = link.url;
    } else if (link?.kind === 'blocked') {
      out.blockedLink = link.url;
    } else if (link?.kind === 'text') {
      out.hint = link.text;
    }
    const m = matchByFrontmatter(this.runbooks, alert.labels, (r) => this.folderOf(r));
    if (m) return { ...out, runbook: m, via: 'matchers' };
    const n = matchByName(this.runbooks, alert.labels.alertname);
    if (n) return { ...out, runbook: n, via: 'name' };
    return out;
  }
}

/** Runs one PromQL block for an alert's labels. Never throws: failures are error results. */
export async function runPromqlCheck(
  prom: Pick<PrometheusClient, 'query'>,
  block: CodeBlock,
  labels: Labels,
  now: () => Date = () => new Date(),
): Promise<CheckResult> {
  const prep = prepareCheck(block, labels, now());
  if (!prep.ok) return prep.result;
  try {
    const { data } = await prom.query(prep.query);
    return resultOf(block, prep.query, data, now());
  } catch (e) {
    return errorResult(prep.query, (e as Error).message.split('\n')[0]!, now());
  }
}
