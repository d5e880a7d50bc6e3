// One refresh of the alert data: alerts and silences from every Alertmanager (one request each), a Prometheus
// reachability probe, grouping into incidents, and the health of each backend. Runs in the data worker
// (src/ui/data/worker.ts); the same code runs in-process for tests. Never throws: failures become health.
import { AlertmanagerSet, dedupeAlerts, dedupeSilences } from '../../backends/alertmanager.js';
import { PrometheusClient } from '../../backends/prometheus.js';
import { backendName } from '../../backends/config/context-resolution.js';
import type { Alert, Silence } from '../../domain/types.js';
import { alertmanagerNames, initialHealth, nextHealth, type BackendHealth } from './health.js';
import type { LoadConfig, LoadResult } from './protocol.js';
import { sortIncidents } from './sort.js';
import type { Grouper } from '../../app/incidents.js';
import { topologyClientFor, type TopologyClient } from '../../backends/topology.js';
import { PROMETHEUS_GRACE_MS, within } from '../../backends/grace.js';
import { errorLine } from '../../domain/errors.js';
import { splitHeartbeat } from '../../domain/incidents/heartbeat.js';
import { IncidentMemoryStore } from '../../backends/incident-memory.js';
import { withMemory } from '../../domain/memory/resolved.js';
import { parseDuration } from '../../domain/duration.js';
import { benchEvent } from '../bench-log.js';
import { loaderClientOptions } from './ahead.js';

/** Inhibit rules change only with the Alertmanager's configuration: re-read them this often, not every refresh. */
const INHIBIT_RULES_TTL_MS = 5 * 60_000;

/** After the event loop's next I/O phase: sockets opened now have connected and written their requests. */
const afterIo = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));

export class AlertLoader {
  private readonly ams: AlertmanagerSet;
  private readonly prom: PrometheusClient | undefined;
  private readonly amNames: string[];
  private health = new Map<string, BackendHealth>();
  /** Prometheus probes sent, and the newest whose answer is shown. */
  private probes = 0;
  private probeMarked = 0;
  /**
   * The grouping and what it brings (RE2, YAML) load while the first refresh's requests are under way: in the data
   * worker, whose start it would otherwise delay them by.
   */
  private grouping: Promise<typeof import('../../app/incidents.js')> | undefined;
  /** Made on first use, and again when the inhibit rules change. */
  private grouper: Grouper | undefined;
  private inhibitSources: { name: string; original: string }[] = [];
  private readonly topology: TopologyClient;
  private configsAt = 0;
  private configs: (string | undefined)[] = [];
  /** Health of each Alertmanager's silence list, and the last list that every answering one gave. */
  private silencesHealth = new Map<string, BackendHealth>();
  private lastSilences: Silence[] | undefined;
  private readonly memory: IncidentMemoryStore | undefined;
  private readonly keepMs: number;

  constructor(
    private readonly cfg: LoadConfig,
    private readonly now: () => number = Date.now,
    /**
     * Told of a Prometheus probe that settles after its refresh's result was returned (a Prometheus slower than the
     * grace): the header shows it then, not a refresh later (15 s by default). Also of one whose answer changes
     * Prometheus' state before the alert lists are in: a refused Prometheus is not shown as loading for as long as a
     * storm's list (or a silent Alertmanager's timeout) takes.
     */
    private readonly onLateHealth?: (health: BackendHealth[]) => void,
  ) {
    const opts = loaderClientOptions(cfg);
    this.ams = new AlertmanagerSet(cfg.alertmanagers, opts);
    this.amNames = alertmanagerNames(cfg.alertmanagers.map(backendName));
    try {
      this.prom = new PrometheusClient(cfg.prometheus, opts);
    } catch {
      this.prom = undefined; // a bad Prometheus config must not stop the alert views
    }
    const t = now();
    for (const n of [...this.amNames, 'prom']) this.health.set(n, initialHealth(n, t));
    this.topology = topologyClientFor(cfg.settings, this.prom);
    // Without a context name (a loader made in-process, not for a person's context) nothing is remembered.
    this.memory = cfg.context === undefined ? undefined : new IncidentMemoryStore(cfg.context);
    this.keepMs = parseDuration(cfg.settings.memory?.keep ?? '60m');
  }

  private useConfigs(next: (string | undefined)[], at: number): void {
    this.configsAt = at;
    if (next.join('\0') === this.configs.join('\0') && next.length === this.configs.length) return;
    this.configs = next;
    const named = next.flatMap((original, i) =>
      original === undefined ? [] : [{ name: this.ams.members[i]!.name, original }],
    );
    this.inhibitSources = named;
    this.grouper = undefined;
  }

  /** The grouper for the current inhibit rules, made once for them. */
  private grouperOf(g: typeof import('../../app/incidents.js')): Grouper {
    return (this.grouper ??= g.grouperFor(this.cfg.settings, this.inhibitSources).group);
  }

  private mark(name: string, result: { ok: true } | { ok: false; error: string }): void {
    this.health.set(name, nextHealth(this.health.get(name) ?? initialHealth(name, this.now()), result, this.now()));
  }

