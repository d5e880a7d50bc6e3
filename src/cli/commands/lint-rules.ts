// oncall lint rules FILE… [--alertmanager-config FILE]: `file:line: severity: message`, exit 1 on errors.
import fs from 'node:fs';
import type { CliGlobals } from '../globals.js';
import { write, writeJson } from '../output.js';
import { parseLintRules, type LintRule } from '../../domain/lint/rule-file.js';
import { lintRule, type Finding } from '../../domain/lint/rules-lint.js';
import { lintAlertmanagerConfig } from '../../domain/lint/alertmanager-lint.js';
import { RuleFileError } from '../../domain/runbook/rules.js';
import { durationFlag } from '../../domain/duration.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { OncallError } from '../../domain/errors.js';

export interface LintRulesOptions {
  alertmanagerConfig?: string;
  evaluationInterval: string;
  json?: boolean;
  strict?: boolean;
}

function read(flag: string, f: string): string {
  try {
    return fs.readFileSync(f, 'utf8');
  } catch (e) {
    throw new OncallError(
      'usage',
      `${flag}${f}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
    );
  }
}

export async function runLintRules(_g: CliGlobals, files: string[], o: LintRulesOptions): Promise<number> {
  if (!files.length && !o.alertmanagerConfig)
    throw new OncallError('usage', 'give one or more Prometheus rule files, and/or --alertmanager-config FILE');
  durationFlag('--evaluation-interval', o.evaluationInterval, '1m');
  const findings: Finding[] = [];
  const rules: LintRule[] = [];
  for (const f of files) {
    const text = read('', f);
    try {
      const parsed = parseLintRules(f, text);
      rules.push(...parsed);
      for (const r of parsed) findings.push(...lintRule(f, r, { evaluationInterval: o.evaluationInterval }));
    } catch (e) {
      if (!(e instanceof RuleFileError)) throw e;
      findings.push({
        file: e.file,
        line: e.line,
        severity: 'error',
        message: e.message.slice(`${e.file}:${e.line}: `.length),
      });
    }
  }
  if (o.alertmanagerConfig) {
    const known = rules.filter((r) => r.kind === 'alert').map((r) => ({ name: r.name, labels: r.labels }));
    findings.push(
      ...lintAlertmanagerConfig(
        o.alertmanagerConfig,
        read('--alertmanager-config ', o.alertmanagerConfig),
        known.length ? known : undefined,
      ),
    );
  }
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  if (o.json) {
    await writeJson({ errors, warnings, findings: findings.map((f) => ({ ...f, message: sanitizeLine(f.message) })) });
  } else {
    const lines = findings.map((f) => sanitizeLine(`${f.file}:${f.line}: ${f.severity}: ${f.message}`));
    const alerts = rules.filter((r) => r.kind === 'alert').length;
    lines.push(
      findings.length
        ? `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${alerts} alerting rules`
        : `${alerts} alerting rules${o.alertmanagerConfig ? ' and the Alertmanager config' : ''}: no problems`,
    );
    await write(lines.join('\n') + '\n');
  }
  return errors > 0 || (o.strict && warnings > 0) ? 1 : 0;
}
