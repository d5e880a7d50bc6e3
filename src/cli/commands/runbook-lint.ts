// `oncall runbook lint [DIR] [--rules FILE...]`: problems as `file:line: message`, exit 1 when there are errors.
import fs from 'node:fs';
import path from 'node:path';
import { openContext } from '../../app/context.js';
import type { CliGlobals } from '../globals.js';
import { write, writeJson, writeErr } from '../output.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { formatProblem, lintAll, type AnnotationTarget, type LintProblem } from '../../domain/runbook/lint.js';
import { parseRuleFile, RuleFileError, type AlertRule } from '../../domain/runbook/rules.js';
import { markdownFileOfUrl, runbookLink } from '../../domain/runbook/resolve.js';
import { readRunbookDir, readRunbookFile } from '../../backends/runbooks.js';
import type { Runbook } from '../../domain/runbook/types.js';
import { OncallError } from '../../domain/errors.js';
import { contextRunbookDirs } from '../../app/runbooks.js';

export interface LintCliOptions {
  rules?: string[];
  externalLabel?: string[];
  strict?: boolean;
  json?: boolean;
  checkUrls?: boolean;
}

/** `--check-urls`: each distinct http(s) runbook_url of the rules is requested once, a few at a time. */
async function checkUrls(g: CliGlobals, rules: readonly AlertRule[]): Promise<LintProblem[]> {
  const { checkRunbookUrl } = await import('../../backends/web-runbooks.js');
  const settings = (await openContext(g)).ctx.settings.runbooks;
  const byUrl = new Map<string, AlertRule[]>();
  const out: LintProblem[] = [];
  for (const rule of rules) {
    const link = runbookLink(rule.annotations);
    if (link?.kind !== 'web') continue;
    // A templated URL ({{ $labels.x }}) is only known per alert.
    if (link.url.includes('{{')) {
      out.push({
        file: rule.file,
        line: rule.line,
        severity: 'warning',
        message: `${link.annotation} of ${rule.alert} is a template; not checked`,
      });
      continue;
    }
    byUrl.set(link.url, [...(byUrl.get(link.url) ?? []), rule]);
  }
  const queue = [...byUrl];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [url, users] = next;
      const why = await checkRunbookUrl(url, settings, users[0]!.alert);
      if (why)
        for (const rule of users)
          out.push({
            file: rule.file,
            line: rule.line,
            severity: 'error',
            message: `runbook_url of ${rule.alert} does not answer: ${url}: ${why}`,
          });
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, queue.length) }, worker));
  return out;
}

function loadRunbooks(target: string): { runbooks: Runbook[]; dirs: string[] } {
  let st: fs.Stats;
  try {
    st = fs.statSync(target);
  } catch {
    throw new OncallError('usage', `${target}: no such runbook folder or file`);
  }
  if (st.isDirectory()) return { runbooks: readRunbookDir(target), dirs: [target] };
  return { runbooks: [readRunbookFile(target)], dirs: [path.dirname(target)] };
}

