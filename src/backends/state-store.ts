// Small JSON state files in the user's config folder (until-resolved registry, runbook progress), written so that
// damage and concurrency lose nothing:
// - reading never throws: a missing or unreadable file is empty, and a corrupt one is moved aside
//   (`NAME.corrupt-<time>`) with a warning, so the next write rebuilds it and the old bytes stay for a human;
// - every write is read-modify-write under a lock file (`NAME.lock`, O_EXCL), then a temporary file renamed over
//   the old one, so two oncall processes writing the same store each keep the other's change;
// - a write that cannot happen throws StateWriteError saying which file and why; callers report it as a warning,
//   never as the failure of a change that already happened at the server.
import fs from 'node:fs';
import path from 'node:path';
import { OncallError } from '../domain/errors.js';
import { stateWarning as warn } from '../domain/state-warning-sink.js';

export class StateWriteError extends OncallError {
  constructor(
    readonly file: string,
    cause: string,
  ) {
    super('environment', `cannot write ${file}: ${cause}`);
    this.name = 'StateWriteError';
  }
}

// The sink lives apart (src/domain/state-warning-sink.ts); `warn` says a warning about local state to it.
export { setStateWarningSink, stateWarningSink } from '../domain/state-warning-sink.js';
export { warn };

const LOCK_WAIT_MS = 5_000;
/** A lock older than this belongs to a process that died while holding it (a write takes milliseconds). */
const LOCK_STALE_MS = 10_000;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function why(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const hint =
    err.code === 'EACCES' || err.code === 'EPERM'
      ? ' (permission denied)'
      : err.code === 'ENOTDIR'
        ? ' (a parent of the path is not a folder)'
        : err.code === 'EROFS'
          ? ' (read-only file system)'
          : '';
  return `${err.code ?? 'error'}${hint}: ${err.message}`;
}

export interface JsonStoreOptions<T> {
  /** The value of a missing (or rebuilt) store. */
  empty: () => T;
  /** Keeps what is usable of a parsed document; returns undefined when the document as a whole is not this store. */
  accept: (v: unknown) => T | undefined;
  /** Written without indentation: for stores that grow large (incident memory during a storm). */
  compact?: boolean;
}

export class JsonStore<T> {
  constructor(
    readonly file: string,
    private readonly o: JsonStoreOptions<T>,
  ) {}

  /** The current content. Never throws. */
  read(): T {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' && (e as NodeJS.ErrnoException).code !== 'ENOTDIR')
        warn(`cannot read ${this.file} (${why(e)}); going on without it`);
      return this.o.empty();
    }
    const v = this.parse(text);
    if (v !== undefined) return v;
    this.moveAside('it is not valid JSON of the expected shape');
    return this.o.empty();
  }

  /**
   * Applies `change` to the current content and saves it, under the lock; a change that returns the content it was
   * given writes nothing. Throws StateWriteError.
   */
  update(change: (current: T) => T): T {
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    } catch (e) {
      throw new StateWriteError(this.file, why(e));
    }
    const release = this.lock();
    try {
      const current = this.read();
      const next = change(current);
      if (next === current) return next;
      const tmp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
      try {
        fs.writeFileSync(tmp, (this.o.compact ? JSON.stringify(next) : JSON.stringify(next, null, '\t')) + '\n', {
          mode: 0o600,
        });
        fs.renameSync(tmp, this.file);
      } catch (e) {
        try {
          fs.rmSync(tmp, { force: true });
        } catch {
          /* the folder itself is the problem */
        }
        throw new StateWriteError(this.file, why(e));
      }
      return next;
    } finally {
      release();
    }
  }

  private parse(text: string): T | undefined {
    try {
      return this.o.accept(JSON.parse(text));
    } catch {
      return undefined;
    }
  }

  private moveAside(reason: string): void {
    const aside = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      fs.renameSync(this.file, aside);
      warn(`${this.file} was damaged (${reason}); moved it to ${aside} and started a new one`);
    } catch (e) {
      warn(`${this.file} is damaged (${reason}) and could not be moved aside (${why(e)}); going on without it`);
    }
  }

  private lock(): () => void {
    const lockFile = `${this.file}.lock`;
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        const fd = fs.openSync(lockFile, 'wx', 0o600);
        fs.writeSync(fd, `${process.pid}\n`);
        fs.closeSync(fd);
        return () => fs.rmSync(lockFile, { force: true });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new StateWriteError(this.file, why(e));
      }
      if (this.staleLock(lockFile)) {
        fs.rmSync(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new StateWriteError(this.file, `another oncall holds ${lockFile}; if none runs, delete that file`);
      sleepSync(10 + Math.floor(Math.random() * 20));
    }
  }

  private staleLock(lockFile: string): boolean {
    try {
      const st = fs.statSync(lockFile);
      if (Date.now() - st.mtimeMs > LOCK_STALE_MS) return true;
      const pid = Number(fs.readFileSync(lockFile, 'utf8').trim());
      if (!pid || pid === process.pid) return false;
      try {
        process.kill(pid, 0);
        return false;
      } catch (e) {
        return (e as NodeJS.ErrnoException).code === 'ESRCH';
      }
    } catch {
      return false; // gone already: the next open succeeds
    }
  }
}

/**
 * Runs a local bookkeeping write that follows a change already made at the server. Returns undefined when it
 * worked, else a warning saying what is lost, so that the caller still reports the change itself.
 */
export function recordLocally(lost: string, write: () => void): string | undefined {
  try {
    write();
    return undefined;
  } catch (e) {
    return `${(e as Error).message}; ${lost}`;
  }
}
