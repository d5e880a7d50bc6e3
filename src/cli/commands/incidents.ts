// oncall incidents: every alert of every Alertmanager, grouped into incidents by causal chain. JSON for scripts
// (a stable contract, incidents-format.ts), an indented tree for people.
import { openAlertmanagerContext } from '../../app/alertmanager-context.js';
import { sendIncidentReads } from '../../backends/incidents-fetch.js';
import type { CliGlobals } from '../globals.js';
import { write, writeJson, warn } from '../output.js';
import { durationFlag } from '../../domain/duration.js';

export interface IncidentsOptions {
  json?: boolean;
  activeOnly?: boolean;
  filter?: string;
  /** Also list the incidents resolved within this duration (remembered ones). */
  includeResolved?: string;
  /** Fill incident memory from Prometheus's ALERTS history over this window (default for includeResolved). */
  since?: string;
}

export async function runIncidents(g: CliGlobals, o: IncidentsOptions): Promise<void> {
  // The matchers (and their RE2 engine, 300 kB) load only for a filter, so that the request leaves sooner; the
  // grouping loads them anyway, but while Alertmanager renders the list.
  const matchers = o.filter ? await import('../../domain/matchers.js') : undefined;
  const filter = matchers ? matchers.parseMatchers(o.filter!) : [];
  const sinceMs = o.since === undefined ? undefined : durationFlag('--since', o.since, '2h');
  const includeResolvedMs =
    o.includeResolved === undefined ? sinceMs : durationFlag('--include-resolved', o.includeResolved, '1h');
  const c = await openAlertmanagerContext(g);
  const q = o.activeOnly
    ? { active: true, silenced: false, inhibited: false }
    : { active: true, silenced: true, inhibited: true };
  // The requests leave before the rest of the command loads (incident memory, the snapshot, the output format):
  // that loads while Alertmanager renders the list, a second during a storm.
  const reads = sendIncidentReads(c.alertmanagers(), q);
  reads.inputs.catch(() => undefined); // awaited by the snapshot
  const [{ readIncidentSnapshot }, { formatIncidents, incidentsDocument }] = await Promise.all([
    import('../../app/incident-snapshot.js'),
    import('./incidents-format.js'),
  ]);
  const snap = await readIncidentSnapshot(c, q, { includeResolvedMs, sinceMs, warn, reads });
  for (const f of snap.failures) warn(f.message);
  for (const w of snap.warnings) warn(w);
  // Whole incidents are kept, so a filter on a symptom still shows its root cause.
  const incidents =
    matchers && filter.length
      ? snap.incidents.filter((i) => i.alerts.some((a) => matchers.matchesAll(filter, a.labels)))
      : snap.incidents;
  if (o.json) {
    await writeJson(incidentsDocument(snap.generatedAt, incidents));
    return;
  }
  await write(formatIncidents(incidents, snap.options.rules, Date.now()));
}
