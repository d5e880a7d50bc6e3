// The data worker's thread, started before the context is read: Node takes a few hundred milliseconds to start a
// worker (more on a busy machine), and started this early it is ready by the time the first frame is on screen,
// so its first Alertmanager request leaves as soon as the context is known. The context reaches it in a message.
import { Worker } from 'node:worker_threads';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface EarlyWorker {
  worker: Worker;
  /** Set once the thread failed or exited before a source took it over. */
  failed: boolean;
}

/** Path of the compiled worker next to this file, or undefined when running from TypeScript sources. */
export function workerPath(): string | undefined {
  const p = fileURLToPath(new URL('./worker.js', import.meta.url));
  return fs.existsSync(p) ? p : undefined;
}

/** A data worker waiting for its context, or undefined where there is none to start. */
export function spawnEarly(): EarlyWorker | undefined {
  const file = workerPath();
  if (!file) return undefined;
  try {
    const worker = new Worker(file);
    worker.unref();
    const early: EarlyWorker = { worker, failed: false };
    worker.once('error', () => (early.failed = true));
    worker.once('exit', () => (early.failed = true));
    return early;
  } catch {
    return undefined;
  }
}
