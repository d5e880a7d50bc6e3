// Runbook commands: print the runbook for an alert, lint runbook folders.
import type { Command } from 'commander';
import { globalsOf } from '../globals.js';

const collect = (v: string, acc: string[]) => [...acc, v];

export function defineRunbookCommands(program: Command): void {
  const runbook = program
    .command('runbook')
    .description('print the runbook for an alert (ALERTNAME or FINGERPRINT), placeholders filled from its labels')
    .argument('[alert]', 'an alert name, an alert fingerprint (looked up in the Alertmanagers), or a runbook .md file')
    .option('--json', 'machine-readable output')
    .option(
      '-l, --label <name=value>',
      'a label to fill placeholders with, e.g. --label instance=gpu-1 (repeatable)',
      collect,
      [] as string[],
    )
    .option('--check', "run the PromQL checks against the context's Prometheus and print their results")
    .option(
      '--dir <folder>',
      'also look in this runbook folder, before the configured ones (repeatable)',
      collect,
      [] as string[],
    )
    .option('--no-fetch', 'do not fetch a web runbook (runbook_url): show its cached copy, if any')
    .option('--refresh', 'fetch a web runbook anew, past the cache')
    .option('--open', "open the alert's runbook link in the browser; where none can open, print it")
    .action(async (alert: string | undefined, opts, cmd: Command) => {
      const { runRunbook } = await import('../commands/runbook.js');
      process.exitCode = await runRunbook(globalsOf(cmd), alert, opts);
    });

  runbook
    .command('lint')
    .description('check runbooks: frontmatter, matchers, PromQL, placeholders; with --rules, that every alert has one')
    .argument('[dir]', "runbook folder or file (default: the context's runbook folders and the shipped runbooks)")
    .option('--rules <file...>', 'Prometheus rule files whose alerts must each have a runbook')
    .option(
      '--external-label <name>',
      'a label every alert carries, e.g. a Prometheus external label (repeatable; default: cluster)',
      collect,
      [] as string[],
    )
    .option('--strict', 'warnings fail too (exit 1)')
    .option(
      '--check-urls',
      "with --rules: check that every alert's http(s) runbook_url answers (through runbooks.sources)",
    )
    .option('--json', 'machine-readable output')
    .action(async (dir: string | undefined, opts, cmd: Command) => {
      const { runRunbookLint } = await import('../commands/runbook-lint.js');
      // `runbook` has its own --json; commander gives it to the parent when both define it.
      const json = Boolean(opts.json || (cmd.parent?.opts() as { json?: boolean } | undefined)?.json);
      process.exitCode = await runRunbookLint(globalsOf(cmd), dir, { ...opts, json });
    });
}
