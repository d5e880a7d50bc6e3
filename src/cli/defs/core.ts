// Foundation commands: status, alerts, config, context, demo.
import type { Command } from 'commander';
import { globalsOf, type StartTui } from '../globals.js';

export function defineCoreCommands(program: Command, startTui: StartTui): void {
  program
    .command('status')
    .description('each backend: reachable, version, cluster peers, latency')
    .option('--json', 'machine-readable output')
    .action(async (opts, cmd: Command) => {
      const { runStatus } = await import('../commands/status.js');
      process.exitCode = await runStatus(globalsOf(cmd), opts);
    });

  program
    .command('alerts')
    .description('alerts from every Alertmanager of the context, deduplicated (all states unless narrowed)')
    .option('--json', 'machine-readable output')
    .option('-f, --filter <matchers>', 'Alertmanager matchers, e.g. \'alertname=~"High.*", severity="critical"\'')
    .option('--active-only', 'only active alerts (leave out silenced and inhibited ones)')
    .option('-s, --silenced', 'only silenced alerts (combine with --inhibited)')
    .option('-i, --inhibited', 'only inhibited alerts (combine with --silenced)')
    .action(async (opts, cmd: Command) => {
      const { runAlerts } = await import('../commands/alerts.js');
      await runAlerts(globalsOf(cmd), opts);
    });

  const config = program.command('config').description('the configuration file');
  config
    .command('path')
    .description('print the config file path')
    .action(async (_opts, cmd: Command) => {
      const { runConfigPath } = await import('../commands/config.js');
      await runConfigPath(globalsOf(cmd));
    });
  config
    .command('show')
    .description('print the effective configuration of the context, secrets redacted')
    .option('--json', 'machine-readable output')
    .action(async (opts, cmd: Command) => {
      const { runConfigShow } = await import('../commands/config.js');
      await runConfigShow(globalsOf(cmd), opts);
    });

  const context = program.command('context').description('named contexts, like kubeconfig');
  context
    .command('ls')
    .description('list contexts; * marks the current one')
    .option('--json', 'machine-readable output')
    .action(async (opts, cmd: Command) => {
      const { runContextList } = await import('../commands/context.js');
      await runContextList(globalsOf(cmd), opts);
    });
  context
    .command('use <name>')
    .description('make NAME the current context')
    .action(async (name: string, _opts, cmd: Command) => {
      const { runContextUse } = await import('../commands/context.js');
      await runContextUse(globalsOf(cmd), name);
    });
  context
    .command('add <name>')
    .description('add or replace a context')
    .requiredOption('--prometheus-url <url>', 'Prometheus URL')
    .option('--alertmanager-url <url>', 'Alertmanager URL (repeatable)', (v: string, acc: string[] | undefined) => [
      ...(acc ?? []),
      v,
    ])
    .option('--read-only', 'refuse every write (silences, acks) in this context')
    .option('--bearer-token-file <file>', 'file holding a bearer token for both backends')
    .option('--bearer-token-env <name>', 'environment variable holding a bearer token for both backends')
    .option('--ca-file <file>', 'CA certificate(s) to trust for https URLs')
    .option('--insecure-skip-verify', 'do not verify TLS certificates (explicit opt-in)')
    .option(
      '--header <name:value>',
      'extra HTTP header, e.g. X-Scope-OrgID:team (repeatable)',
      (v: string, acc: string[] | undefined) => [...(acc ?? []), v],
    )
    .option('--use', 'also make it the current context')
    .action(async (name: string, opts, cmd: Command) => {
      const { runContextAdd } = await import('../commands/context.js');
      await runContextAdd(globalsOf(cmd), name, opts);
    });

  program
    .command('demo')
    .description('start a local Prometheus, Alertmanager and simulated ML service, then open the TUI on them')
    .option(
      '--scenario <name>',
      'play one incident: resource-squeeze, cascading-crash, silent-degradation, feature-pipeline, or all of them at once with "all" (default: each in turn, on a loop; env ONCALL_DEMO_SPEED=4 plays them 4x faster)',
    )
    .option('--no-tui', 'only run the stack and print its URLs (Ctrl-C stops it)')
    .action(async (opts, cmd: Command) => {
      const { runDemo } = await import('../commands/demo.js');
      await runDemo(globalsOf(cmd), opts, startTui);
    });
}
