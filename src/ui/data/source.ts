// Where the TUI gets alert data: a worker thread in the real app, the same loader in-process in tests (and as
// a fallback if the worker cannot start). Refreshes every interval and on demand; never throws into the UI.
import { Worker } from 'node:worker_threads';
import type { Incident, IncidentAlert } from '../../domain/incidents/types.js';
import type { Silence } from '../../domain/types.js';
import type { AlertData } from '../app-context.js';
import { mergeHealth, type BackendHealth } from './health.js';
import { countIncident, emptyCounts } from './counts.js';
import { AlertLoader } from './load.js';
import { Inbox } from './inbox.js';
import { WORKER_OPTIONS, type EarlyWorker } from './spawn.js';
import { type ToWorker, type FromWorker, type IncidentItem, type LoadConfig, type WorkerStart } from './protocol.js';
import { benchEvent } from '../bench-log.js';
import { warn as stateWarning } from '../../backends/state-store.js';

export interface SourceUpdate {
  /** New data, or undefined when this refresh brought none (every Alertmanager down). */
  data?: AlertData;
  health: BackendHealth[];
  /** Not a refresh: the health of some backends changed between refreshes (`health` holds only those). */
  healthOnly?: boolean;
}

export interface AlertSource {
  start(onUpdate: (u: SourceUpdate) => void): void;
  /** Refresh now (the `r` key); the periodic timer restarts from here. */
  refresh(): void;
  stop(): void;
  /**
   * The health the UI starts from, known before it subscribes (startEarly: every backend loading, or what has
   * answered since), so that its first frame's header says what the frame before Ink said.
   */
  health?(): BackendHealth[];
}

/**
 * Starts `source` now, before the UI exists, so the backends are asked while Ink and the views load; the UI gets
 * what arrived meanwhile when it subscribes (the newest health, and the newest data).
 */
export function startEarly(source: AlertSource, loading: BackendHealth[]): AlertSource {
  // Until the first answer, the header names every backend as loading.
  let pending: SourceUpdate | undefined = { health: loading };
  let sink: ((u: SourceUpdate) => void) | undefined;
  source.start((u) => {
    if (sink) sink(u);
    else
      pending = {
        health: u.healthOnly ? mergeHealth(pending?.health ?? loading, u.health) : u.health,
        data: u.data ?? pending?.data,
      };
  });
  return {
    start(onUpdate) {
      sink = onUpdate;
      const p = pending;
      pending = undefined;
      if (p) onUpdate(p);
    },
    refresh: () => source.refresh(),
    stop: () => source.stop(),
    health: () => pending?.health ?? loading,
  };
}

/** Collects incidents chunk by chunk so building AlertData is spread over several short tasks. */
export class DataAssembler {
  private incidents: Incident[] = [];
  private alerts: IncidentAlert[] = [];
  private incidentOf = new Map<string, string>();
  private counts = emptyCounts();

  add(chunk: Incident[]): void {
    for (const inc of chunk) {
      this.incidents.push(inc);
      countIncident(this.counts, inc);
      for (const a of inc.alerts) {
        this.alerts.push(a);
        this.incidentOf.set(a.fingerprint, inc.id);
      }
    }
  }

  finish(generatedAt: number, silences: Silence[], silencesHealth?: AlertData['silencesHealth']): AlertData {
    const d: AlertData = {
      generatedAt,
      incidents: this.incidents,
      alerts: this.alerts,
      incidentOf: this.incidentOf,
      silences,
      silencesHealth,
      counts: this.counts,
    };
    this.incidents = [];
    this.alerts = [];
    this.incidentOf = new Map();
    this.counts = emptyCounts();
    return d;
  }
}

export function toAlertData(
  incidents: Incident[],
  silences: Silence[],
  generatedAt: number,
  silencesHealth?: AlertData['silencesHealth'],
): AlertData {
  const a = new DataAssembler();
  a.add(incidents);
  return a.finish(generatedAt, silences, silencesHealth);
}

abstract class TimedSource implements AlertSource {
  protected onUpdate: (u: SourceUpdate) => void = () => {};
  private timer: NodeJS.Timeout | undefined;
  protected stopped = false;
  constructor(protected readonly intervalMs: number) {}
  start(onUpdate: (u: SourceUpdate) => void): void {
    this.onUpdate = onUpdate;
    this.refresh();
  }
  refresh(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.fetch();
  }
  /** Called by subclasses when a refresh finished: schedules the next one. */
  protected finished(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), this.intervalMs);
    this.timer.unref?.();
  }
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
  protected abstract fetch(): void;
}

export class InProcessSource extends TimedSource {
  private readonly loader: AlertLoader;
  private busy = false;
  private again = false;
  constructor(cfg: LoadConfig, intervalMs: number, now?: () => number) {
    super(intervalMs);
    this.loader = new AlertLoader(cfg, now, (health) => {
      if (!this.stopped) this.onUpdate({ health, healthOnly: true });
    });
  }
  protected fetch(): void {
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    void this.loader.load().then(
      (r) => {
        this.busy = false;
        if (this.stopped) return;
        this.onUpdate({
          health: r.health,
          data: r.incidents ? toAlertData(r.incidents, r.silences ?? [], r.generatedAt, r.silencesHealth) : undefined,
        });
        if (this.again) {
          this.again = false;
          this.fetch();
        } else this.finished();
      },
      () => {
        // The loader turns failures into health; should anything still escape it, the UI stays up with what it
        // has and the next refresh tries again.
        this.busy = false;
        this.finished();
      },
    );
  }
}

