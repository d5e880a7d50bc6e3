// The handoff use case, for `oncall handoff` and the TUI's handoff view alike: reads, in parallel, the incidents
// (with incident memory, filled from the ALERTS history over the window), the silences, oncall's own records
// (until-resolved marks, runbook progress, the state file that says whether an oncall runs) and Prometheus's SLO,
// GPU and quality figures; a backend that does not answer is named and its sections are unknown, the rest is
// still built (src/domain/handoff).
import type { ResolvedContext } from '../backends/config/context-resolution.js';
import type { AlertmanagerSet } from '../backends/alertmanager.js';
import type { PrometheusClient } from '../backends/prometheus.js';
import { BackendError } from '../backends/errors.js';
import { ProgressStore } from '../backends/progress.js';
import { UntilResolvedRegistry } from '../backends/silence-registry.js';
import { readStatusFile } from '../backends/status-file.js';
import { configuredSlos, fetchSlos } from '../backends/slo.js';
import { fetchGpus } from '../backends/gpu.js';
import { fetchQualitySeries } from '../backends/quality.js';
import { setStateWarningSink, stateWarningSink } from '../backends/state-store.js';
import { readIncidentSnapshot } from './incident-snapshot.js';
import type { HistoryCache } from './incident-memory.js';
import { groupInputs } from './incidents.js';
import { IncidentMemoryStore } from '../backends/incident-memory.js';
import { rememberedFiring, resolvedAlerts } from '../domain/memory/memory.js';
import type { Incident } from '../domain/incidents/types.js';
import { writerOf } from './silences.js';
import { runbookLibraryFor } from './runbooks.js';
import { parseDuration } from '../domain/duration.js';
import { buildHandoff } from '../domain/handoff/build.js';
import { pickSloSeries, sloWindowExpr } from '../domain/handoff/signals.js';
import type { RunbookOutline } from '../domain/handoff/runbooks.js';
import type { BackendDown, Handoff, Watcher } from '../domain/handoff/types.js';
import { buildQualityReport, type QualitySeries } from '../domain/quality/build.js';
import type { SloResult } from '../domain/slo/types.js';

export interface HandoffSources {
  ctx: ResolvedContext;
  alertmanagers(): AlertmanagerSet;
  prometheus(): PrometheusClient;
  timeoutMs?: number;
  /** A caller that gathers again and again (the TUI view) keeps the ALERTS history here between reads. */
  historyCache?: HistoryCache;
}

export interface HandoffOptions {
  windowMs: number;
  now?: number;
  warn?: (m: string) => void;
}

const AM_SECTIONS = ['open incidents', 'resolved incidents', 'silences and acks', 'models with a quality alert'];
const PROM_SECTIONS = ['SLOs', 'GPUs', 'resolved incidents older than memory.keep'];

/** Settled value or the error, so that one backend down leaves the others' sections. */
async function settle<T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await p };
  } catch (error) {
    return { ok: false, error };
  }
}

/** A failure that is the backend's (down, refusing, garbage), not a mistake of the config or the program. */
function backendFailure(e: unknown): e is BackendError {
  return e instanceof BackendError;
}

function watcherOf(ctx: ResolvedContext, now: number): Watcher {
  const s = readStatusFile();
  if (!s || s.context !== ctx.name) return { running: false, writer: null, ageSeconds: null };
  const ageMs = Math.max(0, now - Date.parse(s.generatedAt));
  // A running TUI or `oncall watch` rewrites the file every refresh: a few missed refreshes still count as running.
  const fresh = ageMs <= Math.max(60_000, 3 * parseDuration(ctx.settings.refresh_interval));
  return {
    running: fresh && (s.writer === 'tui' || s.writer === 'watch'),
    writer: s.writer,
    ageSeconds: Math.round(ageMs / 1000),
  };
}

/** Each SLO's error ratio over exactly the window: one instant query per distinct expression. */
async function windowRatios(
  prom: PrometheusClient,
  slos: readonly SloResult[],
  seconds: number,
  warnings: string[],
): Promise<Map<string, number | null>> {
  const exprs = [...new Set(slos.map((s) => sloWindowExpr(s, seconds)))];
  const answers = new Map<string, { metric: Record<string, string>; value: number }[]>();
  await Promise.all(
    exprs.map(async (e) => {
      try {
        answers.set(e, (await prom.query(e)).data);
      } catch (err) {
        if (backendFailure(err) && err.failure !== 'api' && err.failure !== 'invalid') throw err;
        warnings.push(`SLO error ratio over the window: ${(err as Error).message}`);
      }
    }),
  );
  const out = new Map<string, number | null>();
  for (const s of slos) {
    const v = pickSloSeries(s, answers.get(sloWindowExpr(s, seconds)) ?? [])?.value;
    out.set(s.id, v !== undefined && Number.isFinite(v) ? v : null);
  }
  return out;
}

/**
 * Every Alertmanager down: the incidents grouped from what the context's incident memory (kept by the TUI, `oncall
 * watch` and the one-shot commands) still holds as firing, and when it last saw them; null when it holds none.
 */
function rememberedIncidents(
  ctx: ResolvedContext,
  warn: (m: string) => void,
): { incidents: Incident[]; asOf: string } | null {
  const { memory, asOf } = new IncidentMemoryStore(ctx.name).readWithAge();
  const firing = rememberedFiring(memory);
  if (!asOf || !firing.length) return null;
  // Remembered resolved alerts are grouped beside, so a resolved cause stays the root of its symptoms.
  const all = [...firing, ...resolvedAlerts(memory, firing)];
  try {
    const snap = groupInputs(
      { alerts: all, failures: [], statuses: [] },
      ctx.settings,
      `${ctx.configPath}: contexts.${ctx.name}`,
    );
    return { incidents: snap.incidents.filter((i) => !i.resolvedAt), asOf };
  } catch (e) {
    warn(`incident memory could not be grouped: ${(e as Error).message}`);
    return null;
  }
}

