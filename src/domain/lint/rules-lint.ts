// The alerting-rule linter: burn rates, units of rate()/increase() against the text, histogram_quantile, ratios
// against counts, on() with no labels, metadata, and for: against the evaluation interval.
import { checkPromql } from '../runbook/promql.js';
import { formatDuration, parseDuration } from '../duration.js';
import { comparisons, emptyOnMatches, parsePromql, quantileProblems, shapeOf } from './promql-ast.js';
import { isBurnRateRule, lintBurnRate } from './burn-rate.js';
import type { LintRule } from './rule-file.js';

export interface Finding {
  file: string;
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface RuleLintOptions {
  /** Prometheus's global evaluation_interval, for groups without interval:. */
  evaluationInterval?: string;
  /** The SLO assumed for burn-rate rules that do not state theirs. */
  defaultObjective?: number;
}

const UNIT_SECONDS: Record<string, number> = {
  s: 1,
  sec: 1,
  second: 1,
  m: 60,
  min: 60,
  minute: 60,
  h: 3600,
  hr: 3600,
  hour: 3600,
  d: 86400,
  day: 86400,
};
const num = (x: number) => String(Math.round(x * 1000) / 1000);

/** "6 restarts/hour", ">6/hour", "10 per minute": the count and the seconds it is per. */
export function statedRate(text: string): { n: number; per: number; unit: string } | undefined {
  const m =
    /(\d+(?:\.\d+)?)\s*(?:[a-z]+\s*)?(?:\/|\bper\s+|\ban?\s+)(second|sec|s|minute|min|m|hour|hr|h|day|d)\b/i.exec(text);
  if (!m) return undefined;
  const unit = m[2]!.toLowerCase();
  return { n: Number(m[1]), per: UNIT_SECONDS[unit]!, unit };
}

function perWord(s: number): string {
  return s === 1
    ? 'second'
    : s === 60
      ? 'minute'
      : s === 3600
        ? 'hour'
        : s === 86400
          ? 'day'
          : formatDuration(s * 1000);
}

function secondsOf(d: string | undefined): number | undefined {
  if (d === undefined) return undefined;
  try {
    return parseDuration(d) / 1000;
  } catch {
    return undefined;
  }
}

export function lintRule(file: string, r: LintRule, o: RuleLintOptions = {}): Finding[] {
  const out: Finding[] = [];
  const add = (line: number, severity: Finding['severity'], message: string) =>
    out.push({ file, line, severity, message: `${r.name}: ${message}` });
  const syntax = checkPromql(r.expr);
  if (syntax) {
    add(r.exprLine, 'error', syntax.message);
    return out;
  }
  if (r.kind === 'record') return out;
  const q = r.expr;
  const root = parsePromql(q);
  const text = `${r.annotations.summary ?? ''} ${r.annotations.description ?? ''} ${r.comments}`;
  const burn = isBurnRateRule(r, q, root);
  if (burn) for (const f of lintBurnRate(r, q, root, o.defaultObjective ?? 0.999)) add(f.line, 'error', f.message);
  for (const c of comparisons(q, root)) {
    const s = shapeOf(q, c.lhs);
    const lhs = q.slice(c.lhs.from, c.lhs.to).trim();
    if (s.kind === 'rate' && !burn) {
      const stated = statedRate(text);
      const w = s.windows[0] ?? 300;
      const per = s.fn === 'increase' ? w : 1; // rate() is per second; increase() per its window
      if (stated) {
        const meant = (stated.n / stated.per) * per;
        if (Math.abs(c.threshold / meant - 1) > 0.2) {
          const actual = (c.threshold / per) * stated.per;
          add(
            r.exprLine,
            'error',
            `${s.fn}() is per ${perWord(per)}: ${lhs} > ${num(c.threshold)} means ${num(actual)} per ${perWord(stated.per)}, but the text says ${num(stated.n)} per ${perWord(stated.per)}; for that write ${s.fn === 'increase' ? `increase(${s.metric ?? 'x'}[${formatDuration(stated.per * 1000)}]) > ${num(stated.n)}` : `${lhs} > ${num(stated.n)} / ${stated.per}, or increase(${s.metric ?? 'x'}[${formatDuration(stated.per * 1000)}]) > ${num(stated.n)}`}`,
          );
        }
      }
      if (/\d\s*%|\bratio\b|\bpercent/i.test(text) && c.threshold < 1) {
        add(
          r.exprLine,
          'error',
          `compares ${lhs}, ${s.metric ?? 'events'} per ${perWord(per)}, with ${num(c.threshold)} while the text speaks of a ratio or percentage: a ratio needs its denominator, e.g. ${lhs} / ${s.fn}(<total counter>[${formatDuration(w * 1000)}]) > ${num(c.threshold)}`,
        );
      }
    }
    if (s.kind === 'ratio' && c.threshold > 1 && (c.op === 'Gtr' || c.op === 'Gte')) {
      add(
        r.exprLine,
        'error',
        `compares a ratio (between 0 and 1) with ${num(c.threshold)}, which it can never exceed: a percentage or a count? write ${num(c.threshold / 100)} for ${num(c.threshold)}%`,
      );
    }
  }
  for (const p of quantileProblems(q, root)) add(r.exprLine, 'error', p.message);
  for (const m of emptyOnMatches(q, root))
    add(
      r.exprLine,
      'error',
      `"${m.op} on()" with no labels pairs any series on the left with any on the right: ${q.slice(m.node.from, m.node.to).replace(/\s+/g, ' ').slice(0, 80)} fires when both happen anywhere (a restart on one host and errors on another); name the labels they share, e.g. ${m.op} on(cluster, instance)`,
    );
  if (!r.labels.severity)
    add(
      r.line,
      'error',
      'no severity label: routing cannot tell a page from a ticket; add labels: {severity: critical|warning}',
    );
  if (!r.annotations.summary) add(r.line, 'warning', 'no summary annotation; add annotations: {summary: …}');
  if (!r.annotations.runbook_url) {
    add(
      r.line,
      'warning',
      r.annotations.runbook
        ? `runbook annotation ${JSON.stringify(r.annotations.runbook.slice(0, 40))} is not a runbook_url; put the link in runbook_url`
        : 'no runbook_url annotation; link the runbook',
    );
  }
  const interval = secondsOf(r.interval) ?? secondsOf(o.evaluationInterval ?? '1m') ?? 60;
  const forS = secondsOf(r.for) ?? 0;
  if (forS < 2 * interval) {
    add(
      r.forLine ?? r.line,
      'warning',
      `for: ${r.for ?? '0s (none)'} is shorter than twice the evaluation interval (${formatDuration(interval * 1000)}): one evaluation's blip fires it; use for: ${formatDuration(2 * interval * 1000)} or more`,
    );
  }
  return out;
}
