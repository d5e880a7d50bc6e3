// oncall ack ALERT|INCIDENT: a short silence (silence.ack_duration, 15m by default) of one firing alert (by
// fingerprint) or one incident (by id), commented "ack by <author>", with the same guardrails as any silence.
import { openContext, type AppContext } from '../../app/context.js';
import { readIncidentSnapshot } from '../../app/incident-snapshot.js';
import type { CliGlobals } from '../globals.js';
import { createFlow } from './silence.js';
import { warn, writeErr } from '../output.js';
import { authorOf, writerOf } from '../../app/silences.js';
import { ackSpec } from '../../domain/silence/ack.js';
import { matchersFromAlert, matchersFromAlerts } from '../../domain/silence/prefill.js';
import { requireAuthor } from '../../domain/silence/window.js';
import type { Matcher } from '../../domain/matchers.js';
import type { Alert } from '../../domain/types.js';
import { OncallError } from '../../domain/errors.js';

export interface AckOptions {
  untilResolved?: boolean;
  author?: string;
  yes?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

async function resolveAckTarget(
  c: AppContext,
  target: string,
  alerts: Alert[],
): Promise<{ what: string; matchers: Matcher[] }> {
  const byFp = alerts.filter((a) => a.fingerprint === target);
  if (byFp.length) return { what: `alert ${target}`, matchers: matchersFromAlert(byFp[0]!) };
  // The incidents as `oncall incidents` and the TUI show them (same read, same grouping, same memory), so the ID
  // they show is the one acked.
  const snap = await readIncidentSnapshot(c, undefined, { warn });
  for (const f of snap.failures) warn(f.message);
  for (const w of snap.warnings) warn(w);
  const incident = snap.incidents.find((i) => i.id === target);
  // Its firing alerts only: a resolved cause needs no silence.
  const firing = incident?.alerts.filter((a) => !a.resolvedAt) ?? [];
  if (incident && firing.length)
    return {
      what: `incident ${target} (${firing.length} alert${firing.length === 1 ? '' : 's'})`,
      matchers: matchersFromAlerts(firing),
    };
  throw new OncallError(
    'not-found',
    `no firing alert with fingerprint ${JSON.stringify(target)} and no incident with that id (see: oncall alerts --json, oncall incidents)`,
  );
}

export async function runAck(g: CliGlobals, target: string, o: AckOptions): Promise<number> {
  if (!target.trim()) throw new OncallError('usage', 'name the alert fingerprint or incident id to ack');
  const c = await openContext(g);
  const author = requireAuthor(authorOf(c.ctx, o.author));
  const { alerts } = await writerOf(c.ctx, c.alertmanagers()).firing();
  const { what, matchers } = await resolveAckTarget(c, target.trim(), alerts);
  writeErr(`oncall: acking ${what} for ${c.ctx.settings.silence.ack_duration}\n`);
  const spec = ackSpec(matchers, author, c.ctx.settings.silence.ack_duration, Date.now());
  return createFlow(c, spec, o, false);
}
