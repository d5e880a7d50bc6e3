// Damaged or unwritable state files (memory, progress, registries) are warnings on stderr, never fatal, whichever
// command reads them. Set as a command starts, by commander's hook (main.ts) and by the routes that skip commander
// (direct.ts); the sink is a module of its own, so that this loads no state module (`--help` reads no state, and a
// command sends its first request before the store loads). A command that reports elsewhere (watch's log, the
// TUI's notifications) sets its own sink when it runs.
import { setStateWarningSink } from '../domain/state-warning-sink.js';
import { warn } from './output.js';

export function stateWarningsToStderr(): void {
  setStateWarningSink(warn);
}
