// The model-quality view's state hook: every model's measures (one range query per refresh for every model;
// alerts from the app's shared data), the cursor, and the view's named actions: moving between models. Its keys
// are mapped to these in ./input.ts. How many models a page holds and the status line are pure, tested alone.
import { useMemo } from 'react';
import { useOncall } from '../../app-context.js';
import { usePoll } from '../../hooks/usePoll.js';
import { useKeyedListState, type ListActions } from '../../hooks/useListState.js';
import type { Cursor } from '../../list.js';
import { fetchQualitySeries } from '../../../backends/quality.js';
import { buildQualityReport, type ModelQuality } from '../../../domain/quality/build.js';
import { modelLines, qualitySparkWidth } from './QualityPanel.js';

/** Models a page holds in `height` lines: the cursor pages by models, each taking at most the tallest one's lines. */
export function modelsPerPage(models: readonly ModelQuality[] | undefined, height: number): number {
  // Before any data, a model takes about 7 lines.
  const per = models?.length ? Math.max(...models.map(modelLines)) : 7;
  return Math.max(1, Math.floor(height / per));
}

/** The line above the panels: Prometheus's error, else the first warning, else what is shown. */
export function qualityStatus(
  error: string | undefined,
  warnings: readonly string[],
  models: readonly ModelQuality[] | undefined,
): string {
  return error ? `Prometheus: ${error}` : (warnings[0] ?? `${models?.length ?? 0} models, degraded first · last hour`);
}

export type QualityActions = ListActions;

export interface QualityState {
  /** Every model, degraded first; undefined before the first answer. */
  models: readonly ModelQuality[] | undefined;
  /** Prometheus's error of the last poll. */
  error: string | undefined;
  status: string;
  cursor: Cursor;
  actions: QualityActions;
}

export function useQualityState(width: number, height: number): QualityState {
  const app = useOncall();
  const spark = qualitySparkWidth(width);
  const poll = usePoll(() => fetchQualitySeries(app.services.prometheus(), { width: spark }), { deps: [spark] });
  const report = useMemo(
    () => (poll.data ? buildQualityReport(poll.data.series, app.data?.alerts ?? [], poll.data.now) : undefined),
    [poll.data, app.data?.alerts],
  );
  const models = report?.models;
  const list = useKeyedListState({
    stateKey: 'quality.cursor',
    items: models,
    keyOf: (m) => m.model,
    height: modelsPerPage(models, height - 1),
  });
  const warnings = [...(report?.warnings ?? []), ...(poll.data?.warnings ?? [])];
  return {
    models,
    error: poll.error,
    status: qualityStatus(poll.error, warnings, models),
    cursor: list.cursor,
    actions: list.actions,
  };
}
