// The command line. Only commander is loaded up front: each command imports its clients when it runs, so
// `oncall --help` starts fast. The TUI comes in as `startTui`, and the version, from the entry point (src/main.ts),
// which answers `--version` alone without loading this file.
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

export async function runCli(argv: string[], startTui: StartTui, version: string): Promise<void> {
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

  defineCoreCommands(program, startTui);
  defineIncidentsCommands(program);
  defineRunbookCommands(program);
  definePanelsCommands(program);
  defineSilenceCommands(program);
  defineHistoryCommands(program);
  defineStatuslineCommands(program);
  defineHandoffCommands(program);

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
