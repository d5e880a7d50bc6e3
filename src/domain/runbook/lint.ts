// Checks runbooks the way CI would: frontmatter, matchers, PromQL syntax, placeholders, the sections on-call
// people look for, and — given alerting rules — that every alert has a runbook.
import { matchValue, type Matcher } from '../matchers.js';
import { checkPromql, resultLabels } from './promql.js';
import { findPlaceholders } from './placeholders.js';
import { matchByName } from './resolve.js';
import type { AlertRule } from './rules.js';
import type { CodeBlock, Problem, Runbook } from './types.js';

export interface LintProblem extends Problem {
  file: string;
}

/** Labels most alerts carry; placeholders naming them pass when no rule says otherwise. */
export const STANDARD_LABELS = [
  'alertname',
  'severity',
  'cluster',
  'namespace',
  'job',
  'instance',
  'model',
  'service',
  'pod',
  'container',
  'node',
  'gpu',
  'Hostname',
  'UUID',
  'modelName',
  'layer',
  'alert_type',
  'team',
  'env',
];

export const REQUIRED_SECTIONS = ['Meaning', 'Impact', 'Diagnosis', 'Mitigation'];
export const RECOMMENDED_SECTIONS = ['Verification', 'Escalation'];

/** Where a rule's runbook annotation leads: a runbook file, a web page (counted as a runbook), or a problem. */
export interface AnnotationTarget {
  runbook?: Runbook;
  web?: string;
  error?: string;
}

export interface LintOptions {
  rules?: AlertRule[];
  /** Labels every alert carries whatever its expression, e.g. Prometheus external labels. Default: cluster. */
  externalLabels?: string[];
  /** For rules whose runbook annotation names a file: the runbook it resolves to, or an error message. */
  annotationTarget?: (rule: AlertRule) => AnnotationTarget | undefined;
  /** For the stale-review warning. */
  now?: Date;
  /** Unknown placeholders are errors even without rules (without rules and strict they are warnings). */
  strict?: boolean;
}

/** Static match of frontmatter matchers against a rule: labels only known at run time are assumed to match. */
export function ruleMatches(ms: readonly Matcher[], rule: AlertRule): boolean {
  const known: Record<string, string> = { ...rule.labels, alertname: rule.alert };
  return ms.every((m) => (m.name in known ? matchValue(m, known[m.name]) : true));
}

/** Rules a runbook serves: through annotations, frontmatter matchers, or its file name. */
export function rulesServedBy(
  r: Runbook,
  rules: readonly AlertRule[],
  annotationTarget?: LintOptions['annotationTarget'],
): AlertRule[] {
  return rules.filter((rule) => {
    const t = annotationTarget?.(rule);
    if (t?.runbook) return t.runbook.path === r.path;
    return r.matchers.some((ms) => ruleMatches(ms, rule)) || r.id === rule.alert;
  });
}

/** Labels a rule's annotation templates use (`{{ $labels.gpu }}`): its author says the alerts carry them. */
export function templateLabels(rule: AlertRule): string[] {
  const out = new Set<string>();
  for (const v of Object.values(rule.annotations))
    for (const m of v.matchAll(/\$labels\.([A-Za-z_][A-Za-z0-9_]*)|\.Labels\.([A-Za-z_][A-Za-z0-9_]*)/g))
      out.add((m[1] ?? m[2])!);
  return [...out];
}

/** Labels the alerts of `rule` can carry. */
export function labelsOfRule(rule: AlertRule, external: readonly string[]): { labels: Set<string>; exact: boolean } {
  const res = resultLabels(rule.expr);
  const base = new Set<string>(['alertname', ...Object.keys(rule.labels), ...external, ...templateLabels(rule)]);
  if (res.exact) return { labels: new Set([...base, ...res.labels]), exact: true };
  return { labels: new Set([...base, ...STANDARD_LABELS, ...res.mentioned]), exact: false };
}

