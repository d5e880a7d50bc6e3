import type { CliGlobals, StartTui } from '../globals.js';
import { OncallError } from '../../domain/errors.js';
import { inTerminal } from '../start-args.js';

export async function runTui(g: CliGlobals, startTui: StartTui): Promise<void> {
  if (!inTerminal()) {
    throw new OncallError(
      'usage',
      'the interactive UI needs a terminal; for scripts use a subcommand: oncall incidents --json, oncall alerts --json, oncall slo --json (see oncall --help)',
    );
  }
  await startTui(g);
}
