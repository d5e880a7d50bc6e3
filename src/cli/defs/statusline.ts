// Outside the window: statusline (one line for tmux, starship or a prompt) and watch (the TUI's background duties
// without the TUI: state file, notifications, until-resolved silences).
import type { Command } from 'commander';
import { globalsOf } from '../globals.js';

export function defineStatuslineCommands(program: Command): void {
  program
    .command('statusline')
    .description(
      'one short line of incident counts for tmux status-right, starship or a prompt (from the state file a running oncall keeps)',
    )
    .option('--format <format>', 'text (symbols), plain (ASCII), tmux (with #[fg=…] colours) or json', 'text')
    .action(async (opts, cmd: Command) => {
      const { runStatusline } = await import('../commands/statusline.js');
      process.exitCode = await runStatusline(globalsOf(cmd), opts);
    });

  program
    .command('watch')
    .description(
      'without the TUI: keep the state file for statusline, notify new critical incidents, expire until-resolved silences',
    )
    .option('--interval <duration>', 'how often to look (default: the context refresh_interval)')
    .option('--once', 'one round, then exit')
    .action(async (opts, cmd: Command) => {
      const { runWatch } = await import('../commands/watch.js');
      process.exitCode = await runWatch(globalsOf(cmd), opts);
    });
}
