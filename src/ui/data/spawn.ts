// The data worker's thread, started before the context is read: Node takes a few hundred milliseconds to start a
// worker (more on a busy machine), and started this early it is ready by the time the context is known. The context
// reaches it in a message, with the first refresh, right after the first frame and before the rest of the data
// layer loads; that refresh's alert list requests have left from the UI thread by then (ahead.ts), so they do not
// wait for the thread to start.
import { Worker } from 'node:worker_threads';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FromWorker, LoadConfig, ToWorker } from './protocol.js';

/**
 * The data worker's thread: its young generation no larger than Node 20 and 22 make any thread's (three 16 MB
 * semi-spaces' worth), where Node 24 would let it reach 64 MB semi-spaces and hold some 150 MB more for the whole
 * shift, for no faster refresh (src/young-generation.ts).
 */
export const WORKER_OPTIONS = { resourceLimits: { maxYoungGenerationSizeMb: 48 } };

export interface EarlyWorker {
  worker: Worker;
  /** Set once the thread failed or exited before a source took it over. */
  failed: boolean;
  /** Set once the context was sent and the first refresh asked for. */
  begun: boolean;
  /** Sends the context and asks for the first refresh, whose answers from `handed` URLs the UI thread sends on. */
  begin(cfg: LoadConfig, handed?: string[]): void;
  /** Hands the worker's messages to `listener`: first those that arrived before it, then each as it comes. */
  take(listener: (m: FromWorker) => void): void;
}

/** Path of the compiled worker next to this file, or undefined when running from TypeScript sources. */
export function workerPath(): string | undefined {
  const p = fileURLToPath(new URL('./worker.js', import.meta.url));
  return fs.existsSync(p) ? p : undefined;
}

/** A data worker waiting for its context, or undefined where there is none to start. */
export function spawnEarly(file = workerPath()): EarlyWorker | undefined {
  if (!file) return undefined;
  try {
    const worker = new Worker(file, WORKER_OPTIONS);
    worker.unref();
    // An answer can come before a source takes the worker over (an Alertmanager that refuses at once): it waits here.
    const held: FromWorker[] = [];
    const hold = (m: FromWorker) => held.push(m);
    worker.on('message', hold);
    const early: EarlyWorker = {
      worker,
      failed: false,
      begun: false,
      begin(cfg, handed) {
        if (early.failed || early.begun) return;
        worker.postMessage({ type: 'start', cfg, ...(handed?.length ? { handed } : {}) } satisfies ToWorker);
        worker.postMessage({ type: 'refresh' } satisfies ToWorker);
        early.begun = true;
      },
      take(listener) {
        worker.off('message', hold);
        for (const m of held.splice(0)) listener(m);
        worker.on('message', listener);
      },
    };
    worker.once('error', () => (early.failed = true));
    worker.once('exit', () => (early.failed = true));
    return early;
  } catch {
    return undefined;
  }
}
