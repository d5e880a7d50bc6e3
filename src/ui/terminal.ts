// The alternate screen and its restoration. Ink 6 has no alternate-screen option, so the app enters it itself
// and restores the user's screen, cursor and cooked mode on every way out: q, Ctrl-C, SIGINT/SIGTERM/SIGHUP,
// a crash (uncaught exception or unhandled rejection) and plain process exit. A terminal that hung up is left as
// SIGHUP's default action leaves it, not through exit() (src/backends/hang-up.ts).
import fs from 'node:fs';
import { exitOrHangUp, isHangUp } from '../backends/hang-up.js';
import { sanitizeText } from '../domain/sanitize.js';

export const ENTER = '\u001b[?1049h\u001b[H\u001b[2J';
export const LEAVE = '\u001b[?25h\u001b[?1049l';

export interface TerminalGuard {
  /** Restores the terminal (idempotent) and removes the process hooks. */
  restore(): void;
}

export interface GuardHooks {
  /** Called on a signal before the terminal is restored (e.g. unmount Ink). */
  onSignal?: (signal: NodeJS.Signals) => void;
}

function writeSync(out: NodeJS.WriteStream, s: string): void {
  try {
    const fd = (out as unknown as { fd?: number }).fd;
    // Synchronous, so the restore reaches the terminal even from an 'exit' handler.
    if (typeof fd === 'number') fs.writeSync(fd, s);
    else out.write(s);
  } catch {
    /* the terminal is gone; nothing left to restore */
  }
}

export function enterAlternateScreen(
  out: NodeJS.WriteStream = process.stdout,
  input: NodeJS.ReadStream = process.stdin,
  hooks: GuardHooks = {},
): TerminalGuard {
  let restored = false;
  const restoreScreen = () => {
    if (restored) return;
    restored = true;
    try {
      if (input.isTTY) input.setRawMode(false);
    } catch {
      /* stdin already closed */
    }
    writeSync(out, LEAVE);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    try {
      hooks.onSignal?.(signal);
    } finally {
      restoreScreen();
      exitOrHangUp(128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as Record<string, number>)[signal]!);
    }
  };
  const onCrash = (e: unknown) => {
    restoreScreen();
    // A frame written to a terminal that hung up fails with EIO, often before the SIGHUP arrives: nobody is left to
    // read a message, and none could be written. (An EIO from elsewhere, a disk, is reported as any error.)
    if (isHangUp(e)) exitOrHangUp(1);
    // Error messages can quote server text: sanitised like everything else written.
    process.stderr.write(sanitizeText(`oncall: unexpected error: ${(e as Error)?.message ?? String(e)}\n`));
    if (process.env.ONCALL_DEBUG) process.stderr.write(sanitizeText(`${(e as Error)?.stack ?? ''}\n`));
    exitOrHangUp(1);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, onSignal);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  process.on('exit', restoreScreen);
  writeSync(out, ENTER);
  return {
    restore() {
      restoreScreen();
      for (const s of signals) process.off(s, onSignal);
      process.off('uncaughtException', onCrash);
      process.off('unhandledRejection', onCrash);
      process.off('exit', restoreScreen);
    },
  };
}