function lineOfOffset(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function blocksOf(r: Runbook): CodeBlock[] {
  return [...r.steps.flatMap((s) => s.blocks), ...r.looseBlocks];
}

/** Body text with shell and plain code blocks blanked (their `$NAME` are shell variables), lines kept. */
function placeholderText(r: Runbook): string {
  const lines = r.text.split('\n');
  for (const b of blocksOf(r)) {
    if (b.kind === 'promql') continue;
    const first = b.line; // fence line, 1-based
    const n = b.code.split('\n').length;
    for (let i = first; i < first + n && i < lines.length; i++) lines[i] = '';
  }
  // Only the body: frontmatter values are matchers, not placeholders.
  for (let i = 0; i < r.bodyLine - 1 && i < lines.length; i++) lines[i] = '';
  return lines.join('\n');
}

export function lintRunbook(r: Runbook, o: LintOptions = {}): LintProblem[] {
  const out: LintProblem[] = r.problems.map((p) => ({ ...p, file: r.path }));
  const add = (p: Problem) => out.push({ ...p, file: r.path });
  const frontmatterBroken = r.problems.some((p) => p.severity === 'error' && p.line < r.bodyLine);

  const titles = new Set(r.sections.map((s) => s.title.toLowerCase()));
  for (const s of REQUIRED_SECTIONS)
    if (!titles.has(s.toLowerCase()))
      add({
        line: r.bodyLine,
        severity: 'error',
        message: `missing section "## ${s}" (runbooks have ${REQUIRED_SECTIONS.join(', ')}, then ${RECOMMENDED_SECTIONS.join(', ')})`,
      });
  for (const s of RECOMMENDED_SECTIONS)
    if (!titles.has(s.toLowerCase())) add({ line: r.bodyLine, severity: 'warning', message: `no "## ${s}" section` });
  if (r.steps.length === 0)
    add({
      line: r.bodyLine,
      severity: 'warning',
      message: 'no steps: write steps as checklist items, "- [ ] Check …"',
    });

  for (const b of blocksOf(r)) {
    if (b.kind !== 'promql') continue;
    const e = checkPromql(b.code);
    if (e) add({ line: b.line + e.line, column: b.indent + e.column, severity: 'error', message: e.message });
  }

  if (r.meta.lastReviewed && o.now) {
    const age = o.now.getTime() - Date.parse(`${r.meta.lastReviewed}T00:00:00Z`);
    const line = r.text.split('\n').findIndex((l) => l.startsWith('last_reviewed')) + 1 || 1;
    if (age < -86_400_000)
      add({ line, severity: 'error', message: `last_reviewed ${r.meta.lastReviewed} is in the future` });
    else if (age > 365 * 86_400_000)
      add({ line, severity: 'warning', message: `last reviewed ${r.meta.lastReviewed}, over a year ago: review it` });
  }

  // Placeholders: known to the rules this runbook serves, or standard labels when no rules are given.
  const external = o.externalLabels ?? ['cluster'];
  const served = o.rules && !frontmatterBroken ? rulesServedBy(r, o.rules, o.annotationTarget) : [];
  if (o.rules && !frontmatterBroken && served.length === 0) {
    add({
      line: r.alertLines[0] ?? 1,
      severity: 'warning',
      message: 'serves no alert of the given rule files (check the "alerts" matchers)',
    });
  }
  const perRule = served.map((rule) => ({ rule, ...labelsOfRule(rule, external) }));
  const text = placeholderText(r);
  const seen = new Set<string>();
  for (const p of findPlaceholders(text)) {
    const line = lineOfOffset(text, p.index);
    const key = `${p.name}@${line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const column = p.index - text.lastIndexOf('\n', p.index - 1);
    if (perRule.length === 0) {
      if (!STANDARD_LABELS.includes(p.name) && !external.includes(p.name)) {
        // Without rules the labels of the alerts are unknown: a guess is a warning, not a failure.
        add({
          line,
          column,
          severity: o.strict ? 'error' : 'warning',
          message: `unknown placeholder $${p.name}: not a standard label (${STANDARD_LABELS.join(', ')}); give --rules so labels of the alerts' rules count`,
        });
      }
      continue;
    }
    const carrying = perRule.filter((x) => x.labels.has(p.name));
    if (carrying.length === 0) {
      const r0 = perRule[0]!;
      const why = r0.exact
        ? `alert ${r0.rule.alert} (${r0.rule.file}:${r0.rule.line}) carries only ${[...r0.labels].sort().join(', ')}`
        : `no rule this runbook serves carries it`;
      add({ line, column, severity: 'error', message: `unknown placeholder $${p.name}: ${why}` });
    } else if (carrying.length < perRule.length) {
      const missing = perRule.filter((x) => !x.labels.has(p.name)).map((x) => x.rule.alert);
      add({
        line,
        column,
        severity: 'warning',
        message: `placeholder $${p.name} stays unfilled for ${missing.join(', ')} (their alerts lack the label)`,
      });
    }
  }
  return out;
}

/** Every alert of `rules` must have a runbook among `runbooks`. Problems point at the rule. */
export function lintCoverage(
  runbooks: readonly Runbook[],
  rules: readonly AlertRule[],
  o: LintOptions = {},
): LintProblem[] {
  const out: LintProblem[] = [];
  for (const rule of rules) {
    const t = o.annotationTarget?.(rule);
    if (t?.error) out.push({ file: rule.file, line: rule.line, severity: 'error', message: t.error });
    if (t?.runbook || t?.web) continue;
    const byMatcher = runbooks.filter((r) => r.matchers.some((ms) => ruleMatches(ms, rule)));
    if (byMatcher.length > 1) {
      out.push({
        file: rule.file,
        line: rule.line,
        severity: 'warning',
        message: `alert ${rule.alert} is served by ${byMatcher.length} runbooks (${byMatcher.map((r) => r.path).join(', ')}); the first folder and most specific matcher wins`,
      });
    }
    if (byMatcher.length || matchByName(runbooks, rule.alert)) continue;
    out.push({
      file: rule.file,
      line: rule.line,
      severity: 'error',
      message: `alert ${rule.alert} has no runbook: add ${rule.alert}.md, or list alertname="${rule.alert}" in a runbook's frontmatter "alerts"`,
    });
  }
  return out;
}

export function lintAll(runbooks: readonly Runbook[], o: LintOptions = {}): LintProblem[] {
  const out = runbooks.flatMap((r) => lintRunbook(r, o));
  if (o.rules) out.push(...lintCoverage(runbooks, o.rules, o));
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

export function formatProblem(p: LintProblem): string {
  const where = `${p.file}:${p.line}${p.column ? `:${p.column}` : ''}`;
  return `${where}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
}
