// The context a use case runs in, read without making its clients: the resolved context with its warnings said and
// `--timeout` read. The TUI reads this before its first frame and makes the clients after it (context.ts), so the
// HTTP clients load while the frame is already on screen.
import { readContext } from '../backends/config/read-context.js';
import type { GlobalOptions, ResolvedContext } from '../backends/config/context-resolution.js';
import { durationFlag } from '../domain/duration.js';

/** What picks the context: --context, --config, URLs given by flag, and --timeout. */
export interface ContextRequest extends GlobalOptions {
  timeout?: string;
}

export interface ContextSettings {
  ctx: ResolvedContext;
  timeoutMs?: number;
}

const stderrWarning = (w: string) => void process.stderr.write(`oncall: warning: ${w}\n`);

/** The resolved context, its warnings said, `--timeout` read (a usage error when it is not a positive duration). */
export async function readContextSettings(
  req: ContextRequest,
  env: NodeJS.ProcessEnv = process.env,
  warn: (line: string) => void = stderrWarning,
): Promise<ContextSettings> {
  const ctx = await readContext(req, env);
  for (const w of ctx.warnings) warn(w);
  return { ctx, timeoutMs: req.timeout !== undefined ? durationFlag('--timeout', req.timeout, '5s') : undefined };
}
