// Grouping alone, in a process of its own that holds only the alerts (as the TUI's worker does): the benchmark's
// own process carries the storm it posts and every response it read, and a full collection of that heap leaves
// sweeping work that lands inside the timed calls. Run as
// `node --expose-gc bench/lib/grouping.mjs ROOT FILE`, where FILE holds Alertmanager's /api/v2/alerts response;
// prints one JSON line.
import fs from 'node:fs';
import path from 'node:path';
import { median } from './measure.mjs';

const [root, file] = process.argv.slice(2);
const dist = (p) => path.join(root, 'dist', p);
const { groupIncidents } = await import(dist('domain/incidents/group.js'));
const { groupingOptions } = await import(dist('domain/incidents/options.js'));
const { parseAlerts } = await import(dist('backends/alertmanager-alerts.js'));
const { indexAlerts } = await import(dist('domain/incidents/index-alerts.js'));
const { candidateEdges } = await import(dist('domain/incidents/candidate-edges.js'));
const alerts = parseAlerts(JSON.parse(fs.readFileSync(file, 'utf8')));
const opts = groupingOptions();

// The first call is what a one-shot `oncall incidents` pays (nothing compiled yet). V8 then keeps optimizing the
// grouping over the next few calls (at 100,000 alerts calls 2-6 take about 400 down to 280 ms, from the seventh on
// they settle at 220-300 ms); the TUI's worker has made those calls within its first two minutes (a refresh every
// 15 s by default), so what it pays per refresh after that is the settled figure, calls 7-11. The earlier calls are
// reported beside it.
const call = () => {
  globalThis.gc?.();
  const t0 = performance.now();
  const incidents = groupIncidents(alerts, opts).length;
  return { ms: performance.now() - t0, incidents };
};
const first = call();
const early = Array.from({ length: 5 }, call);
const settled = Array.from({ length: 5 }, call);
const times = settled.map((c) => c.ms);
// The work, beside the time: causal edges found (each is an alert pair some rule joins).
const edges = candidateEdges(indexAlerts(alerts, opts)).from.length;
process.stdout.write(
  JSON.stringify({
    n: alerts.length,
    edges,
    ms: median(times),
    minMs: Math.min(...times),
    earlyMs: median(early.map((c) => c.ms)),
    coldMs: first.ms,
    incidents: first.incidents,
  }) + '\n',
);
