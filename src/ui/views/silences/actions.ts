// Silence writes from the TUI: the same SilenceWriter as the CLI (one post per cluster, read back from every
// replica, identical-silence check before retries), reported as one notice line.
import { ackSpec } from '../../../domain/silence/ack.js';
import { checkSilence } from '../../../domain/silence/guardrails.js';
import { matchersFromAlert, matchersFromAlerts } from '../../../domain/silence/prefill.js';
import type { SilenceSpec } from '../../../domain/silence/types.js';
import type { Matcher } from '../../../domain/matchers.js';
import { SilenceWriter } from '../../../backends/silences.js';
import type { ExpireResult, WriteResult } from '../../../backends/silence-results.js';
import { authorOf, limitsOf, markUntilResolved, writerOf } from '../../../app/silences.js';
import { stillArriving, type AppServices, type OncallApi, type Selection } from '../../app-context.js';

/** The context's silence writer, for the TUI's services. */
export function writerFor(services: AppServices): SilenceWriter {
  return writerOf(services.context, services.alertmanagers());
}

/**
 * Matchers for the selection: the incident's (shared labels + alert names) or the single alert's. Resolved alerts
 * (incident memory) are left out: a silence is for what fires.
 */
export function selectionMatchers(sel: Selection): Matcher[] {
  const firing = sel.alerts.filter((a) => !a.resolvedAt);
  if (firing.length > 1) return matchersFromAlerts(firing);
  return firing[0] ? matchersFromAlert(firing[0]) : [];
}

/** Marks every copy; returns a warning when the mark could not be saved (the silence itself exists). */
export function markUntilResolvedFor(services: AppServices, ids: string[]): string | undefined {
  return markUntilResolved(
    services.context,
    services.alertmanagers(),
    ids,
    'not marked until resolved: expire it yourself',
    services.now(),
  );
}

export function describeWrite(r: WriteResult, verb: string): string {
  const missing = r.confirmations.filter((c) => c.state !== 'confirmed').map((c) => `${c.name} ${c.state}`);
  const ids = r.copies.map((x) => x.id).join(' + ');
  const head = r.existed
    ? `identical silence ${ids} already exists`
    : `${verb} ${ids}${r.replacedId ? ` (replaces ${r.replacedId})` : ''}`;
  const failed = r.failed.map((f) => `not written on ${f.cluster}: ${f.error.message}`);
  const tail = missing.length
    ? `; not confirmed on ${missing.join(', ')}`
    : `, confirmed on ${r.confirmations.length} Alertmanager${r.confirmations.length === 1 ? '' : 's'}`;
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
  const waiting = stillArriving(app.data, 'ack it');
  if (waiting) return app.notify(waiting, 'error');
  const services = app.services;
  if (services.readOnly) return app.notify(`context ${services.context.name} is read-only: acks are refused`, 'error');
  const author = authorOf(services.context);
  if (!author) return app.notify('no author: set author in the context (or $USER)', 'error');
  const matchers = selectionMatchers(sel);
  const spec: SilenceSpec = ackSpec(matchers, author, services.context.settings.silence.ack_duration, services.now());
  const verdict = checkSilence(spec, app.data?.alerts ?? [], limitsOf(services.context));
  if (verdict.refusals.length) return app.notify(`ack refused: ${verdict.refusals[0]}`, 'error');
  if (verdict.confirmations.length || (untilResolved && !verdict.matched.length)) {
    app.openOverlay('silence-form', {
      mode: 'ack',
      matchers,
      duration: services.context.settings.silence.ack_duration,
      comment: spec.comment,
      author,
      untilResolved,
    });
    return;
  }
  try {
    const r = await writerFor(services).create(spec);
    const lost = untilResolved
      ? markUntilResolvedFor(
          services,
          r.copies.map((x) => x.id),
        )
      : undefined;
    app.notify(
      describeWrite(r, `acked (${services.context.settings.silence.ack_duration}): silence`) +
        (lost ? `; ${lost}` : ''),
      r.failed.length || lost ? 'error' : 'info',
    );
    app.refresh();
  } catch (e) {
    app.notify(`ack failed: ${(e as Error).message}`, 'error');
  }
}
