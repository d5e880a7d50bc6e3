// Incident commands: incidents (alerts grouped by causal chain, root cause first) and rules (the causal rules in use).
import type { Command } from 'commander';
import { globalsOf } from '../globals.js';

export function defineIncidentsCommands(program: Command): void {
  program
    .command('incidents')
    .description('alerts grouped into incidents by causal chain, root cause first, symptoms beneath their cause')
    .option('--json', 'machine-readable output')
    .option('--active-only', 'leave out silenced and inhibited alerts (and group the rest)')
    .option(
      '-f, --filter <matchers>',
      'show the incidents that hold an alert matching these Alertmanager matchers, whole (root cause included)',
    )
    .option(
      '--include-resolved <duration>',
      'also list the incidents whose alerts all resolved within this duration (from incident memory)',
    )
    .option(
      '--since <duration>',
      "fill incident memory from Prometheus's ALERTS history over this window (alerts that resolved while no oncall ran); lists the incidents resolved in it",
    )
    .action(async (opts, cmd: Command) => {
      const { runIncidents } = await import('../commands/incidents.js');
      await runIncidents(globalsOf(cmd), opts);
    });

  program
    .command('incident <id>')
    .description(
      'one incident by ID (or one of its fingerprints), firing or recently resolved; --timeline: what happened to it, in order',
    )
    .option('--json', 'machine-readable output')
    .option(
      '--timeline',
      'alerts firing and resolving, silences and acks on its alerts, runbook steps done with notes and check results',
    )
    .action(async (id: string, opts, cmd: Command) => {
      const { runIncident } = await import('../commands/incident.js');
      await runIncident(globalsOf(cmd), id, opts);
    });

  program
    .command('rules')
    .description(
      "the causal rules in effect: built-in chains, causal_rules from the config, and the Alertmanagers' inhibit_rules",
    )
    .option('--json', 'machine-readable output')
    .action(async (opts, cmd: Command) => {
      const { runRules } = await import('../commands/rules.js');
      await runRules(globalsOf(cmd), opts);
    });
}
