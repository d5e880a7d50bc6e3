// The command line has one way to the terminal (src/cli/output.ts), which sanitises everything; the TUI draws text
// only through its own Text (src/ui/text.tsx), which does the same. These checks keep it so: a new write that
// skips the sink fails here, whatever text it would carry.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/stack.js';

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? files(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
    );
}

describe('one output sink', () => {
  it('no CLI file but output.ts writes to stdout or stderr', () => {
    const offenders = files(path.join(ROOT, 'src/cli'))
      .filter((f) => !f.endsWith(`${path.sep}output.ts`))
      // Writes, and the streams handed to anything else that writes (readline); reading isTTY or columns is fine.
      .filter((f) =>
        /process\.(stdout|stderr)(?!\.(isTTY|columns|rows)\b)|console\.(log|error|warn|info|debug)/.test(
          fs.readFileSync(f, 'utf8'),
        ),
      );
    expect(offenders.map((f) => path.relative(ROOT, f))).toEqual([]);
  });

  it("no TUI file draws with Ink's Text directly", () => {
    const offenders = files(path.join(ROOT, 'src/ui'))
      .filter((f) => !f.endsWith(`${path.sep}text.tsx`))
      .filter((f) => /import\s*\{[^}]*\bText\b[^}]*\}\s*from\s*'ink'/.test(fs.readFileSync(f, 'utf8')));
    expect(offenders.map((f) => path.relative(ROOT, f))).toEqual([]);
  });
});