export { workerPath } from './spawn.js';

/**
 * The data worker: fetching, parsing, validation and grouping happen there from the first refresh on, so the UI
 * thread answers keys while a storm loads (a first load here held it for a second or more at 20,000 alerts). The
 * UI thread only files the chunks, one per event-loop turn (see Inbox).
 */
export class WorkerSource extends TimedSource {
  private worker: Worker | undefined;
  private fallback: InProcessSource | undefined;
  private readonly assembler = new DataAssembler();
  private seq = -1;
  /** The incidents of the last data given to the UI, by id: the worker sends only the ids of unchanged ones. */
  private known = new Map<string, Incident>();
  private broken = false;
  private hadData = false;
  private readonly inbox = new Inbox<FromWorker>((m) => this.handle(m));

  constructor(
    private readonly cfg: LoadConfig,
    intervalMs: number,
    private readonly file: string,
    /** A worker started before the context was read (spawn.ts), taken over instead of starting one. */
    private readonly early?: EarlyWorker,
  ) {
    super(intervalMs);
  }

  override start(onUpdate: (u: SourceUpdate) => void): void {
    this.onUpdate = onUpdate;
    // A worker started early may have its first refresh under way already (spawn.ts): not asked for twice.
    if (!this.spawn()) this.refresh();
  }

  /** Takes over the early worker or starts one; true when the first refresh was already asked for. */
  private spawn(): boolean {
    if (this.stopped) return false;
    try {
      const early = this.early && !this.early.failed ? this.early : undefined;
      const w =
        early?.worker ??
        new Worker(this.file, { ...WORKER_OPTIONS, workerData: { cfg: this.cfg } satisfies WorkerStart });
      if (early && !early.begun) w.postMessage({ type: 'start', cfg: this.cfg } satisfies ToWorker);
      w.unref();
      const listen = (m: FromWorker) => this.inbox.push(m);
      if (early) early.take(listen);
      else w.on('message', listen);
      w.on('error', () => this.fallBack());
      w.on('exit', (code) => {
        if (!this.stopped && code !== 0) this.fallBack();
      });
      this.worker = w;
      return Boolean(early?.begun);
    } catch {
      this.fallBack();
      return true; // the fallback has started its own first refresh
    }
  }

  private fallBack(): void {
    if (this.stopped || this.fallback) return;
    this.worker = undefined;
    this.fallback = new InProcessSource(this.cfg, this.intervalMs);
    this.fallback.start(this.onUpdate);
  }

  private handle(m: FromWorker): void {
    if (this.stopped) return;
    switch (m.type) {
      case 'begin':
        benchEvent('ui', { what: 'begin' });
        this.seq = m.seq;
        this.broken = false;
        this.assembler.finish(0, []);
        if (m.top !== undefined) this.drawFirst(m, JSON.parse(m.top) as Incident[]);
        break;
      case 'chunk':
        if (m.seq !== this.seq) break;
        this.addItems(JSON.parse(m.items) as IncidentItem[]);
        break;
      case 'done': {
        let data: AlertData | undefined;
        if (m.hasData && m.seq === this.seq && !this.broken) {
          data = this.assembler.finish(m.generatedAt, m.silences ?? [], m.silencesHealth);
          this.known = new Map(data.incidents.map((i) => [i.id, i]));
          this.hadData = true;
        } else if (this.broken) {
          this.worker?.postMessage({ type: 'reset' });
          this.worker?.postMessage({ type: 'refresh' });
          break;
        }
        this.onUpdate({ health: m.health, data });
        this.finished();
        break;
      }
      case 'health':
        this.onUpdate({ health: m.health, healthOnly: true });
        break;
      case 'warning':
        stateWarning(m.message);
        break;
      case 'fatal':
        this.fallBack();
        break;
    }
  }

  /**
   * The first picture of a storm is drawn from the top of its list, sent ahead of the chunks: the UI thread does not
   * wait for every incident to be serialized, sent and parsed. Only before the first data: later refreshes replace
   * the data on screen whole.
   */
  private drawFirst(b: Extract<FromWorker, { type: 'begin' }>, top: Incident[]): void {
    if (this.hadData) return;
    const picture = new DataAssembler();
    picture.add(top);
    const data = picture.finish(b.generatedAt, b.silences, b.silencesHealth);
    this.onUpdate({
      health: b.health,
      data: {
        ...data,
        counts: b.counts,
        arriving: { incidents: b.incidents, alerts: b.alerts, ...(b.cut ? { cut: b.cut } : {}) },
      },
    });
  }

  private addItems(items: IncidentItem[]): void {
    const incs: Incident[] = [];
    for (const it of items) {
      const inc = typeof it === 'string' ? this.known.get(it) : it;
      if (inc) incs.push(inc);
      else this.broken = true; // cannot happen while messages arrive in order; recover with a full resend
    }
    this.assembler.add(incs);
  }

  protected fetch(): void {
    if (this.fallback) this.fallback.refresh();
    else this.worker?.postMessage({ type: 'refresh' });
  }

  override stop(): void {
    super.stop();
    this.fallback?.stop();
    void this.worker?.terminate();
  }
}
