// Generated alert histories for tests, the benchmark and the demo's backfill: ALERTS series with known episodes,
// written as OpenMetrics and turned into TSDB blocks with promtool, then served by a real Prometheus.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPrometheus, type ServerHandle } from '../../src/backends/localstack.js';
import { promtoolBackfill, writeOpenMetrics, type IntervalSeries } from '../../src/backends/backfill.js';

export { sampleTimes, SAMPLE_OFFSET, writeOpenMetrics } from '../../src/backends/backfill.js';

export type Labels = Record<string, string>;
/** One ALERTS series and its firing runs, [start, end) in Unix seconds. */
export type GenSeries = IntervalSeries;

export { rng } from '../../src/demo/random.js';

/** Turns an OpenMetrics file into TSDB blocks in `dataDir` with promtool. */
export const backfill = promtoolBackfill;

export interface HistoryServer {
  prom: ServerHandle;
  samples: number;
  stop(): Promise<void>;
}

/**
 * A real Prometheus holding the given history. Its retention is long enough for the blocks (Prometheus deletes
 * blocks older than retention at start, and the default is 15 days).
 */
export async function prometheusWithHistory(
  series: readonly GenSeries[],
  step: number,
  opts: { config?: string; files?: Record<string, string> } = {},
): Promise<HistoryServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-history-'));
  const file = path.join(dir, 'alerts.om');
  const samples = writeOpenMetrics(file, series, step);
  const data = path.join(dir, 'data');
  await backfill(file, data);
  fs.rmSync(file);
  const prom = await startPrometheus({
    config: opts.config ?? `global:\n  scrape_interval: 1m\n  evaluation_interval: 1m\n`,
    files: opts.files,
    dataDir: data,
    retention: '3650d',
  });
  return {
    prom,
    samples,
    stop: async () => {
      await prom.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Building blocks for histories. Times are Unix seconds; `now` is the end of the window.

/** `count` episodes of `minutes` each, spread evenly over [from, to) with a little seeded jitter. */
export function periodic(
  from: number,
  to: number,
  count: number,
  minutes: number,
  r: () => number,
): [number, number][] {
  const span = (to - from) / count;
  const out: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    const s = Math.floor(from + i * span + r() * Math.max(0, span - minutes * 60 - 600));
    out.push([s, s + minutes * 60]);
  }
  return out;
}

/** Bursts of short re-fires: `bursts` times, `perBurst` episodes of one or two minutes, three minutes apart. */
export function flapping(
  from: number,
  to: number,
  bursts: number,
  perBurst: number,
  r: () => number,
): [number, number][] {
  const out: [number, number][] = [];
  for (const [s] of periodic(from, to, bursts, perBurst * 4, r)) {
    for (let k = 0; k < perBurst; k++) {
      const a = s + k * 240;
      out.push([a, a + (r() < 0.5 ? 60 : 120)]);
    }
  }
  return out;
}
