// Global options of every subcommand. Kept apart from context.ts, which loads the config and HTTP clients, so that
// the command definitions (loaded on every start, even for --version) import nothing heavy.
import type { Command } from 'commander';
import type { GlobalOptions } from '../backends/config/context-resolution.js';

export interface CliGlobals extends GlobalOptions {
  timeout?: string;
  color?: boolean;
}

/** Global options, wherever on the command line they were given. */
export function globalsOf(cmd: Command): CliGlobals {
  return cmd.optsWithGlobals() as CliGlobals;
}
