// Silence writes from the TUI: the same SilenceWriter as the CLI (one post per cluster, read back from every
// replica, identical-silence check before retries), reported as one notice line.
import { parseDuration } from '../../../domain/duration.js';
import { ackSpec } from '../../../domain/silence/ack.js';
import { checkSilence } from '../../../domain/silence/guardrails.js';
import { matchersFromAlert, matchersFromAlerts } from '../../../domain/silence/prefill.js';
import type { GuardrailLimits, SilenceSpec } from '../../../domain/silence/types.js';
import type { Matcher } from '../../../domain/matchers.js';
import { SilenceWriter, type ExpireResult, type WriteResult } from '../../../backends/silences.js';
import { UntilResolvedRegistry } from '../../../backends/silence-registry.js';
import { recordLocally } from '../../../backends/state-store.js';
import type { AppServices, OncallApi, Selection } from '../../app-context.js';

export function limitsOf(services: AppServices): GuardrailLimits {
  const s = services.context.settings.silence;
  return { maxAlerts: s.max_alerts, maxDurationMs: parseDuration(s.max_duration), clusterLabel: s.cluster_label, readOnly: services.readOnly };
}

export function writerOf(services: AppServices): SilenceWriter {
  return new SilenceWriter(services.alertmanagers(), { propagationTimeoutMs: parseDuration(services.context.settings.silence.propagation_timeout) });
}

export function authorOf(services: AppServices): string {
  return services.context.settings.author ?? process.env.USER ?? '';
}

/** Matchers for the selection: the incident's (shared labels + alert names) or the single alert's. */
export function selectionMatchers(sel: Selection): Matcher[] {
  if (sel.alerts.length > 1) return matchersFromAlerts(sel.alerts);
  return sel.alerts[0] ? matchersFromAlert(sel.alerts[0]) : [];
}

/** Marks every copy; returns a warning when the mark could not be saved (the silence itself exists). */
export function markUntilResolved(services: AppServices, ids: string[]): string | undefined {
  const registry = new UntilResolvedRegistry();
  const urls = services.alertmanagers().members.map((m) => m.http.baseUrl);
  return recordLocally('not marked until resolved: expire it yourself', () => {
    for (const id of ids) registry.add({ id, alertmanagers: urls, context: services.context.name, createdAt: new Date(services.now()).toISOString() });
  });
}

export function describeWrite(r: WriteResult, verb: string): string {
  const missing = r.confirmations.filter((c) => c.state !== 'confirmed').map((c) => `${c.name} ${c.state}`);
  const ids = r.copies.map((x) => x.id).join(' + ');
  const head = r.existed ? `identical silence ${ids} already exists` : `${verb} ${ids}${r.replacedId ? ` (replaces ${r.replacedId})` : ''}`;
  const failed = r.failed.map((f) => `not written on ${f.cluster}: ${f.error.message}`);
  const tail = missing.length ? `; not confirmed on ${missing.join(', ')}` : `, confirmed on ${r.confirmations.length} Alertmanager${r.confirmations.length === 1 ? '' : 's'}`;
  return [head + tail, ...failed].join('; ');
}

export function describeExpire(id: string, r: ExpireResult): string {
  const missing = r.confirmations.filter((c) => c.state !== 'confirmed');
  const copies = r.copies.length > 1 ? ` (${r.copies.length} clusters: ${r.copies.map((x) => x.id).join(' + ')})` : '';
  const failed = r.failed.map((f) => `; not expired on ${f.cluster}: ${f.error.message}`).join('');
  return `expired silence ${id}${copies}${missing.length ? `; not confirmed on ${missing.map((c) => c.name).join(', ')}` : ''}${failed}`;
}

/** `a` / `A`: ack the selection at once, or open the form at its confirm step when a guardrail asks. */
export async function ackSelection(app: OncallApi, untilResolved: boolean): Promise<void> {
  const sel = app.selection;
  if (!sel?.alerts.length) return app.notify('select an alert or incident to ack', 'error');
  const services = app.services;
  if (services.readOnly) return app.notify(`context ${services.context.name} is read-only: acks are refused`, 'error');
  const author = authorOf(services);
  if (!author) return app.notify('no author: set author in the context (or $USER)', 'error');
  const matchers = selectionMatchers(sel);
  const spec: SilenceSpec = ackSpec(matchers, author, services.context.settings.silence.ack_duration, services.now());
  const verdict = checkSilence(spec, app.data?.alerts ?? [], limitsOf(services));
  if (verdict.refusals.length) return app.notify(`ack refused: ${verdict.refusals[0]}`, 'error');
  if (verdict.confirmations.length || (untilResolved && !verdict.matched.length)) {
    app.openOverlay('silence-form', { mode: 'ack', matchers, duration: services.context.settings.silence.ack_duration, comment: spec.comment, author, untilResolved });
    return;
  }
  try {
    const r = await writerOf(services).create(spec);
    const lost = untilResolved ? markUntilResolved(services, r.copies.map((x) => x.id)) : undefined;
    app.notify(describeWrite(r, `acked (${services.context.settings.silence.ack_duration}): silence`) + (lost ? `; ${lost}` : ''), r.failed.length || lost ? 'error' : 'info');
    app.refresh();
  } catch (e) {
    app.notify(`ack failed: ${(e as Error).message}`, 'error');
  }
}
