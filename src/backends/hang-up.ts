// Leaving when the terminal hangs up (its window closed, its SSH connection dropped). The exit handlers run as on
// exit() (the demo's servers stopped, the screen's restore attempted), but the process then ends by SIGHUP's default
// action instead of exit(): at exit Node puts the terminal back in the modes it found at start, which fails on a
// terminal that hung up, and Node 20 then aborts (nodejs/node#51519, fixed in 22 and 24). Closing the window left a
// core dump, or a segfault when the abort itself crashed. State files are written whole (a temporary file renamed)
// when they are made, so none is left half written. Every exit that can follow a hang-up (a signal, a failed write
// to the terminal) goes through exitOrHangUp.
import fs from 'node:fs';

/**
 * Whether stdin, stdout or stderr is a terminal that hung up: an empty write to it fails with EIO (to a live one it
 * does nothing; to a pipe or a file it does nothing or fails otherwise). A signal sent by hand leaves the terminal
 * there, and the exit then restores it as usual.
 */
function terminalHungUp(): boolean {
  for (const fd of [0, 1, 2]) {
    try {
      fs.writeSync(fd, '');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EIO') return true;
    }
  }
  return false;
}

/** Runs the exit handlers, then ends the process by SIGHUP (exit status 129 to a shell). */
function hangUp(): void {
  process.exitCode = 129;
  process.emit('exit', 129);
  // With no listener left Node gives SIGHUP back its default action, which ends the process at once.
  process.removeAllListeners('SIGHUP');
  process.kill(process.pid, 'SIGHUP');
}

/** exit(code), or, when a terminal of the process has hung up, the end a hang-up gives. */
export function exitOrHangUp(code: number): never {
  if (terminalHungUp()) hangUp();
  process.exit(code);
}

/**
 * Whether `e` is the failure of a write or read on a terminal that hung up (EIO, and the terminal gone): no error
 * to report, since no one is left to read it. An EIO from a disk is not.
 */
export function isHangUp(e: unknown): boolean {
  return (e as NodeJS.ErrnoException | undefined)?.code === 'EIO' && terminalHungUp();
}
