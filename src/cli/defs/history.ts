// Commands over alert history and alerting rules: review (alert noise), rules suggest (causal rules learned from
// history), lint rules (Prometheus and Alertmanager configuration), slo rules (correct burn-rate rules).
import { Command, Option } from 'commander';
import { globalsOf } from '../globals.js';

const collect = (v: string, acc: string[]) => [...acc, v];
const num = (v: string) => Number(v);

function windowOptions(c: Command, since: string): Command {
  return c
    .option('--since <duration>', `how far back to read ALERTS (default ${since})`)
    .option('--until <time>', 'end of the window, RFC 3339 (default now)')
    .option('--step <duration>', 'evaluation interval of the alerting rules (default: read from Prometheus, else 1m)');
}

export function defineHistoryCommands(program: Command): void {
  windowOptions(program.command('review'), '30d')
    .description(
      "alert noise from Prometheus's ALERTS history and Alertmanager's silences: firings per week per alert and service (target 5–10), flapping, time firing, never acted on, missing metadata, and the change to make for each",
    )
    .option('--json', 'machine-readable output')
    .option('--md', 'markdown, to paste into a quarterly review document')
    .option(
      '--group-by <label>',
      'label naming a service or team (repeatable; default review.group_by, else service, team, job)',
      collect,
      [] as string[],
    )
    .action(async (opts, cmd: Command) => {
      const { runReview } = await import('../commands/review.js');
      await runReview(globalsOf(cmd), opts);
    });

  const rules = program.commands.find((c) => c.name() === 'rules');
  if (rules) {
    windowOptions(rules.command('suggest'), '14d')
      .description(
        "causal rules learned from ALERTS history: alert pairs that start together far more often than chance, as YAML for a context's causal_rules",
      )
      .option('--json', 'machine-readable output')
      .option('--min-support <n>', 'fewest co-started episode pairs', num, 5)
      .option('--min-confidence <x>', "least share of the effect's episodes that follow a cause", num, 0.5)
      .option('--min-lift <x>', 'least lift over independent rates', num, 3)
      .option(
        '--equal <label>',
        'candidate equal label (repeatable; default cluster plus the labels the pair shares)',
        collect,
        [] as string[],
      )
      .action(async (opts, cmd: Command) => {
        const { runRulesSuggest } = await import('../commands/rules-suggest.js');
        const json = Boolean(opts.json || (cmd.parent?.opts() as { json?: boolean } | undefined)?.json);
        await runRulesSuggest(globalsOf(cmd), { ...opts, json });
      });
  }

  program
    .command('lint')
    .description('check configuration files')
    .command('rules')
    .description(
      "check Prometheus alerting rule files: burn-rate thresholds and windows, rate units, histogram_quantile, ratios, and on(), metadata, for:; and Alertmanager's config with --alertmanager-config",
    )
    .argument('[files...]', 'Prometheus rule files')
    .option('--alertmanager-config <file>', 'an Alertmanager configuration file to check too')
    .option('--evaluation-interval <duration>', 'global evaluation interval, for groups without interval:', '1m')
    .option('--json', 'machine-readable output')
    .addOption(new Option('--strict', 'warnings fail too (exit 1)'))
    .action(async (files: string[], opts, cmd: Command) => {
      const { runLintRules } = await import('../commands/lint-rules.js');
      process.exitCode = await runLintRules(globalsOf(cmd), files, opts);
    });

  const slo = program.commands.find((c) => c.name() === 'slo');
  if (slo) {
    slo
      .command('rules')
      .description(
        'a Prometheus rule group per configured SLO: recording rules for the error ratio over each window, and multiwindow, multi-burn-rate page and ticket alerts (Google SRE Workbook)',
      )
      .action(async (_opts, cmd: Command) => {
        const { runSloRules } = await import('../commands/slo-rules.js');
        await runSloRules(globalsOf(cmd));
      });
  }
}
