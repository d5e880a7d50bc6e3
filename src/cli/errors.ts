// Any failure of a command as lines on stderr and an exit code; what is said and the code come from the error
// itself (src/domain/errors.ts).
import { describeError } from '../domain/errors.js';
import { writeErr } from './output.js';

export function reportError(e: unknown): number {
  if ((e as NodeJS.ErrnoException)?.code === 'EPIPE') return 0;
  const { lines, exitCode } = describeError(e);
  const [first = '', ...rest] = lines;
  writeErr(`oncall: ${first}\n${rest.map((l) => `${l}\n`).join('')}`);
  if (process.env.ONCALL_DEBUG) writeErr(`${(e as Error)?.stack ?? ''}\n`);
  return exitCode;
}
