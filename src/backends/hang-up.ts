// Leaving when the terminal hangs up (its window closed, its SSH connection dropped). The exit handlers run as on
// exit() (the demo's servers stopped, the screen's restore attempted), but the process then ends by SIGHUP's default
// action instead of exit(): at exit Node puts the terminal back in the modes it found at start, which fails on a
// terminal that hung up, and Node 20 then aborts (nodejs/node#51519, fixed in 22 and 24). Closing the window left a
// core dump, or a segfault when the abort itself crashed. State files are written whole (a temporary file renamed)
// when they are made, so none is left half written.

/** A write or read on the terminal failed because it is gone (EIO after a hang-up). */
export function terminalGone(e: unknown): boolean {
  return (e as NodeJS.ErrnoException | undefined)?.code === 'EIO';
}

/** Runs the exit handlers, then ends the process by SIGHUP (exit status 129 to a shell). */
export function hangUp(): void {
  process.exitCode = 129;
  process.emit('exit', 129);
  // With no listener left Node gives SIGHUP back its default action, which ends the process at once.
  process.removeAllListeners('SIGHUP');
  process.kill(process.pid, 'SIGHUP');
}
