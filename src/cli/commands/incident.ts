// oncall incident ID [--timeline]: one incident (firing, or remembered as recently resolved), its alerts as a tree,
// and with --timeline everything that happened to it in order: alerts firing and resolving, silences and acks on
// its alerts, runbook steps done with their notes and check results.
import { openAlertmanagerContext } from '../../app/alertmanager-context.js';
import type { CliGlobals } from '../globals.js';
import { warn, write, writeJson } from '../output.js';
import { OncallError } from '../../domain/errors.js';
import { readIncidentSnapshot } from '../../app/incident-snapshot.js';
import { ProgressStore } from '../../backends/progress.js';
import { parseDuration } from '../../domain/duration.js';
import { incidentTimeline, timelineLine } from '../../domain/memory/timeline.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { formatIncidents, incidentsJson } from './incidents-format.js';

export interface IncidentOptions {
  json?: boolean;
  timeline?: boolean;
}

export async function runIncident(g: CliGlobals, id: string, o: IncidentOptions): Promise<void> {
  const c = await openAlertmanagerContext(g);
  // Every incident memory still holds can be asked for, resolved or not.
  const [snap, silences] = await Promise.all([
    readIncidentSnapshot(c, undefined, { includeResolvedMs: parseDuration(c.ctx.settings.memory.keep), warn }),
    o.timeline ? c.alertmanagers().silences() : undefined,
  ]);
  for (const f of [...snap.failures, ...(silences?.failures ?? [])]) warn(f.message);
  for (const w of snap.warnings) warn(w);
  const now = Date.now();
  const all = snap.incidents;
  const memory = snap.memory;
  const inc = all.find((i) => i.id === id) ?? all.find((i) => i.alerts.some((a) => a.fingerprint === id));
  if (!inc)
    throw new OncallError(
      'usage',
      `no incident ${JSON.stringify(id)}: neither firing nor remembered (memory.keep is ${c.ctx.settings.memory.keep}); \`oncall incidents --include-resolved ${c.ctx.settings.memory.keep}\` lists the IDs`,
    );
  const events = o.timeline
    ? incidentTimeline(inc, memory, silences?.silences ?? [], new ProgressStore().load(inc.id), now)
    : undefined;
  if (o.json) {
    const [one] = incidentsJson(snap.generatedAt, [inc]).incidents;
    await writeJson({ generatedAt: snap.generatedAt, incident: one, ...(events ? { timeline: events } : {}) });
    return;
  }
  let text = formatIncidents([inc], snap.options.rules, now);
  if (events)
    text += `\ntimeline:\n${events.length ? events.map((e) => `  ${sanitizeLine(timelineLine(e))}`).join('\n') : '  none'}\n`;
  await write(text);
}
