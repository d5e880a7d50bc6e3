// The command line. Only commander is loaded up front: each command imports its clients when it runs, so
// `oncall --help` starts fast, and a command line that names a command defines that command alone. The TUI comes in
// as `startTui`, and the version, from the entry point (src/main.ts), which answers `--version` alone without
// loading this file.
import { Command, CommanderError } from 'commander';
import { defineCoreCommands } from './defs/core.js';
import { defineIncidentsCommands } from './defs/incidents.js';
import { defineRunbookCommands } from './defs/runbook.js';
import { definePanelsCommands } from './defs/panels.js';
import { defineSilenceCommands } from './defs/silence.js';
import { defineHistoryCommands } from './defs/history.js';
import { defineStatuslineCommands } from './defs/statusline.js';
import { defineHandoffCommands } from './defs/handoff.js';
import type { StartTui } from './globals.js';
import { stateWarningsToStderr } from './state-warnings.js';
import { writeErr } from './output.js';
import { commandOf } from './start-args.js';

export interface CommandGroup {
  /** The top-level commands it defines. */
  names: string[];
  /** Commands of other groups it adds subcommands to (defined after those groups). */
  adds?: string[];
  define: (program: Command, startTui: StartTui) => void;
}

/** Every command, by the file that defines it, in the order `oncall --help` lists them. */
export const COMMAND_GROUPS: CommandGroup[] = [
  { names: ['status', 'alerts', 'config', 'context', 'demo'], define: defineCoreCommands },
  { names: ['incidents', 'incident', 'rules'], define: defineIncidentsCommands },
  { names: ['runbook'], define: defineRunbookCommands },
  { names: ['slo', 'gpu', 'quality'], define: definePanelsCommands },
  { names: ['silence', 'ack'], define: defineSilenceCommands },
  { names: ['review', 'lint'], adds: ['rules', 'slo'], define: defineHistoryCommands },
  { names: ['statusline', 'watch'], define: defineStatuslineCommands },
  { names: ['handoff'], define: defineHandoffCommands },
];

/**
 * The groups a command line needs: when it names a command, the groups that define it or add to it (a subcommand's
 * parsing, help and errors involve only that command and the global options); otherwise all of them (`--help`,
 * `help`, a mistyped command and its suggestions, the TUI).
 */
export function groupsFor(args: string[]): CommandGroup[] {
  const name = commandOf(args);
  const needed = COMMAND_GROUPS.filter((g) => name !== undefined && (g.names.includes(name) || g.adds?.includes(name)));
  return needed.length ? needed : COMMAND_GROUPS;
}

/** The command line for `args` (process.argv without node and the script): the program with the commands it needs. */
export function buildProgram(args: string[], startTui: StartTui, version: string): Command {
  const program = new Command('oncall')
    .description(
      'On-call assistant for ML platforms: incidents by causal chain, SLO burn rates, GPU memory, runbooks and safe silences, over Prometheus and Alertmanager.\n\nRun with no command for the interactive terminal UI.',
    )
    .version(version, '-v, --version')
    .option('--context <name>', 'context from the config file (env ONCALL_CONTEXT)')
    .option('--config <file>', 'config file (env ONCALL_CONFIG)')
    .option('--prometheus <url>', 'Prometheus URL, overrides the context (env ONCALL_PROMETHEUS_URL)')
    .option(
      '--alertmanager <url>',
      'Alertmanager URL, repeatable for HA or several clusters (env ONCALL_ALERTMANAGER_URL)',
      (v: string, acc: string[] | undefined) => [...(acc ?? []), v],
    )
    .option('--timeout <duration>', 'HTTP timeout per request, e.g. 5s')
    .option('--no-color', 'no colours (also NO_COLOR=1)')
    .showHelpAfterError('(run oncall --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => writeErr(s) })
    .allowExcessArguments()
    .action(async () => {
      // With a default action commander takes a mistyped command for an argument: report it as an unknown command.
      if (program.args.length) (program as unknown as { unknownCommand(): never }).unknownCommand();
      const { runTui } = await import('./commands/tui.js');
      await runTui(program.opts(), startTui);
    });

  program.hook('preAction', stateWarningsToStderr);

  // Only the command that runs is defined: defining all of them takes a few milliseconds before its first request.
  for (const g of groupsFor(args)) g.define(program, startTui);
  return program;
}

export async function runCli(argv: string[], startTui: StartTui, version: string): Promise<void> {
  const program = buildProgram(argv.slice(2), startTui, version);
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version exit 0; every other commander error is a usage error.
      process.exit(e.exitCode === 0 ? 0 : 2);
    }
    const { reportError } = await import('./errors.js');
    process.exit(reportError(e));
  }
}
