// oncall watch: oncall without its window. Every interval it reads the incidents (as `oncall incidents` does) and
// the SLOs, keeps the state file for `oncall statusline`, notifies new active critical incidents, and runs the
// until-resolved loop of `oncall silence watch` (in a writable context). One line on stderr per change; SIGINT or
// SIGTERM stops it after the current round, exit 0.
import { openContext } from '../../app/context.js';
import { writerOf } from '../../app/silences.js';
import type { CliGlobals } from '../globals.js';
import { write, writeErr } from '../output.js';
import { readIncidentSnapshot } from '../../app/incident-snapshot.js';
import { StatusPublisher, notifySettings } from '../../backends/status-publisher.js';
import { UntilResolvedRegistry } from '../../backends/silence-registry.js';
import { untilResolvedRound } from '../until-resolved-round.js';
import { setStateWarningSink } from '../../backends/state-store.js';
import { alertmanagerBackends } from '../statusline-query.js';
import { configuredSlos, fetchSlos } from '../../backends/slo.js';
import { durationFlag, formatDuration } from '../../domain/duration.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { describeChange, worstSlo, type WatchRound } from '../../domain/watch-log.js';
import type { SloSummary } from '../../domain/statusline.js';

export interface WatchOptions {
  interval?: string;
  once?: boolean;
}

function log(line: string): void {
  writeErr(`${new Date().toISOString()} ${sanitizeLine(line)}\n`);
}

export async function runWatch(g: CliGlobals, o: WatchOptions): Promise<number> {
  const c = await openContext(g);
  const settings = c.ctx.settings;
  const intervalMs = durationFlag('--interval', o.interval ?? settings.refresh_interval, '15s', 1000);
  setStateWarningSink((m) => log(`warning: ${m}`));
  const publisher = new StatusPublisher({
    context: c.ctx.name,
    writer: 'watch',
    notify: notifySettings(settings.notify),
    writeTerminal: (s) => void write(s), // the product's own sequences pass the sink unchanged
    log,
  });
  // The until-resolved loop writes (expires silences): not in a read-only context.
  const sweep = settings.read_only
    ? undefined
    : { writer: writerOf(c.ctx, c.alertmanagers()), registry: new UntilResolvedRegistry() };
  const urls = c.alertmanagers().members.map((m) => m.http.baseUrl);
  let slos: ReturnType<typeof configuredSlos> = [];
  try {
    slos = configuredSlos(settings, c.ctx.name);
  } catch (e) {
    log(`warning: ${(e as Error).message}; SLOs left out of the state file`);
  }

  let stopping = false;
  let wake: (() => void) | undefined;
  const stop = (sig: string) => {
    if (!stopping) log(`${sig}: stopping`);
    stopping = true;
    wake?.();
  };
  const onInt = () => stop('SIGINT');
  const onTerm = () => stop('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);

  log(
    `watching context ${c.ctx.name} every ${formatDuration(intervalMs)}${sweep ? ', with the until-resolved loop' : ' (read-only: no until-resolved loop)'}; Ctrl-C stops`,
  );
  let prev: WatchRound | undefined;
  try {
    while (!stopping) {
      prev = await round(prev);
      if (o.once || stopping) break;
      await new Promise<void>((r) => {
        const t = setTimeout(r, intervalMs);
        wake = () => {
          clearTimeout(t);
          r();
        };
      });
      wake = undefined;
    }
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
  log('stopped');
  return 0;

  async function round(before: WatchRound | undefined): Promise<WatchRound | undefined> {
    const slo = slos.length
      ? fetchSlos(c.prometheus(), slos, { discover: false }).then(
          (r) => worstSlo(r.slos.map((s) => s.state)),
          () => undefined,
        )
      : Promise.resolve<SloSummary | undefined>(undefined);
    let now: WatchRound | undefined;
    try {
      const snap = await readIncidentSnapshot(c);
      const backends = alertmanagerBackends(
        c.ctx.alertmanagers,
        (name) => snap.failures.find((f) => f.backendName === name)?.message,
      );
      const { snapshot } = publisher.publish(snap.incidents, backends, await slo);
      now = {
        counts: snapshot.counts,
        critical: snapshot.critical,
        slo: snapshot.slo,
        down: backends.filter((b) => b.state !== 'ok').map((b) => b.name),
      };
    } catch (e) {
      now = before ? { ...before, error: (e as Error).message } : { error: (e as Error).message };
      // No Alertmanager answered: the last counts stay, said to come from Alertmanagers that are down now.
      const error = sanitizeLine((e as Error).message);
      publisher.health(alertmanagerBackends(c.ctx.alertmanagers, () => error));
    }
    for (const line of describeChange(before, now)) log(line);
    if (sweep)
      await untilResolvedRound(
        sweep.writer,
        sweep.registry,
        urls,
        { change: log, problem: log },
        formatDuration(intervalMs),
      );
    return now;
  }
}
