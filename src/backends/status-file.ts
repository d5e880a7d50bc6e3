// The state file a running oncall (the TUI or `oncall watch`) keeps for `oncall statusline`: counts, context,
// backend health and the active critical incidents (no secrets), in the state folder as status.json, mode 0600,
// written whole to a temporary file and renamed over the old one so a reader never sees half of it. Only what
// `oncall statusline` needs on its fast path is imported here.
import fs from 'node:fs';
import path from 'node:path';
import { stateDir } from './state-dir.js';
import type { StatusSnapshot } from '../domain/statusline.js';

export const STATUS_FILE = 'status.json';

export function statusFilePath(dir = stateDir()): string {
  return path.join(dir, STATUS_FILE);
}

function isSnapshot(v: unknown): v is StatusSnapshot {
  const s = v as StatusSnapshot;
  return (
    !!s &&
    typeof s === 'object' &&
    s.version === 1 &&
    typeof s.generatedAt === 'string' &&
    !Number.isNaN(Date.parse(s.generatedAt)) &&
    !!s.counts &&
    ['critical', 'warning', 'info', 'silenced'].every(
      (k) => typeof (s.counts as unknown as Record<string, unknown>)[k] === 'number',
    )
  );
}

/** The state file, or undefined when it is missing or not one (the caller then asks the backends itself). */
export function readStatusFile(file = statusFilePath()): StatusSnapshot | undefined {
  try {
    const v: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return isSnapshot(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Temporary file and rename: readers see the old file or the new one, never a part. Throws on failure. */
export function writeStatusFile(s: StatusSnapshot, file = statusFilePath()): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, JSON.stringify(s) + '\n', { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
