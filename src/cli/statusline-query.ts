// `oncall statusline` without a usable state file: one read of the incidents, as `oncall incidents` makes it.
import { openAlertmanagerContext } from '../app/alertmanager-context.js';
import { readIncidentSnapshot } from '../app/incident-snapshot.js';
import type { CliGlobals } from './globals.js';
import { backendName } from '../backends/config/context-resolution.js';
import type { BackendConfig } from '../backends/config/schema.js';
import { statusCounts, type StatusBackend, type StatusSnapshot } from '../domain/statusline.js';

/**
 * The state file's entries of the context's Alertmanagers: unreachable where `errorOf` gives a string, with it as
 * the error unless it is empty.
 */
export function alertmanagerBackends(
  ams: readonly BackendConfig[],
  errorOf: (name: string) => string | undefined,
): StatusBackend[] {
  return ams.map((a) => {
    const name = backendName(a);
    const error = errorOf(name);
    return error === undefined
      ? { name, kind: 'alertmanager', state: 'ok' }
      : { name, kind: 'alertmanager', state: 'unreachable', ...(error ? { error } : {}) };
  });
}

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
    // Without the errors: the line says only how many are down.
    backends: alertmanagerBackends(c.ctx.alertmanagers, (name) => (failed.has(name) ? '' : undefined)),
    writer: 'statusline',
  };
}
