// Turns every failure into one clear line on stderr and an exit code: 1 for errors, 2 for usage.
import { BackendError } from '../backends/errors.js';
import { ConfigError } from '../backends/config/config-error.js';
import { MatcherParseError } from '../domain/matchers/format.js';
import { DurationError } from '../domain/duration.js';
import { StackError } from '../backends/localstack.js';
import { writeErr } from './output.js';

/** An error the user made on the command line: exit code 2. */
export class UsageError extends Error {}

export function reportError(e: unknown): number {
  const say = (s: string) => writeErr(`oncall: ${s}\n`);
  if (e instanceof MatcherParseError) {
    say(`bad matcher: ${e.reason} (position ${e.position})`);
    writeErr(`  ${e.input}\n  ${' '.repeat(Math.max(0, e.position - 1))}^\n`);
    writeErr(`  matchers look like: alertname="GPUMemoryOOM", severity=~"critical|warning", cluster!="dev"\n`);
    return 2;
  }
  if (e instanceof DurationError || e instanceof UsageError) {
    say(e.message);
    return 2;
  }
  if (e instanceof ConfigError) {
    say(e.message);
    return e.usage ? 2 : 1;
  }
  if (e instanceof BackendError || e instanceof StackError) {
    say(e.message);
    return 1;
  }
  if ((e as NodeJS.ErrnoException)?.code === 'EPIPE') return 0;
  say(`unexpected error: ${(e as Error)?.message ?? String(e)}`);
  if (process.env.ONCALL_DEBUG) writeErr(`${(e as Error)?.stack ?? ''}\n`);
  return 1;
}
