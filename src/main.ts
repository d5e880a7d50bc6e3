#!/usr/bin/env node
// The executable: the command line (src/cli) with the terminal UI (src/ui) plugged in, so neither imports the
// other. Kept small, as it is all that `oncall --version` loads: the commands run often (--version, statusline,
// the TUI with global options only) skip commander (src/cli/start-args.ts); everything else loads the command line.
// The UI loads only when it runs.
import nodeModule from 'node:module';
import { inTerminal, startRoute } from './cli/start-args.js';
import { VERSION } from './cli/version.js';
import type { StartTui } from './cli/globals.js';
import { keepYoungGenerationSmall, letYoungGenerationGrow } from './young-generation.js';

const route = startRoute(process.argv.slice(2));
if (route?.kind === 'version') process.stdout.write(`${VERSION}\n`);
else {
  // Node 22.1+ keeps V8's compiled code of the bundle on disk, so later starts skip most of the compiling
  // (measured in bench/RESULTS.md); on Node 20 there is no such cache and this does nothing.
  (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  // The bundle keeps source maps: with ONCALL_DEBUG set, stack traces name src/ files (the chunks loaded from here on).
  if (process.env.ONCALL_DEBUG) process.setSourceMapsEnabled(true);

  // The TUI's data worker starts here, before the rest of the start path loads: Node takes some 50-100 ms to start
  // a thread, and started this early it is ready when the context has been read (src/ui/data/spawn.ts).
  const early = route?.kind === 'tui' && inTerminal() ? (await import('./ui/data/spawn.js')).spawnEarly() : undefined;
  const startTui: StartTui = async (g) => {
    letYoungGenerationGrow(); // a command that starts the TUI (`oncall demo`, `oncall tui`)
    return (await import('./ui/start.js')).startApp(g, {}, early);
  };
  // statusline-fast.js is a bundle of its own (scripts/build.mjs): the state file's answer in one module.
  const answered =
    route?.kind === 'statusline' &&
    (await (await import('./cli/statusline-fast.js')).statuslineFromStateFile(route.format));
  if (!answered) {
    // Commands only, and not the state file's status line (nothing to hold, run every few seconds): the TUI's UI
    // thread keeps V8's sizing, and its worker has limits of its own (young-generation.ts).
    if (route?.kind !== 'tui') keepYoungGenerationSmall();
    if (route) await (await import('./cli/direct.js')).runDirect(route, startTui);
    else await (await import('./cli/main.js')).runCli(process.argv, startTui, VERSION);
  }
}
