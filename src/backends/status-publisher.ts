// After every refresh of a running oncall (the TUI or `oncall watch`): the status line's state file, then a
// notification of each new active critical incident. notified.json in the state folder remembers which incidents
// were notified, under a lock, so that the TUI and `oncall watch` running together notify once.
import path from 'node:path';
import { spawn } from 'node:child_process';
import { JsonStore } from './state-store.js';
import { stateDir } from './state-dir.js';
import { statusFilePath, writeStatusFile } from './status-file.js';
import {
  notifySequences,
  statusCounts,
  toNotify,
  type CriticalIncident,
  type SloSummary,
  type StatusBackend,
  type StatusSnapshot,
} from '../domain/statusline.js';
import type { Incident } from '../domain/incidents/types.js';

interface Notified {
  ids: Record<string, string>;
}

/** Notifications shown one by one after a refresh; the rest of the new critical incidents get one summary. */
export const MAX_NOTIFICATIONS = 3;

/** An id no longer critical is forgotten after this, so a much later return of the same incident notifies again. */
const FORGET_AFTER_MS = 24 * 3600_000;

/**
 * Claims the incidents to notify under notified.json's lock: each id is claimed by one process only, however many
 * oncall processes run.
 */
export function claimNotifications(
  current: readonly CriticalIncident[],
  dir = stateDir(),
  now = Date.now(),
): CriticalIncident[] {
  let claimed: CriticalIncident[] = [];
  const store = new JsonStore<Notified>(path.join(dir, 'notified.json'), {
    empty: () => ({ ids: {} }),
    accept: (v) => {
      const ids = (v as Notified | undefined)?.ids;
      return ids && typeof ids === 'object' && !Array.isArray(ids)
        ? { ids: Object.fromEntries(Object.entries(ids).filter(([, t]) => typeof t === 'string')) }
        : undefined;
    },
  });
  const active = new Set(current.map((c) => c.id));
  store.update((s) => {
    claimed = toNotify(current, new Set(Object.keys(s.ids)));
    const ids = Object.fromEntries(
      Object.entries(s.ids).filter(([id, at]) => active.has(id) || now - Date.parse(at) < FORGET_AFTER_MS),
    );
    for (const c of claimed) ids[c.id] = new Date(now).toISOString();
    return { ids };
  });
  return claimed;
}

/** notify-send where it is installed; resolves false when it is absent or fails (never throws). */
export function notifySend(title: string, body: string): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      const p = spawn('notify-send', ['--app-name=oncall', '--urgency=critical', '--', title, body], {
        stdio: 'ignore',
      });
      p.on('error', () => resolve(false));
      p.on('exit', (code) => resolve(code === 0));
    } catch {
      resolve(false);
    }
  });
}

export interface NotifySettings {
  terminal: boolean;
  desktop: boolean;
}

export interface PublisherOptions {
  context: string;
  writer: 'tui' | 'watch';
  notify: NotifySettings;
  /** Where the terminal's escape sequences go (the TUI: between Ink's frames; watch: its stdout). */
  writeTerminal: (s: string) => void;
  dir?: string;
  /** Told about each notification and each failure to write the file (watch logs them). */
  log?: (line: string) => void;
}

export interface Published {
  snapshot: StatusSnapshot;
  notified: CriticalIncident[];
}

/** After every refresh: the state file, then a notification for each new active critical incident. */
export class StatusPublisher {
  private warnedWrite = false;
  /** The last snapshot written with data, which health() rewrites with new backends. */
  private last: StatusSnapshot | undefined;
  /** Critical ids already claimed, by this process or another: no lock is taken while nothing is new. */
  private readonly seen = new Set<string>();
  constructor(private readonly o: PublisherOptions) {}

  private get dir(): string {
    return this.o.dir ?? stateDir();
  }

  publish(
    incidents: readonly Incident[],
    backends: StatusSnapshot['backends'],
    slo?: SloSummary,
    now = Date.now(),
  ): Published {
    const dir = this.dir;
    const { counts, critical } = statusCounts(incidents);
    const snapshot: StatusSnapshot = {
      version: 1,
      generatedAt: new Date(now).toISOString(),
      context: this.o.context,
      counts,
      critical,
      ...(slo ? { slo } : {}),
      backends,
      writer: this.o.writer,
    };
    this.last = snapshot;
    this.write(snapshot);
    let notified: CriticalIncident[] = [];
    if ((this.o.notify.terminal || this.o.notify.desktop) && critical.some((c) => !this.seen.has(c.id))) {
      try {
        notified = claimNotifications(critical, dir, now);
        for (const c of critical) this.seen.add(c.id);
      } catch (e) {
        this.o.log?.(`warning: ${(e as Error).message}; not notifying`);
      }
      // A storm gives thousands of new critical incidents at once: a few notifications, then one that counts the rest.
      const shown = notified.slice(0, MAX_NOTIFICATIONS);
      const rest = notified.length - shown.length;
      const messages = shown.map((n) => ({ what: `${n.id}: ${n.title}`, body: n.title }));
      if (rest > 0) messages.push({ what: `${rest} more`, body: `and ${rest} more new critical incidents` });
      for (const m of messages) {
        const title = `oncall: critical incident (${this.o.context})`;
        if (this.o.notify.terminal) this.o.writeTerminal(notifySequences(title, m.body, Boolean(process.env.TMUX)));
        if (this.o.notify.desktop) void notifySend(title, m.body);
        this.o.log?.(`notified ${m.what}`);
      }
    }
    const current = new Set(critical.map((c) => c.id));
    for (const id of this.seen) if (!current.has(id)) this.seen.delete(id);
    return { snapshot, notified };
  }

  /**
   * Backends' health without new data (a refresh that reached no Alertmanager, a Prometheus that answered late):
   * the last snapshot again with these backends, its counts and time unchanged, so that `oncall statusline` says
   * at once that an Alertmanager is down instead of showing the old counts as current until they are a minute old.
   * Nothing before the first data; nothing is notified.
   */
  health(backends: StatusBackend[]): void {
    if (!this.last) return;
    this.last = { ...this.last, backends };
    this.write(this.last);
  }

  private write(snapshot: StatusSnapshot): void {
    const file = statusFilePath(this.dir);
    try {
      writeStatusFile(snapshot, file);
      this.warnedWrite = false;
    } catch (e) {
      // Once per failure streak: a read-only home must not fill the log.
      if (!this.warnedWrite) this.o.log?.(`warning: cannot write ${file}: ${(e as Error).message}`);
      this.warnedWrite = true;
    }
  }
}

/** The context's `notify` settings; ONCALL_NOTIFY=off turns both off (the test suite sets it). */
export function notifySettings(n: NotifySettings, env: NodeJS.ProcessEnv = process.env): NotifySettings {
  return env.ONCALL_NOTIFY === 'off' ? { terminal: false, desktop: false } : n;
}