  /** Re-reads each Alertmanager's running config (for its inhibit_rules) when stale. */
  private async refreshInhibitRules(): Promise<void> {
    if (this.now() - this.configsAt < INHIBIT_RULES_TTL_MS && this.configs.every((c) => c !== undefined)) return;
    const res = await this.ams.each((c) => c.status());
    this.useConfigs(
      res.map((r, i) => (r.ok ? r.value!.config.original : this.configs[i])),
      this.now(),
    );
  }

  async load(): Promise<LoadResult> {
    // The alert list first: in a storm it is the answer that takes longest, and everything waits for it.
    const asked = Promise.all([this.ams.each((c) => c.alerts()), this.ams.each((c) => c.silences())]);
    // The other requests (Prometheus' probe and topology, the inhibit rules) and the grouping's modules after those
    // are on the wire: setting them up, in microtasks, would otherwise come before the sockets connect.
    await afterIo();
    const probe = this.prom
      ? this.prom.buildInfo().then(
          () => ({ ok: true as const }),
          (e: unknown) => ({ ok: false as const, error: errorLine(e) }),
        )
      : Promise.resolve({ ok: false as const, error: 'invalid Prometheus configuration' });
    // Newest settled probe wins. One that settles after the result was returned, or that changes Prometheus' state
    // while the alert lists are awaited, is reported on its own.
    const probeNo = ++this.probes;
    let returned = false;
    let alertsIn = false;
    const probed = probe.then((r) => {
      if (probeNo <= this.probeMarked) return;
      this.probeMarked = probeNo;
      const before = this.health.get('prom')?.state;
      this.mark('prom', r);
      const after = this.health.get('prom')!;
      if (returned || (!alertsIn && after.state !== before)) this.onLateHealth?.([after]);
    });
    const topologyAsked = this.topology.get();
    // The inhibit rules are asked beside the alerts (on a first refresh they would otherwise wait for the list), and
    // the grouper made from them while Alertmanager renders it.
    const inhibit = this.refreshInhibitRules().catch(() => undefined);
    if (!this.grouping) {
      this.grouping = import('../../app/incidents.js');
      this.grouping.catch(() => undefined); // a failed load is reported by the refresh that waits for it
    }
    const ready = Promise.all([this.grouping, inhibit])
      .then(([g]) => this.grouperOf(g))
      .catch(() => undefined); // the refresh that needs the grouper reports why it could not be made
    const [alerts, silences] = await asked;
    alertsIn = true;
    // From here Prometheus' answers (health, topology) are waited for by the grace at most.
    const probeSettled = within(probed, PROMETHEUS_GRACE_MS, () => undefined);
    benchEvent('worker', { what: 'fetched' });
    alerts.forEach((r, i) =>
      this.mark(this.amNames[i]!, r.ok ? { ok: true } : { ok: false, error: errorLine(r.error) }),
    );
    const okAlerts = alerts.filter((r) => r.ok).map((r) => r.value as Alert[]);
    const okSilences = silences.filter((r) => r.ok).map((r) => r.value as Silence[]);
    silences.forEach((r, i) => {
      const name = `${this.amNames[i]!} silences`;
      this.silencesHealth.set(
        name,
        nextHealth(
          this.silencesHealth.get(name) ?? initialHealth(name, this.now()),
          r.ok ? { ok: true } : { ok: false, error: errorLine(r.error) },
          this.now(),
        ),
      );
    });
    // With no list at all, the last good one is shown (marked stale by silencesHealth), never an empty one.
    if (okSilences.length) this.lastSilences = dedupeSilences(okSilences);
    const silencesHealth = [...this.silencesHealth.values()].filter((h) => h.state === 'unreachable');
    let result: LoadResult = { generatedAt: this.now(), health: [] };
    if (okAlerts.length) {
      await ready;
      // Watchdog shows in the header as the alerting pipeline's heartbeat; it and InfoInhibitor leave the list.
      const firing = dedupeAlerts(okAlerts);
      // Remembered resolved alerts are grouped beside the firing ones, so a resolved cause keeps its symptoms.
      const t = this.now();
      const memory = this.memory?.observe(firing, new Date(t), this.keepMs, okAlerts.length === alerts.length);
      // Unreadable inhibit rules are left out; `oncall rules` reports them.
      const grouper = this.grouperOf(await this.grouping!);
      // A Prometheus that hangs holds the incidents back by the grace at most; its answer serves the next refresh.
      const topology = await this.topology.afterAlerts(topologyAsked, false);
      const group = (all: Alert[]) => grouper(all, topology.snapshot);
      const { shown, watchdog } = splitHeartbeat(
        memory ? withMemory(firing, memory, group, t, this.keepMs) : group(firing),
      );
      const incidents = sortIncidents(shown);
      benchEvent('worker', { what: 'grouped' });
      // Shown from the first Watchdog on: many pipelines have none, and a warning that never goes away is noise.
      if (watchdog || this.health.has('watchdog'))
        this.mark('watchdog', watchdog ? { ok: true } : { ok: false, error: 'missing' });
      result = {
        ...result,
        incidents,
        silences: this.lastSilences ?? [],
        ...(silencesHealth.length ? { silencesHealth } : {}),
      };
    }
    await probeSettled;
    result.health = [...this.health.values()];
    returned = true;
    return result;
  }
}
