// Saved runbook progress, one record per incident, in `runbook-progress.json` next to the config file
// ($XDG_CONFIG_HOME/oncall, or the platform's config folder; ONCALL_STATE_DIR overrides). Written with `conf`,
// which writes atomically, so a crash never leaves a half-written file.
import path from 'node:path';
import Conf from 'conf';
import envPaths from 'env-paths';
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
  return !!p && typeof p === 'object' && typeof p.incidentId === 'string' && typeof p.updatedAt === 'string' && !!p.runbooks && typeof p.runbooks === 'object';
}

export class ProgressStore {
  private readonly conf: Conf<Record<string, IncidentProgress>>;

  constructor(dir: string = progressDir(), now: Date = new Date()) {
    this.conf = new Conf<Record<string, IncidentProgress>>({
      projectName: 'oncall',
      projectSuffix: '',
      cwd: dir,
      configName: 'runbook-progress',
      // Incident ids may hold dots; they are whole keys, not paths.
      accessPropertiesByDotNotation: false,
      clearInvalidConfig: true,
      // Notes may say more than the person wants others on the machine to read.
      configFileMode: 0o600,
    });
    this.prune(now);
  }

  get path(): string {
    return this.conf.path;
  }

  /** The saved progress of an incident, or a fresh record (not saved until something happens). */
  load(incidentId: string, now: Date = new Date()): IncidentProgress {
    const v = this.conf.get(incidentId);
    return isProgress(v) && v.incidentId === incidentId ? v : emptyProgress(incidentId, now);
  }

  save(p: IncidentProgress): void {
    this.conf.set(p.incidentId, p);
  }

  delete(incidentId: string): void {
    this.conf.delete(incidentId);
  }

  ids(): string[] {
    return Object.keys(this.conf.store);
  }

  private prune(now: Date): void {
    const store = this.conf.store;
    const cutoff = now.getTime() - PROGRESS_RETENTION_MS;
    const stale = Object.entries(store).filter(([, v]) => !isProgress(v) || Date.parse(v.updatedAt) < cutoff).map(([k]) => k);
    for (const k of stale) this.conf.delete(k);
  }
}
