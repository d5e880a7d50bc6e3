// The data worker: fetching, JSON parsing, validation and grouping of alert storms happen here, off the UI
// thread, so keys stay instant during a refresh. Results go back in chunks (see protocol.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { AlertLoader } from './load.js';
import {
  chunkIncidents,
  firstPicture,
  type FromWorker,
  type LoadConfig,
  type ToWorker,
  type WorkerStart,
} from './protocol.js';
import type { Incident } from '../../domain/incidents/types.js';
import { incidentSignature } from './signature.js';
import { countIncident, emptyCounts } from './counts.js';
import { setStateWarningSink } from '../../backends/state-store.js';
import { benchEvent } from '../bench-log.js';
import { receiveAhead, takePart } from '../../backends/http-handover.js';

const port = parentPort!;
/** Made from the context: given at the start, or in a `start` message by a worker started before it was read. */
let loader: AlertLoader | undefined = workerData ? loaderFor((workerData as WorkerStart).cfg) : undefined;
let seq = 0;
let running = false;
let again = false;
/** Signature of each incident the UI holds, by id. */
let held = new Map<string, string>();
/** Incidents sent in full whose signatures are still to be made (see refresh). */
let unsigned: Incident[] | undefined;
/** Until the first data is sent: a storm's first load starts with the top of its list (protocol.ts, firstPicture). */
let firstLoad = true;

/** Remembers what the UI will hold after this refresh; true for an incident it already holds as it is. */
function tracker(): (inc: Incident) => boolean {
  const next = new Map<string, string>();
  const before = held;
  held = next;
  return (inc) => {
    const sig = incidentSignature(inc);
    next.set(inc.id, sig);
    return before.get(inc.id) === sig;
  };
}

function send(m: FromWorker): void {
  port.postMessage(m);
}

function loaderFor(cfg: LoadConfig): AlertLoader {
  return new AlertLoader(cfg, Date.now, (health) => send({ type: 'health', health }));
}

// The worker thread has a state warning sink of its own: its warnings go to the UI thread's, which notifies.
setStateWarningSink((message) => send({ type: 'warning', message }));

async function refresh(): Promise<void> {
  if (running) {
    again = true;
    return;
  }
  running = true;
  try {
    do {
      again = false;
      const mine = ++seq;
      const loading = loader!.load();
      // The signatures of what the last refresh sent in full, made while this one waits for the backends.
      if (unsigned) {
        held = new Map(unsigned.map((inc) => [inc.id, incidentSignature(inc)]));
        unsigned = undefined;
      }
      const r = await loading;
      benchEvent('worker', { what: 'loaded' });
      // With nothing held (the first refresh, or after a reset) every incident goes in full: their signatures are
      // made during the next refresh, not before sending, so the first picture does not wait for them.
      const track = r.incidents && held.size ? tracker() : undefined;
      if (r.incidents) {
        const counts = emptyCounts();
        let alerts = 0;
        for (const inc of r.incidents) {
          countIncident(counts, inc);
          alerts += inc.alerts.length;
        }
        const top = firstLoad ? firstPicture(r.incidents) : undefined;
        firstLoad = false;
        const whole = top && r.incidents[top.length - 1]!;
        const cut = whole && whole.alerts.length > top.at(-1)!.alerts.length ? whole : undefined;
        send({
          type: 'begin',
          seq: mine,
          generatedAt: r.generatedAt,
          counts,
          incidents: r.incidents.length,
          alerts,
          silences: r.silences ?? [],
          silencesHealth: r.silencesHealth,
          health: r.health,
          ...(top ? { top: JSON.stringify(top) } : {}),
          ...(cut ? { cut: { id: cut.id, alerts: cut.alerts.length } } : {}),
        });
        for (const c of chunkIncidents(r.incidents, track))
          send({ type: 'chunk', seq: mine, items: JSON.stringify(c) });
      }
      benchEvent('worker', { what: 'sent' });
      send({
        type: 'done',
        seq: mine,
        generatedAt: r.generatedAt,
        hasData: Boolean(r.incidents),
        silences: r.silences,
        silencesHealth: r.silencesHealth,
        health: r.health,
      });
      if (!track && r.incidents) unsigned = r.incidents;
    } while (again);
  } catch (e) {
    send({ type: 'fatal', error: (e as Error)?.message ?? String(e) });
  } finally {
    running = false;
  }
}

benchEvent('worker', { what: 'ready' });
port.on('message', (m: ToWorker) => {
  if (m.type === 'handover') takePart(m.part);
  else if (m.type === 'start') {
    // Readied before the loader exists: its first refresh's requests to these URLs take the answers the UI thread
    // sends on (ahead.ts).
    if (!loader) for (const url of m.handed ?? []) receiveAhead(url);
    loader ??= loaderFor(m.cfg);
  } else if (m.type === 'refresh') void refresh();
  else if (m.type === 'reset') {
    held = new Map();
    unsigned = undefined;
  } else if (m.type === 'stop') process.exit(0);
});
