// A state file as a running oncall writes it (src/backends/status-file.ts), for tests of `oncall statusline`:
// two critical, three warning, one silenced, written now, unless `fields` say otherwise.
import fs from 'node:fs';
import path from 'node:path';

export function writeStatusFile(dir: string, fields: Record<string, unknown> = {}): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'status.json'),
    JSON.stringify({
      version: 1,
      generatedAt: new Date().toISOString(),
      context: 'default',
      counts: { critical: 2, warning: 3, info: 0, silenced: 1 },
      critical: [],
      backends: [],
      writer: 'watch',
      ...fields,
    }),
    { mode: 0o600 },
  );
}
