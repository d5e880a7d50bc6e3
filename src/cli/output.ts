// Writing results: JSON for scripts, aligned text for people. Writes wait for the pipe to drain so that
// `oncall … | head` and large outputs behave.
import { sanitizeLine } from '../domain/sanitize.js';
import { jsonSlices } from './json-out.js';

let guarded = false;

/** When the reader goes away (`oncall alerts | head -1`), stop quietly instead of dying on EPIPE with a trace. */
function guardStdout(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    process.stderr.write(`oncall: cannot write the output: ${e.message}\n`);
    process.exit(1);
  });
}

export function write(text: string): Promise<void> {
  guardStdout();
  return new Promise((resolve, reject) => {
    const ok = process.stdout.write(text, (err) => (err ? reject(err) : undefined));
    if (ok) resolve();
    else process.stdout.once('drain', () => resolve());
  });
}

/** Indented JSON; a document with a long list gets one compact element per line, written in slices (json-out.ts). */
export async function writeJson(value: unknown): Promise<void> {
  for (const slice of jsonSlices(value)) await write(slice);
}

/** Aligned columns; every cell is sanitised, since cells hold text from alerts. */
export function table(header: string[], rows: string[][]): string {
  const clean = rows.map((r) => r.map((c) => sanitizeLine(c)));
  const widths = header.map((h, i) => Math.max(h.length, ...clean.map((r) => (r[i] ?? '').length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [fmt(header), ...clean.map(fmt)].join('\n') + '\n';
}
