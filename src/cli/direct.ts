// The commands src/cli/start-args.ts recognises, run without commander: what commander's action and hooks in
// main.ts do for them, in the same order, with the same error reporting and exit codes.
import type { CliGlobals, StartTui } from './globals.js';
import type { StartRoute } from './start-args.js';
import { stateWarningsToStderr } from './state-warnings.js';

async function statusline(format: string): Promise<void> {
  stateWarningsToStderr();
  const { runStatusline } = await import('./commands/statusline.js');
  // commander's options of `statusline`: the globals (colour on by default) and --format.
  const g: CliGlobals = { color: true };
  process.exitCode = await runStatusline(g, { format });
}

async function tui(g: CliGlobals, startTui: StartTui): Promise<void> {
  stateWarningsToStderr();
  const { runTui } = await import('./commands/tui.js');
  await runTui(g, startTui);
}

export async function runDirect(route: Exclude<StartRoute, { kind: 'version' }>, startTui: StartTui): Promise<void> {
  try {
    if (route.kind === 'statusline') await statusline(route.format);
    else await tui(route.globals, startTui);
  } catch (e) {
    const { reportError } = await import('./errors.js');
    process.exit(reportError(e));
  }
}
