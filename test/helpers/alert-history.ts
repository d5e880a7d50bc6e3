// Generated alert histories for tests, the benchmark and the demo's backfill: ALERTS series with known episodes,
// written as OpenMetrics and turned into TSDB blocks with promtool, then served by a real Prometheus.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startPrometheus, type ServerHandle } from '../../src/backends/localstack.js';

const run = promisify(execFile);

export type Labels = Record<string, string>;
/** One ALERTS series and its firing runs, [start, end) in Unix seconds. */
export interface GenSeries { labels: Labels; episodes: [number, number][] }

/** Samples sit this many seconds after a step boundary, as real evaluations do, never on a boundary. */
export const SAMPLE_OFFSET = 7;

/** A small seeded PRNG (mulberry32) so generated histories are the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** Sample times of an episode: one per step from its start while it fires. */
export function sampleTimes(ep: [number, number], step: number): number[] {
  const out: number[] = [];
  const first = Math.ceil((ep[0] - SAMPLE_OFFSET) / step) * step + SAMPLE_OFFSET;
  for (let t = first; t < ep[1]; t += step) out.push(t);
  return out;
}

/** Episodes of one series merged where they touch, so every run is one run of samples. */
function merged(eps: [number, number][], step: number): [number, number][] {
  const xs = [...eps].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const e of xs) {
    const last = out[out.length - 1];
    // A run that starts within two steps of the previous one's end would read as the same run.
    if (last && e[0] < last[1] + 2 * step) last[1] = Math.max(last[1], e[1]);
    else out.push([e[0], e[1]]);
  }
  return out;
}

/** The ALERTS series as an OpenMetrics file (one series after another, each in time order), streamed to `file`. */
export function writeOpenMetrics(file: string, series: readonly GenSeries[], step: number, metric = 'ALERTS'): number {
  const fd = fs.openSync(file, 'w');
  let n = 0;
  try {
    fs.writeSync(fd, `# TYPE ${metric} gauge\n`);
    for (const s of series) {
      const labels = metric === 'ALERTS' ? { ...s.labels, alertstate: 'firing' } : s.labels;
      const head = `${metric}{${Object.entries(labels).map(([k, v]) => `${k}="${esc(v)}"`).join(',')}} 1 `;
      let buf = '';
      for (const ep of merged(s.episodes, step)) {
        for (const t of sampleTimes(ep, step)) {
          buf += `${head}${t}\n`;
          n++;
        }
        if (buf.length > 1 << 20) { fs.writeSync(fd, buf); buf = ''; }
      }
      fs.writeSync(fd, buf);
    }
    fs.writeSync(fd, '# EOF\n');
  } finally {
    fs.closeSync(fd);
  }
  return n;
}

/** Turns an OpenMetrics file into TSDB blocks in `dataDir` with promtool. */
export async function backfill(file: string, dataDir: string): Promise<void> {
  fs.mkdirSync(dataDir, { recursive: true });
  await run('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', file, dataDir], { maxBuffer: 64 << 20 });
}

export interface HistoryServer { prom: ServerHandle; samples: number; stop(): Promise<void> }

/**
 * A real Prometheus holding the given history. Its retention is long enough for the blocks (Prometheus deletes
 * blocks older than retention at start, and the default is 15 days).
 */
export async function prometheusWithHistory(series: readonly GenSeries[], step: number, opts: { config?: string; files?: Record<string, string> } = {}): Promise<HistoryServer> {
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
  return { prom, samples, stop: async () => { await prom.stop(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

// Building blocks for histories. Times are Unix seconds; `now` is the end of the window.

/** `count` episodes of `minutes` each, spread evenly over [from, to) with a little seeded jitter. */
export function periodic(from: number, to: number, count: number, minutes: number, r: () => number): [number, number][] {
  const span = (to - from) / count;
  const out: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    const s = Math.floor(from + i * span + r() * Math.max(0, span - minutes * 60 - 600));
    out.push([s, s + minutes * 60]);
  }
  return out;
}

/** Bursts of short re-fires: `bursts` times, `perBurst` episodes of one or two minutes, three minutes apart. */
export function flapping(from: number, to: number, bursts: number, perBurst: number, r: () => number): [number, number][] {
  const out: [number, number][] = [];
  for (const [s] of periodic(from, to, bursts, perBurst * 4, r)) {
    for (let k = 0; k < perBurst; k++) {
      const a = s + k * 240;
      out.push([a, a + (r() < 0.5 ? 60 : 120)]);
    }
  }
  return out;
}
