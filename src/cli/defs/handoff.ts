// oncall handoff: what the next person on call must know, as Markdown to paste or as JSON.
import type { Command } from 'commander';
import { globalsOf } from '../globals.js';

export function defineHandoffCommands(program: Command): void {
  program
    .command('handoff')
    .description(
      'the shift handoff: open incidents, incidents resolved in the window, silences and acks, runbooks in progress, SLO budget burned, GPUs filling up, models with a quality alert (Markdown for Slack, a ticket or a wiki; exit 1 when a backend is down, after the report)',
    )
    .option('--since <duration>', 'the window the report covers, up to now', '12h')
    .option('--format <format>', 'md (Markdown tables) or json', 'md')
    .option('--json', 'the same as --format json')
    .action(async (opts, cmd: Command) => {
      const { runHandoff } = await import('../commands/handoff.js');
      process.exitCode = await runHandoff(globalsOf(cmd), opts);
    });
}