export async function gatherHandoff(src: HandoffSources, o: HandoffOptions): Promise<Handoff> {
  // Damaged or unwritable state files are the report's warnings while it is gathered; the caller's sink after.
  const previous = stateWarningSink();
  try {
    return await gather(src, o);
  } finally {
    setStateWarningSink(previous);
  }
}

async function gather(src: HandoffSources, o: HandoffOptions): Promise<Handoff> {
  const now = o.now ?? Date.now();
  const warnings: string[] = [];
  const warn = (m: string) => {
    warnings.push(m);
    o.warn?.(m);
  };
  setStateWarningSink(warn);
  const { ctx } = src;
  const ams = src.alertmanagers();
  const prom = src.prometheus();
  const seconds = Math.round(o.windowMs / 1000);
  const [snap, sil, slo, gpu, quality] = await Promise.all([
    settle(
      readIncidentSnapshot(src, undefined, {
        includeResolvedMs: o.windowMs,
        sinceMs: o.windowMs,
        warn,
        historyCache: src.historyCache,
      }),
    ),
    settle(writerOf(ctx, ams).silences()),
    settle(
      fetchSlos(prom, configuredSlos(ctx.settings, ctx.name)).then(async (r) => ({
        results: r.slos,
        windowRatio: await windowRatios(prom, r.slos, seconds, warnings),
        warnings: r.warnings,
      })),
    ),
    settle(fetchGpus(prom, ctx.settings.gpu, { now: new Date(now) })),
    settle(fetchQualitySeries(prom, { now: new Date(now) })),
  ]);
  // A mistake in the config (a bad matcher in causal_rules or slos) is the user's to fix: said, not reported as down.
  for (const r of [snap, sil, slo, gpu, quality]) if (!r.ok && !backendFailure(r.error)) throw r.error;

  const down: BackendDown[] = [];
  const amFailures = new Map<string, BackendError>();
  if (!snap.ok) amFailures.set((snap.error as BackendError).backendName, snap.error as BackendError);
  if (snap.ok) for (const f of snap.value.failures) amFailures.set(f.backendName, f);
  if (!sil.ok) amFailures.set((sil.error as BackendError).backendName, sil.error as BackendError);
  if (sil.ok) for (const f of sil.value.failures) amFailures.set(f.backendName, f);
  const allAmDown = !snap.ok;
  const remembered = allAmDown ? rememberedIncidents(ctx, warn) : null;
  const rememberedAge = remembered ? Math.max(0, Math.round((now - Date.parse(remembered.asOf)) / 1000)) : null;
  for (const f of amFailures.values())
    down.push({
      backend: 'alertmanager',
      name: f.backendName,
      error: f.detail,
      dataAgeSeconds: rememberedAge,
      missing: !allAmDown
        ? ['its alerts and silences (the other Alertmanagers answered)']
        : remembered
          ? AM_SECTIONS.filter((s) => s !== 'open incidents')
          : AM_SECTIONS,
      remembered: remembered ? { sections: ['open incidents'], asOf: remembered.asOf } : null,
    });
  const promError = [slo, gpu, quality].find((r) => !r.ok)?.error as BackendError | undefined;
  if (promError)
    down.push({
      backend: 'prometheus',
      name: promError.backendName,
      error: promError.detail,
      dataAgeSeconds: null,
      missing: PROM_SECTIONS,
      remembered: null,
    });
  if (snap.ok) for (const w of snap.value.warnings) warn(w);
  if (slo.ok) for (const w of slo.value.warnings) if (!w.startsWith('no SLOs:')) warn(w);

  const store = new ProgressStore();
  const progress = store.ids().map((id) => store.load(id));
  let outlines: Map<string, RunbookOutline> | undefined;
  const outline = (id: string): RunbookOutline | undefined => {
    outlines ??= new Map(runbookLibraryFor(ctx).runbooks.map((r) => [r.id, { title: r.title, steps: r.steps }]));
    return outlines.get(id);
  };
  const urls = ams.members.map((m) => m.http.baseUrl);
  const incidents = snap.ok ? snap.value.incidents : null;
  const firing = incidents ? incidents.flatMap((i) => i.alerts.filter((a) => !a.resolvedAt)) : null;
  const series: QualitySeries[] = quality.ok ? quality.value.series : [];
  return buildHandoff({
    context: ctx.name,
    now,
    windowMs: o.windowMs,
    incidents,
    remembered,
    silences: sil.ok ? { silences: sil.value.silences, seenOn: sil.value.seenOn } : null,
    untilResolved: new Set(new UntilResolvedRegistry().list(urls).map((e) => e.id)),
    watcher: watcherOf(ctx, now),
    progress,
    outline,
    slos: slo.ok ? { results: slo.value.results, windowRatio: slo.value.windowRatio } : null,
    gpus: gpu.ok
      ? { horizonSeconds: parseDuration(ctx.settings.gpu.time_to_full_horizon) / 1000, gpus: gpu.value.gpus }
      : null,
    // Quality alerts come from Alertmanager; the measures beside them from Prometheus when it answers.
    quality: firing ? buildQualityReport(series, firing, now / 1000).models : null,
    down,
    warnings,
  });
}
