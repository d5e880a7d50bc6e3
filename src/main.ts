#!/usr/bin/env node
// The executable: the command line (src/cli) with the terminal UI (src/ui) plugged in, so neither imports the
// other. The UI loads only when it runs.
import nodeModule from 'node:module';
import { runCli } from './cli/main.js';

// Node 22.1+ keeps V8's compiled code of the bundle on disk, so later starts skip most of the compiling (measured in
// bench/RESULTS.md); on Node 20 there is no such cache and this does nothing.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// The bundle keeps source maps: with ONCALL_DEBUG set, stack traces name src/ files (the chunks loaded from here on).
if (process.env.ONCALL_DEBUG) process.setSourceMapsEnabled(true);

await runCli(process.argv, async (g) => (await import('./ui/start.js')).startApp(g));
