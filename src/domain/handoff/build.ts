// The handoff report assembled from what was read: each section from its own inputs, a section whose backend did
// not answer is null (unknown), never empty. Pure: src/app/handoff.ts gathers the inputs.
import type { Incident } from '../incidents/types.js';
import type { GpuResult } from '../gpu/analyse.js';
import type { ModelQuality } from '../quality/build.js';
import type { IncidentProgress } from '../runbook/progress.js';
import type { SloResult } from '../slo/types.js';
import type { Silence } from '../types.js';
import { openIncidents, resolvedIncidents } from './incidents.js';
import { handoffRunbooks, type RunbookOutline } from './runbooks.js';
import { handoffGpus, handoffModels, handoffSlos } from './signals.js';
import { handoffSilences } from './silences.js';
import { HANDOFF_SCHEMA_VERSION, type BackendDown, type Handoff, type Watcher } from './types.js';

export interface HandoffInputs {
  context: string;
  now: number;
  windowMs: number;
  /** Open incidents and those resolved within the window; null when Alertmanager could not be read. */
  incidents: Incident[] | null;
  /**
   * Every Alertmanager down: the incidents grouped from what incident memory held as firing, and when it last saw
   * them (the open incidents are those, marked as remembered).
   */
  remembered?: { incidents: Incident[]; asOf: string } | null;
  silences: { silences: Silence[]; seenOn?: ReadonlyMap<string, string[]> } | null;
  untilResolved: ReadonlySet<string>;
  watcher: Watcher;
  progress: readonly IncidentProgress[];
  outline: (runbookId: string) => RunbookOutline | undefined;
  /** The SLOs now, and each one's error ratio over the window by SLO id; null when Prometheus did not answer. */
  slos: { results: SloResult[]; windowRatio: ReadonlyMap<string, number | null> } | null;
  gpus: { horizonSeconds: number; gpus: GpuResult[] } | null;
  quality: ModelQuality[] | null;
  down: BackendDown[];
  warnings: string[];
}

export function buildHandoff(i: HandoffInputs): Handoff {
  const windowSeconds = Math.round(i.windowMs / 1000);
  const silenceById = new Map((i.silences?.silences ?? []).map((s) => [s.id, s]));
  const firing = i.incidents ? i.incidents.flatMap((inc) => inc.alerts.filter((a) => !a.resolvedAt)) : null;
  const known = new Map<string, { title: string; open: boolean }>(
    (i.incidents ?? i.remembered?.incidents ?? []).map((inc) => [inc.id, { title: inc.title, open: !inc.resolvedAt }]),
  );
  const open = i.incidents
    ? openIncidents(i.incidents, silenceById, i.now)
    : i.remembered
      ? openIncidents(i.remembered.incidents, new Map(), i.now, i.remembered.asOf)
      : null;
  return {
    schemaVersion: HANDOFF_SCHEMA_VERSION,
    generatedAt: new Date(i.now).toISOString(),
    context: i.context,
    window: {
      since: new Date(i.now - i.windowMs).toISOString(),
      until: new Date(i.now).toISOString(),
      seconds: windowSeconds,
    },
    down: i.down,
    openIncidents: open,
    resolvedIncidents: i.incidents ? resolvedIncidents(i.incidents, i.now, i.windowMs) : null,
    silences: i.silences
      ? handoffSilences({
          silences: i.silences.silences,
          seenOn: i.silences.seenOn,
          firing,
          untilResolved: i.untilResolved,
          now: i.now,
          windowMs: i.windowMs,
        })
      : null,
    watcher: i.watcher,
    runbooks: handoffRunbooks({
      progress: i.progress,
      outline: i.outline,
      incidents: known,
      now: i.now,
      windowMs: i.windowMs,
    }),
    slos: i.slos ? handoffSlos(i.slos.results, i.slos.windowRatio, windowSeconds) : null,
    gpus: i.gpus ? { horizonSeconds: i.gpus.horizonSeconds, predictedFull: handoffGpus(i.gpus.gpus) } : null,
    models: i.quality ? handoffModels(i.quality) : null,
    warnings: i.warnings,
  };
}
