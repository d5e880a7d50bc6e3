// Runbook resolution for a context, for `oncall runbook` and the TUI's runbook view alike: the folders of the
// context (relative to its config file) after any given ones, the shipped runbooks last.
import path from 'node:path';
import type { ResolvedContext } from '../backends/config/context-resolution.js';
import { RunbookLibrary, runbookDirs } from '../backends/runbooks.js';

/** The runbook folders of a context, in search order; `extra` (e.g. `--dir`) comes first. */
export function contextRunbookDirs(ctx: ResolvedContext, extra: readonly string[] = []): string[] {
  return [...extra.map((d) => path.resolve(d)), ...runbookDirs(ctx.settings.runbook_dirs, ctx.configPath)];
}

export function runbookLibraryFor(ctx: ResolvedContext, extra: readonly string[] = []): RunbookLibrary {
  return new RunbookLibrary(contextRunbookDirs(ctx, extra));
}
