// The command line's one way to the terminal: every byte a command writes to stdout or stderr goes through
// here, and here it is sanitised (src/domain/sanitize.ts), so text from alerts, servers and errors cannot reach
// the terminal raw, whichever path it took, and credentials the configuration holds are replaced
// (src/domain/secrets.ts). The CLI writes no colours; its only own sequences are OSC 8 links to http(s) URLs
// (src/domain/terminal-links.ts), which pass as built.
// test/cli.output-sink.test.ts checks that no other file under src/cli writes to stdout or stderr.
// Writes wait for the pipe to drain so that `oncall … | head` and large outputs behave.
import { clip, escapeJsonText, oneLine, sanitizeKeepingOwn, sanitizeLine, sanitizeText } from '../domain/sanitize.js';
import { holdsSecrets, scrubSecrets } from '../domain/secrets.js';
import { exitOrHangUp, isHangUp } from '../backends/hang-up.js';
import { jsonChunks } from './json-out.js';

let guarded = false;

/** When the reader goes away (`oncall alerts | head -1`), stop quietly instead of dying on EPIPE with a trace. */
function guardStdout(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') exitOrHangUp(0);
    // The terminal hung up: no one is left to read a message (src/backends/hang-up.ts).
    if (isHangUp(e)) exitOrHangUp(1);
    process.stderr.write(sanitizeText(`oncall: cannot write the output: ${e.message}\n`));
    exitOrHangUp(1);
  });
}

function rawWrite(text: string | Uint8Array): Promise<void> {
  guardStdout();
  return new Promise((resolve, reject) => {
    const ok = process.stdout.write(text, (err) => (err ? reject(err) : undefined));
    if (ok) resolve();
    else process.stdout.once('drain', () => resolve());
  });
}

/** Text for people on stdout, sanitised. */
export function write(text: string): Promise<void> {
  return rawWrite(scrubSecrets(sanitizeKeepingOwn(text)));
}

/** Text on stderr (errors, warnings, prompts, progress), sanitised. */
export function writeErr(text: string): void {
  process.stderr.write(scrubSecrets(sanitizeKeepingOwn(text)));
}

/** Asks on stderr (the question sanitised like everything else) and returns the line typed. */
export async function ask(question: string): Promise<string> {
  const readline = await import('node:readline/promises');
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(scrubSecrets(sanitizeText(question)));
  } finally {
    rl.close();
  }
}

/** `oncall: warning: …` on stderr, one line. */
export function warn(message: string): void {
  process.stderr.write(scrubSecrets(`oncall: warning: ${clip(oneLine(message), 4000)}\n`));
}

/**
 * Indented JSON; a document with a long list gets one compact element per line, written in slices (json-out.ts).
 * The data stays exact: characters a terminal would act on or hide are written as \uXXXX escapes.
 */
export async function writeJson(value: unknown): Promise<void> {
  // A chunk is free again once stdout holds nothing back: a file, or a pipe or terminal on Linux, is written
  // synchronously; anything still queued keeps its chunk, and the next one is new.
  let free = false;
  for (const chunk of jsonChunks(value, cleanJson, plainJson, () => free)) {
    await rawWrite(chunk);
    free = process.stdout.writableLength === 0;
  }
}

const cleanJson = (piece: string) => scrubSecrets(escapeJsonText(piece));

/**
 * ASCII without DEL and no secret held: nothing for cleanJson to change, known without a regular expression (a
 * piece takes as many UTF-8 bytes as it has UTF-16 units exactly when every character is ASCII).
 */
function plainJson(piece: string, bytes: number): boolean {
  return bytes === piece.length && !piece.includes('\x7f') && !holdsSecrets();
}

/** Aligned columns; every cell is sanitised and cut to a sane length, since cells hold text from alerts. */
export function table(header: string[], rows: string[][]): string {
  const clean = rows.map((r) => r.map((c) => sanitizeLine(c)));
  const widths = header.map((h, i) => Math.max(h.length, ...clean.map((r) => (r[i] ?? '').length)));
  const fmt = (r: string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [fmt(header), ...clean.map(fmt)].join('\n') + '\n';
}
