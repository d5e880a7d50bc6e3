// oncall ack ALERT|INCIDENT: a short silence (silence.ack_duration, 15m by default) of one firing alert (by
// fingerprint) or one incident (by id), commented "ack by <author>", with the same guardrails as any silence.
import { openContext, type AppContext } from '../../app/context.js';
import type { CliGlobals } from '../globals.js';
import { createFlow } from './silence.js';
import { writeErr } from '../output.js';
import { authorOf, writerOf } from '../../app/silences.js';
import { ackSpec } from '../../domain/silence/ack.js';
import { matchersFromAlert, matchersFromAlerts } from '../../domain/silence/prefill.js';
import { requireAuthor } from '../../domain/silence/window.js';
import { groupIncidents } from '../../domain/incidents/group.js';
import { groupingOptions } from '../../domain/incidents/options.js';
import { rulesFromInhibitRules } from '../../domain/incidents/rules.js';
import type { Matcher } from '../../domain/matchers.js';
import { IncidentMemoryStore } from '../../backends/incident-memory.js';
import { withMemory } from '../../domain/memory/resolved.js';
import type { Alert } from '../../domain/types.js';
import { OncallError } from '../../domain/errors.js';

export interface AckOptions {
  untilResolved?: boolean;
  author?: string;
  yes?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

/**
 * Incidents as `oncall incidents` and the TUI build them: config rules plus the Alertmanagers' inhibit rules, and
 * the remembered resolved alerts (so an incident whose cause resolved keeps the ID they show).
 */
async function incidentsOf(c: AppContext, alerts: Alert[]) {
  const statuses = await c.alertmanagers().each((m) => m.status());
  const warnings: string[] = [];
  const inhibit = statuses
    .filter((s) => s.ok)
    .flatMap((s) => rulesFromInhibitRules(s.value!.config.original, s.name, warnings));
  const memory = new IncidentMemoryStore(c.ctx.name).read();
  return withMemory(
    alerts,
    memory,
    (all) => groupIncidents(all, groupingOptions(c.ctx.settings, inhibit)),
    Date.now(),
    undefined,
  );
}

export async function resolveAckTarget(
  c: AppContext,
  target: string,
  alerts: Alert[],
): Promise<{ what: string; matchers: Matcher[] }> {
  const byFp = alerts.filter((a) => a.fingerprint === target);
  if (byFp.length) return { what: `alert ${target}`, matchers: matchersFromAlert(byFp[0]!) };
  const incident = (await incidentsOf(c, alerts)).find((i) => i.id === target);
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
