// `oncall status`: each backend of the context, whether it answers, its version, cluster peers and latency.
import { openContext } from '../../app/context.js';
import type { CliGlobals } from '../globals.js';
import { table, write, writeJson, writeErr } from '../output.js';
import { BackendError } from '../../backends/errors.js';
import type { PrometheusClient } from '../../backends/prometheus.js';

export interface BackendStatus {
  kind: 'prometheus' | 'alertmanager';
  name: string;
  url: string;
  reachable: boolean;
  version: string | null;
  cluster: { status: string; peers: string[] } | null;
  latencyMs: number | null;
  error: string | null;
}

async function prometheusStatus(prom: PrometheusClient): Promise<BackendStatus> {
  const base = { kind: 'prometheus' as const, name: prom.name, url: prom.http.baseUrl, cluster: null };
  const t0 = performance.now();
  try {
    let version: string | null = null;
    try {
      version = (await prom.buildInfo()).version ?? null;
    } catch (e) {
      // Some Prometheus-compatible engines have no buildinfo endpoint; a trivial query still proves reachability.
      if (!(e instanceof BackendError) || e.failure !== 'not-found') throw e;
      await prom.query('1');
    }
    return { ...base, reachable: true, version, latencyMs: Math.round(performance.now() - t0), error: null };
  } catch (e) {
    return { ...base, reachable: false, version: null, latencyMs: null, error: (e as Error).message };
  }
}

/** Exit code 0 when every backend answered, 1 otherwise; each failure is also one line on stderr. */
export async function runStatus(g: CliGlobals, o: { json?: boolean }): Promise<number> {
  const c = await openContext(g);
  const [p, amResults] = await Promise.all([
    prometheusStatus(c.prometheus()),
    c.alertmanagers().each((am) => am.status()),
  ]);
  const statuses: BackendStatus[] = [
    p,
    ...amResults.map((r): BackendStatus => ({
      kind: 'alertmanager',
      name: r.name,
      url: r.url,
      reachable: r.ok,
      version: r.value?.versionInfo.version ?? null,
      cluster: r.value
        ? { status: r.value.cluster.status, peers: (r.value.cluster.peers ?? []).map((x) => x.address) }
        : null,
      latencyMs: r.ok ? Math.round(r.elapsedMs) : null,
      error: r.error?.message ?? null,
    })),
  ];
  if (o.json) {
    await writeJson({ context: c.ctx.name, backends: statuses });
  } else {
    await write(`context: ${c.ctx.name}\n`);
    await write(
      table(
        ['BACKEND', 'NAME', 'STATUS', 'VERSION', 'CLUSTER', 'LATENCY', 'URL'],
        statuses.map((s) => [
          s.kind,
          s.name,
          s.reachable ? 'ok' : 'down',
          s.version ?? '-',
          s.cluster ? `${s.cluster.status}${s.cluster.peers.length ? ` (${s.cluster.peers.length} peers)` : ''}` : '-',
          s.latencyMs !== null ? `${s.latencyMs}ms` : '-',
          s.url,
        ]),
      ),
    );
  }
  for (const s of statuses) if (s.error) writeErr(`oncall: ${s.error}\n`);
  return statuses.every((s) => s.reachable) ? 0 : 1;
}
