// Global options of every subcommand. Kept apart from the context (src/app/context.ts), which loads the config
// and HTTP clients, so that the command definitions (loaded on every start, even for --version) import nothing heavy.
import type { Command } from 'commander';
import type { ContextRequest } from '../app/alertmanager-context.js';

export interface CliGlobals extends ContextRequest {
  color?: boolean;
}

/** Global options, wherever on the command line they were given. */
export function globalsOf(cmd: Command): CliGlobals {
  return cmd.optsWithGlobals() as CliGlobals;
}

/** Runs the interactive UI on a context; given by the entry point (src/main.ts), so cli/ never imports ui/. */
export type StartTui = (g: CliGlobals) => Promise<void>;
