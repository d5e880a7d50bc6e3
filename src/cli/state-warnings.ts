// Damaged or unwritable state files (memory, progress, registries) are warnings on stderr, never fatal, whichever
// command reads them. Set as a command starts, by commander's hook (main.ts) and by the routes that skip commander
// (direct.ts), so that `--version` and `--help` load no state module; a command that reports elsewhere (watch's
// log, the TUI's notifications) sets its own sink when it runs.
export async function stateWarningsToStderr(): Promise<void> {
  const [{ setStateWarningSink }, { warn }] = await Promise.all([
    import('../backends/state-store.js'),
    import('./output.js'),
  ]);
  setStateWarningSink(warn);
}
