// History for a Prometheus that has none yet: series written as OpenMetrics and turned into TSDB blocks with
// `promtool tsdb create-blocks-from openmetrics` (one series after another, each in time order, `# EOF` at the
// end). Used by the demo (two weeks of ALERTS) and by the tests and benchmark.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';

/** One series and the intervals it is present, [start, end) in Unix seconds. */
export interface IntervalSeries {
  labels: Record<string, string>;
  episodes: [number, number][];
}

/** Samples sit this many seconds after a step boundary, as real evaluations do, never on a boundary. */
export const SAMPLE_OFFSET = 7;

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** Sample times of an interval: one per step from its start while it lasts. */
export function sampleTimes(ep: [number, number], step: number): number[] {
  const out: number[] = [];
  const offset = SAMPLE_OFFSET % step;
  const first = Math.ceil((ep[0] - offset) / step) * step + offset;
  for (let t = first; t < ep[1]; t += step) out.push(t);
  return out;
}

/** Intervals of one series merged where they touch or nearly do, so that each is one run of samples. */
function merged(eps: [number, number][], step: number): [number, number][] {
  const xs = [...eps].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const e of xs) {
    const last = out[out.length - 1];
    if (last && e[0] < last[1] + 2 * step) last[1] = Math.max(last[1], e[1]);
    else out.push([e[0], e[1]]);
  }
  return out;
}

/**
 * Writes the series as an OpenMetrics file, value 1 at every step while present; for ALERTS each series gets
 * alertstate="firing". Returns the number of samples.
 */
export function writeOpenMetrics(
  file: string,
  series: readonly IntervalSeries[],
  step: number,
  metric = 'ALERTS',
  more?: ReadonlyMap<string, readonly PointSeries[]>,
): number {
  const fd = fs.openSync(file, 'w');
  let n = 0;
  try {
    fs.writeSync(fd, `# TYPE ${metric} gauge\n`);
    for (const s of series) {
      const labels = metric === 'ALERTS' ? { ...s.labels, alertstate: 'firing' } : s.labels;
      const head = `${metric}{${Object.entries(labels)
        .map(([k, v]) => `${k}="${esc(v)}"`)
        .join(',')}} 1 `;
      let buf = '';
      for (const ep of merged(s.episodes, step)) {
        for (const t of sampleTimes(ep, step)) {
          buf += `${head}${t}\n`;
          n++;
        }
        if (buf.length > 1 << 20) {
          fs.writeSync(fd, buf);
          buf = '';
        }
      }
      fs.writeSync(fd, buf);
    }
    if (more) n += writeFamilies(fd, more);
    fs.writeSync(fd, '# EOF\n');
  } finally {
    fs.closeSync(fd);
  }
  return n;
}

/** Turns an OpenMetrics file into TSDB blocks in `dataDir` with promtool. */
export async function promtoolBackfill(file: string, dataDir: string): Promise<void> {
  fs.mkdirSync(dataDir, { recursive: true });
  const run = (extra: string[]) =>
    promisify(execFile)('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', ...extra, file, dataDir], {
      maxBuffer: 64 << 20,
    });
  try {
    // One-day blocks: promtool reads the whole file once per block, so 2-hour blocks make two weeks ~4× slower.
    await run(['--max-block-duration=24h']);
  } catch (e) {
    if (!/max-block-duration/.test(String((e as { stderr?: string }).stderr ?? e))) throw e;
    await run([]);
  }
}

/** A series with its own values, [Unix seconds, value] in time order. */
export interface PointSeries {
  labels: Record<string, string>;
  points: [number, number][];
}

/** Appends metric families (type unknown: promtool stores the samples as they are) to an open OpenMetrics file. */
export function writeFamilies(fd: number, families: ReadonlyMap<string, readonly PointSeries[]>): number {
  let n = 0;
  for (const [name, series] of families) {
    fs.writeSync(fd, `# TYPE ${name} unknown\n`);
    for (const s of series) {
      const head = `${name}{${Object.entries(s.labels)
        .map(([k, v]) => `${k}="${esc(v)}"`)
        .join(',')}} `;
      let buf = '';
      for (const [t, v] of s.points) buf += `${head}${Number.isFinite(v) ? v : 0} ${t}\n`;
      n += s.points.length;
      fs.writeSync(fd, buf);
    }
  }
  return n;
}
