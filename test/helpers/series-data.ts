// Known data for the SLO and GPU tests: series generated from rate and value functions, written as OpenMetrics
// for `promtool tsdb create-blocks-from openmetrics`, or as Prometheus text with millisecond timestamps for
// VictoriaMetrics' /api/v1/import/prometheus. Expected figures are computed from the same functions, not from
// any query.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from '../../src/backends/localstack.js';

export interface SeriesSpec {
  name: string;
  labels?: Record<string, string>;
  /** counter: `fn` is the rate per second (piecewise constant between samples); gauge: `fn` is the value. */
  kind: 'counter' | 'gauge';
  fn: (t: number) => number;
}

export interface Generated {
  name: string;
  labels: Record<string, string>;
  points: [number, number][];
}

/** Samples every `step` seconds from `start` to `end` (unix seconds, inclusive). Counters start at 0. */
export function generate(specs: readonly SeriesSpec[], start: number, end: number, step: number): Generated[] {
  return specs.map((s) => {
    const points: [number, number][] = [];
    let acc = 0;
    for (let t = start; t <= end; t += step) {
      if (s.kind === 'counter') {
        if (t > start) acc += s.fn(t - step / 2) * step;
        points.push([t, acc]);
      } else points.push([t, s.fn(t)]);
    }
    return { name: s.name, labels: s.labels ?? {}, points };
  });
}

function labelText(l: Record<string, string>): string {
  const keys = Object.keys(l).sort();
  return keys.length ? `{${keys.map((k) => `${k}=${JSON.stringify(l[k])}`).join(',')}}` : '';
}

export function toOpenMetrics(series: readonly Generated[]): string {
  const byName = new Map<string, Generated[]>();
  for (const s of series) byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
  const out: string[] = [];
  for (const [, list] of byName)
    for (const s of list) {
      const head = `${s.name}${labelText(s.labels)}`;
      for (const [t, v] of s.points) out.push(`${head} ${v} ${t}`);
    }
  out.push('# EOF');
  return out.join('\n') + '\n';
}

export function toPrometheusText(series: readonly Generated[]): string {
  const out: string[] = [];
  for (const s of series) {
    const head = `${s.name}${labelText(s.labels)}`;
    for (const [t, v] of s.points) out.push(`${head} ${v} ${t * 1000}`);
  }
  return out.join('\n') + '\n';
}

const run = promisify(execFile);

/** A TSDB folder holding `series`, made by promtool; the caller removes it. */
export async function backfill(series: readonly Generated[]): Promise<string> {
  const dir = tempDir('backfill');
  const input = path.join(dir, 'data.om');
  fs.writeFileSync(input, toOpenMetrics(series));
  const out = path.join(dir, 'tsdb');
  await run('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', input, out], { maxBuffer: 64 * 1024 * 1024 });
  fs.rmSync(input);
  return out;
}

/** Imports into VictoriaMetrics and makes the data visible to queries at once. */
export async function importVictoria(url: string, series: readonly Generated[]): Promise<void> {
  const text = toPrometheusText(series);
  const res = await fetch(`${url}/api/v1/import/prometheus`, { method: 'POST', body: text });
  if (!res.ok) throw new Error(`import failed: ${res.status} ${await res.text()}`);
  const flush = await fetch(`${url}/internal/force_flush`);
  if (!flush.ok) throw new Error(`flush failed: ${flush.status}`);
}

/** ∫ rate over [from, to] for a piecewise-constant rate function, by numeric integration at 1 s. */
export function integrate(fn: (t: number) => number, from: number, to: number): number {
  let acc = 0;
  for (let t = from; t < to; t += 1) acc += fn(t + 0.5);
  return acc;
}