function loadRules(files: readonly string[], problems: LintProblem[]): AlertRule[] {
  const out: AlertRule[] = [];
  for (const f of files) {
    let text: string;
    try {
      text = fs.readFileSync(f, 'utf8');
    } catch (e) {
      throw new OncallError(
        'usage',
        `--rules ${f}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
      );
    }
    try {
      out.push(...parseRuleFile(f, text));
    } catch (e) {
      if (!(e instanceof RuleFileError)) throw e;
      problems.push({
        file: e.file,
        line: e.line,
        severity: 'error',
        message: e.message.slice(`${e.file}:${e.line}: `.length),
      });
    }
  }
  return out;
}

/** Where a rule's runbook annotation leads, looking next to the rule file, in the working directory and in the folders. */
function annotationResolver(
  runbooks: readonly Runbook[],
  dirs: readonly string[],
): (rule: AlertRule) => AnnotationTarget | undefined {
  const byPath = new Map(runbooks.map((r) => [path.resolve(r.path), r]));
  const find = (candidates: string[]): Runbook | undefined => {
    for (const c of candidates) {
      const abs = path.resolve(c);
      const known = byPath.get(abs);
      if (known) return known;
      if (fs.existsSync(abs) && fs.statSync(abs).isFile()) return readRunbookFile(abs);
    }
    return undefined;
  };
  return (rule) => {
    const link = runbookLink(rule.annotations);
    if (!link) return undefined;
    if (link.kind === 'blocked')
      return {
        error: `${link.annotation} ${JSON.stringify(sanitizeLine(link.url))} is neither a file path nor an http(s) URL; such links are never opened`,
      };
    if (link.kind === 'text') return undefined;
    if (link.kind === 'web') {
      const file = markdownFileOfUrl(link.url);
      const r = file ? find(dirs.map((d) => path.join(d, file))) : undefined;
      return r ? { runbook: r } : { web: link.url };
    }
    const p = link.path;
    if (!/\.md$/i.test(p))
      return { error: `${link.annotation} ${JSON.stringify(p)} is not a markdown (.md) runbook file` };
    const candidates = path.isAbsolute(p)
      ? [p]
      : [
          path.resolve(path.dirname(rule.file), p),
          path.resolve(p),
          ...dirs.flatMap((d) => [path.join(d, p), path.join(d, path.basename(p))]),
        ];
    const r = find(candidates);
    return r
      ? { runbook: r }
      : {
          error: `${link.annotation} names ${p}, which does not exist (looked next to ${rule.file}, in the working directory and in ${dirs.join(', ')})`,
        };
  };
}

export async function runRunbookLint(g: CliGlobals, dir: string | undefined, o: LintCliOptions): Promise<number> {
  const problems: LintProblem[] = [];
  let runbooks: Runbook[];
  let dirs: string[];
  if (dir) {
    ({ runbooks, dirs } = loadRunbooks(dir));
  } else {
    const c = await openContext(g);
    dirs = contextRunbookDirs(c.ctx);
    runbooks = [];
    for (const d of dirs) {
      if (fs.existsSync(d)) runbooks.push(...loadRunbooks(d).runbooks);
      else writeErr(`oncall: warning: runbook folder ${d} (runbook_dirs of context ${c.ctx.name}) does not exist\n`);
    }
  }
  if (o.checkUrls && !o.rules?.length)
    throw new OncallError('usage', '--check-urls checks the runbook_url of the alerts in rule files: add --rules FILE');
  const rules = o.rules?.length ? loadRules(o.rules, problems) : undefined;
  if (o.checkUrls && rules) problems.push(...(await checkUrls(g, rules)));
  const externalLabels = o.externalLabel?.length ? o.externalLabel : undefined;
  problems.push(
    ...lintAll(runbooks, {
      rules,
      externalLabels,
      annotationTarget: annotationResolver(runbooks, dirs),
      now: new Date(),
      strict: o.strict,
    }),
  );
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  if (o.json) {
    await writeJson({
      runbooks: runbooks.length,
      alerts: rules?.length ?? null,
      errors,
      warnings,
      problems: problems.map((p) => ({ ...p, message: sanitizeLine(p.message) })),
    });
  } else {
    const lines = problems.map((p) => sanitizeLine(formatProblem(p)));
    const checked = `${runbooks.length} runbook${runbooks.length === 1 ? '' : 's'}${rules ? ` against ${rules.length} alert${rules.length === 1 ? '' : 's'}` : ''}`;
    lines.push(
      problems.length
        ? `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${checked}`
        : `${checked}: no problems`,
    );
    await write(lines.join('\n') + '\n');
  }
  if (runbooks.length === 0 && !o.json) writeErr(`oncall: warning: no runbooks (*.md) in ${dirs.join(', ')}\n`);
  return errors > 0 || (o.strict && warnings > 0) ? 1 : 0;
}
