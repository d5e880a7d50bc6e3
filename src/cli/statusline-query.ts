// `oncall statusline` without a usable state file: one read of the incidents, as `oncall incidents` makes it.
import { openAlertmanagerContext } from '../app/alertmanager-context.js';
import { readIncidentSnapshot } from '../app/incident-snapshot.js';
import type { CliGlobals } from './globals.js';
import { backendName } from '../backends/config/context-resolution.js';
import { statusCounts, type StatusSnapshot } from '../domain/statusline.js';

export async function queryStatus(g: CliGlobals): Promise<StatusSnapshot> {
  const c = await openAlertmanagerContext(g);
  const snap = await readIncidentSnapshot(c);
  const { counts, critical } = statusCounts(snap.incidents);
  const failed = new Set(snap.failures.map((f) => f.backendName));
  return {
    version: 1,
    generatedAt: snap.generatedAt,
    context: c.ctx.name,
    counts,
    critical,
    backends: c.ctx.alertmanagers.map((a) => {
      const name = backendName(a);
      return { name, kind: 'alertmanager' as const, state: failed.has(name) ? 'unreachable' : 'ok' };
    }),
    writer: 'statusline',
  };
}
