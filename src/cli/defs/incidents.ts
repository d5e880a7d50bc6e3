// Incident commands: incidents (alerts grouped by causal chain, root cause first) and rules (the causal rules in use).
import type { Command } from 'commander';
import { globalsOf } from '../globals.js';

export function defineIncidentsCommands(program: Command): void {
  program
    .command('incidents')
    .description('alerts grouped into incidents by causal chain, root cause first, symptoms beneath their cause')
    .option('--json', 'machine-readable output')
    .option('--active-only', 'leave out silenced and inhibited alerts (and group the rest)')
    .option('-f, --filter <matchers>', 'show the incidents that hold an alert matching these Alertmanager matchers, whole (root cause included)')
    .action(async (opts, cmd: Command) => {
      const { runIncidents } = await import('../commands/incidents.js');
      await runIncidents(globalsOf(cmd), opts);
    });

  program
    .command('rules')
    .description('the causal rules in effect: built-in chains, causal_rules from the config, and the Alertmanagers\' inhibit_rules')
    .option('--json', 'machine-readable output')
    .action(async (opts, cmd: Command) => {
      const { runRules } = await import('../commands/rules.js');
      await runRules(globalsOf(cmd), opts);
    });
}
