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
const alerts = parseAlerts(JSON.parse(fs.readFileSync(file, 'utf8')));
const opts = groupingOptions();

// The first call is what a one-shot `oncall incidents` pays (nothing compiled yet); the rest are what a
// long-running TUI pays on every refresh.
let t0 = performance.now();
let incidents = groupIncidents(alerts, opts).length;
const coldMs = performance.now() - t0;
const times = [];
for (let i = 0; i < 5; i++) {
  globalThis.gc?.();
  t0 = performance.now();
  incidents = groupIncidents(alerts, opts).length;
  times.push(performance.now() - t0);
}
process.stdout.write(JSON.stringify({ n: alerts.length, ms: median(times), minMs: Math.min(...times), coldMs, incidents }) + '\n');
