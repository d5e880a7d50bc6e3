// The incident memory of a context (src/domain/memory), in `incident-memory/<context>.json` in the state folder
// (beside runbook-progress.json; ONCALL_STATE_DIR overrides), shared by the TUI and the one-shot commands. A
// JsonStore: locked, atomic, a damaged file moved aside. Reads never throw; a failed write is a warning, since
// memory only adds to what Alertmanager says.
import fs from 'node:fs';
import path from 'node:path';
import { progressDir } from './progress.js';
import { JsonStore, warn as stateWarning } from './state-store.js';
import { acceptMemory, emptyMemory, updateMemory, type IncidentMemory } from '../domain/memory/memory.js';
import type { Alert } from '../domain/types.js';

/** A context name as a file name: anything but letters, digits, `-`, `_` and `.` is percent-encoded. */
const fileName = (context: string) =>
  `${context.replace(/[^A-Za-z0-9_.-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`) || 'default'}.json`;

/**
 * Above this many alerts memory is set aside: reading, updating and writing it would cost every refresh most of a
 * second at 20,000 alerts and far more at 100,000 (the file holds every alert with its episodes), in exactly the
 * storm where oncall must stay fast. Below it again, memory starts anew from what fires then.
 */
export const MEMORY_MAX_ALERTS = 5000;

/**
 * How often an unchanged complete list still moves `seenAt` on (one small write a minute at most), so that a
 * handoff written while every Alertmanager is down can say how old the remembered firing alerts are.
 */
export const SEEN_EVERY_MS = 60_000;

export class IncidentMemoryStore {
  /** Whether the "too many alerts" warning was given for the current storm. */
  private warnedTooMany = false;

  private readonly store: JsonStore<IncidentMemory>;
  /** What this process last saw firing, so an unchanged refresh neither locks nor writes. */
  private lastFiring: string | undefined;
  private cached: IncidentMemory | undefined;

  constructor(context: string, dir: string = progressDir()) {
    this.store = new JsonStore(path.join(dir, 'incident-memory', fileName(context)), {
      empty: emptyMemory,
      accept: acceptMemory,
      compact: true,
    });
  }

  get file(): string {
    return this.store.file;
  }

  read(): IncidentMemory {
    return this.store.read();
  }

  /**
   * The memory and when what it holds was last seen: its `seenAt`, or for a file written before that was kept, when
   * the file last changed (null when there is no file).
   */
  readWithAge(): { memory: IncidentMemory; asOf: string | null } {
    const memory = this.store.read();
    if (memory.seenAt) return { memory, asOf: memory.seenAt };
    try {
      return { memory, asOf: fs.statSync(this.store.file).mtime.toISOString() };
    } catch {
      return { memory, asOf: null };
    }
  }

  /**
   * Records what fires now and returns the memory. `complete`: every Alertmanager answered with its whole list (an
   * alert missing from a partial list is not resolved). Never throws; `warn` receives what could not be saved.
   */
  observe(
    firing: readonly Alert[],
    now: Date,
    keepMs: number,
    complete: boolean,
    warn: (m: string) => void = stateWarning,
  ): IncidentMemory {
    if (firing.length > MEMORY_MAX_ALERTS) {
      if (!this.warnedTooMany)
        warn(
          `incident memory is set aside while more than ${MEMORY_MAX_ALERTS} alerts fire (${firing.length} now): resolved causes are not kept under their symptoms until then`,
        );
      this.warnedTooMany = true;
      this.lastFiring = undefined;
      this.cached = undefined;
      return emptyMemory();
    }
    this.warnedTooMany = false;
    const key = complete
      ? firing
          .map((a) => a.fingerprint)
          .sort()
          .join(',')
      : undefined;
    const seenRecently = (m: IncidentMemory) =>
      !!m.seenAt && now.getTime() - Date.parse(m.seenAt) < SEEN_EVERY_MS && Date.parse(m.seenAt) <= now.getTime();
    if (key !== undefined && key === this.lastFiring && this.cached && seenRecently(this.cached)) return this.cached;
    let result: IncidentMemory | undefined;
    try {
      this.store.update((current) => {
        const u = updateMemory(current, firing, now, keepMs, complete);
        // Only a complete list says what fired then; a partial one leaves the last complete read's time.
        const seenAt = complete ? now.toISOString() : current.seenAt;
        result = seenAt ? { ...u.memory, seenAt } : u.memory;
        return result;
      });
    } catch (e) {
      warn(`${(e as Error).message}; resolved alerts are not remembered`);
      result ??= updateMemory(this.store.read(), firing, now, keepMs, complete).memory;
    }
    this.lastFiring = key;
    this.cached = result;
    return result!;
  }
}
