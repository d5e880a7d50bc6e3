// oncall statusline: one short line for tmux's status-right, starship or a shell prompt. Fast path: the state file
// that a running oncall (TUI or `oncall watch`) keeps; only when it is missing, older than a minute or of another
// context, one query of its own (whose result it writes for the next call). Old data is marked stale. The fast
// path (statusline-file.ts) loads nothing but its imports: the query, the config and the error types load when
// needed; the entry point runs it before loading this command (statusline-fast.ts).
import { statusFilePath, writeStatusFile } from '../../backends/status-file.js';
import { statusView, type StatusFormat, type StatusView } from '../../domain/statusline.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import type { CliGlobals } from '../globals.js';
import { write, writeErr } from '../output.js';
import { fromStateFile, statuslineText } from '../statusline-file.js';

const FORMATS: StatusFormat[] = ['text', 'plain', 'tmux', 'json'];

export interface StatuslineOptions {
  format?: string;
}

export async function runStatusline(g: CliGlobals, o: StatuslineOptions): Promise<number> {
  const format = (o.format ?? 'text') as StatusFormat;
  if (!FORMATS.includes(format))
    throw new (await import('../../domain/errors.js')).OncallError(
      'usage',
      `--format must be one of ${FORMATS.join(', ')}, not "${sanitizeLine(o.format ?? '')}"`,
    );
  const now = Date.now();
  const { file, line } = fromStateFile(g, format, now);
  if (line !== undefined) {
    await write(line);
    return 0;
  }
  let view: StatusView;
  try {
    const snapshot = await (await import('../statusline-query.js')).queryStatus(g);
    view = statusView(snapshot, Date.now());
    // Only a file of no running oncall is replaced: theirs is newer by the time it matters.
    if (!g.prometheus && !g.alertmanager?.length && !g.config) {
      try {
        writeStatusFile(snapshot, statusFilePath());
      } catch {
        /* the line is still right; the next call asks again */
      }
    }
  } catch (e) {
    const problem = sanitizeLine((e as Error).message);
    if (file && (!g.context || g.context === file.context))
      view = { snapshot: file, ageMs: now - Date.parse(file.generatedAt), problem: 'backend down' };
    else {
      writeErr(`oncall: ${problem}\n`);
      await write(format === 'json' ? JSON.stringify({ error: problem, stale: true }) + '\n' : '?\n');
      return 1;
    }
  }
  await write(statuslineText(view, format));
  return 0;
}
