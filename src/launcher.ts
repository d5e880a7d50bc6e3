#!/usr/bin/env node
// The executable that `bin` points to: a CommonJS file, so that `oncall --version` is answered before Node starts
// its ES-module loader (some 10 ms of a 60-80 ms start on the benchmark machine). Every other command line goes to
// the ES-module bundle (src/main.ts), which the TUI and the commands need.
import { startRoute } from './cli/start-args.js';
import { VERSION } from './cli/version.js';

if (startRoute(process.argv.slice(2))?.kind === 'version') process.stdout.write(`${VERSION}\n`);
else void import('./main.js');
