// Saved runbook progress, one record per incident, in `runbook-progress.json` next to the config file
// ($XDG_CONFIG_HOME/oncall, or the platform's config folder; ONCALL_STATE_DIR overrides). A JsonStore: written
// atomically under a lock, a damaged file moved aside, an unwritable folder reported by save() (StateWriteError).
import path from 'node:path';
import envPaths from 'env-paths';
import { JsonStore } from './state-store.js';
import { emptyProgress, type IncidentProgress } from '../domain/runbook/progress.js';

/** Records untouched for this long are dropped when the store opens, so the file does not grow forever. */
export const PROGRESS_RETENTION_MS = 30 * 24 * 3600_000;

export function progressDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ONCALL_STATE_DIR) return env.ONCALL_STATE_DIR;
  if (env.XDG_CONFIG_HOME) return path.join(env.XDG_CONFIG_HOME, 'oncall');
  return envPaths('oncall', { suffix: '' }).config;
}

function isProgress(v: unknown): v is IncidentProgress {
  const p = v as IncidentProgress | undefined;
  return (
    !!p &&
    typeof p === 'object' &&
    typeof p.incidentId === 'string' &&
    typeof p.updatedAt === 'string' &&
    !!p.runbooks &&
    typeof p.runbooks === 'object'
  );
}

type Records = Record<string, IncidentProgress>;

export class ProgressStore {
  private readonly store: JsonStore<Records>;
  private readonly cutoff: number;

  constructor(dir: string = progressDir(), now: Date = new Date()) {
    this.cutoff = now.getTime() - PROGRESS_RETENTION_MS;
    // Records untouched for the retention period, or not progress at all, are dropped on the next save.
    const accept = (v: unknown): Records | undefined => {
      if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
      return Object.fromEntries(
        Object.entries(v).filter(
          ([k, p]) => isProgress(p) && p.incidentId === k && Date.parse(p.updatedAt) >= this.cutoff,
        ),
      );
    };
    this.store = new JsonStore<Records>(path.join(dir, 'runbook-progress.json'), { empty: () => ({}), accept });
  }

  get path(): string {
    return this.store.file;
  }

  /** The saved progress of an incident, or a fresh record (not saved until something happens). */
  load(incidentId: string, now: Date = new Date()): IncidentProgress {
    const v = this.store.read()[incidentId];
    return v ?? emptyProgress(incidentId, now);
  }

  /** Throws StateWriteError when the folder cannot be written. */
  save(p: IncidentProgress): void {
    this.store.update((all) => ({ ...all, [p.incidentId]: p }));
  }

  delete(incidentId: string): void {
    this.store.update((all) => {
      const { [incidentId]: _gone, ...rest } = all;
      return rest;
    });
  }

  ids(): string[] {
    return Object.keys(this.store.read());
  }
}
