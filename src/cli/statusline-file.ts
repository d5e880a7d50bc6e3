// `oncall statusline` from the state file a running oncall keeps: the line it prints when that file is usable
// (younger than a minute, of the context asked for). Used by the command (commands/statusline.ts) and by the
// entry point's fast path (statusline-fast.ts), which the build bundles apart with its imports.
import { readStatusFile } from '../backends/status-file.js';
import {
  formatStatusline,
  STALE_AFTER_MS,
  statuslineJson,
  statusView,
  type StatusFormat,
  type StatusSnapshot,
} from '../domain/statusline.js';
import type { CliGlobals } from './globals.js';

/** The state file serves a call with the same context (or none named) when it is younger than a minute. */
function usable(s: StatusSnapshot, g: CliGlobals, now: number): boolean {
  // Flags naming servers mean another view than the one the running oncall keeps.
  if (g.prometheus || g.alertmanager?.length || g.config) return false;
  const wanted = g.context ?? process.env.ONCALL_CONTEXT;
  if (wanted && wanted !== s.context) return false;
  return now - Date.parse(s.generatedAt) <= STALE_AFTER_MS;
}

/** The line for `format` (json included), ending in a newline. */
export function statuslineText(view: Parameters<typeof statuslineJson>[0], format: StatusFormat): string {
  return format === 'json' ? JSON.stringify(statuslineJson(view)) + '\n' : formatStatusline(view, format) + '\n';
}

/** The state file as read, and the line it gives when it is usable. */
export function fromStateFile(
  g: CliGlobals,
  format: StatusFormat,
  now = Date.now(),
): { file: StatusSnapshot | undefined; line: string | undefined } {
  const file = readStatusFile();
  if (!file || !usable(file, g, now)) return { file, line: undefined };
  // The running oncall writes its backends' health between data too: an Alertmanager gone down is said at once.
  return { file, line: statuslineText(statusView(file, now), format) };
}
