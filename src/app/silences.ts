// Silence and ack writes of a context, for `oncall silence`/`oncall ack` and the TUI alike: the guardrail limits
// from its settings, the writer (one post per cluster, read back from every replica), the author, the read-only
// refusal and the until-resolved mark.
import type { ResolvedContext } from '../backends/config/context-resolution.js';
import type { AlertmanagerSet } from '../backends/alertmanager.js';
import { SilenceWriter } from '../backends/silences.js';
import { UntilResolvedRegistry } from '../backends/silence-registry.js';
import { recordLocally } from '../backends/state-store.js';
import { parseDuration } from '../domain/duration.js';
import { OncallError } from '../domain/errors.js';
import type { GuardrailLimits } from '../domain/silence/types.js';

export function limitsOf(ctx: ResolvedContext): GuardrailLimits {
  const s = ctx.settings.silence;
  return {
    maxAlerts: s.max_alerts,
    maxDurationMs: parseDuration(s.max_duration),
    clusterLabel: s.cluster_label,
    readOnly: ctx.settings.read_only,
  };
}

export function writerOf(ctx: ResolvedContext, ams: AlertmanagerSet): SilenceWriter {
  return new SilenceWriter(ams, { propagationTimeoutMs: parseDuration(ctx.settings.silence.propagation_timeout) });
}

/** Who a silence is by: the one given, else the context's author, else $USER ('' when none). */
export function authorOf(ctx: ResolvedContext, given?: string, env: NodeJS.ProcessEnv = process.env): string {
  return given ?? ctx.settings.author ?? env.USER ?? '';
}

export function refuseIfReadOnly(ctx: ResolvedContext): void {
  if (ctx.settings.read_only) {
    throw new OncallError(
      'refused',
      `context ${ctx.name} is read-only (read_only: true): silences and acks are refused`,
    );
  }
}

/**
 * Remembers a silence's copies (one per cluster) to expire once none of their alerts fires (done by the TUI and
 * `oncall silence watch`). Returns `lost` when the mark could not be saved: the silence itself exists.
 */
export function markUntilResolved(
  ctx: ResolvedContext,
  ams: AlertmanagerSet,
  ids: readonly string[],
  lost: string,
  now: number = Date.now(),
): string | undefined {
  const registry = new UntilResolvedRegistry();
  const urls = ams.members.map((m) => m.http.baseUrl);
  return recordLocally(lost, () => {
    for (const id of ids)
      registry.add({ id, alertmanagers: urls, context: ctx.name, createdAt: new Date(now).toISOString() });
  });
}
