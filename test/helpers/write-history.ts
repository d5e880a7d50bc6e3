// Writes a fleet-sized ALERTS history as OpenMetrics, for promtool: used by the benchmark (bench/lib/history.mjs).
//   write-history.ts FILE SAMPLES DAYS (bundled by esbuild first)
// Prints {"samples": N, "series": M} on stdout.
import { writeOpenMetrics } from './alert-history.js';
import { fleetHistory } from './history-fleet.js';

const [file, samples, days] = process.argv.slice(2);
if (!file) {
  console.error('usage: write-history.ts FILE SAMPLES DAYS');
  process.exit(2);
}
const now = Math.floor(Date.now() / 1000 / 60) * 60;
const series = fleetHistory({ now, days: Number(days ?? 14), samples: Number(samples ?? 500_000) });
const n = writeOpenMetrics(file, series, 60);
process.stdout.write(JSON.stringify({ samples: n, series: series.length }) + '\n');
