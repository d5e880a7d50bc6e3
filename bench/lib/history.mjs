// `oncall rules suggest --since 14d` on a history of about 500,000 ALERTS samples: generated (test/helpers/
// history-fleet.ts), backfilled into a real Prometheus with promtool, then the command timed with its peak RSS.
// The generator is TypeScript: esbuild (a dev dependency, there after `npm ci`) bundles it for this Node to run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { startPrometheus } from '../../dist/backends/localstack.js';
import { executable, median, run } from './measure.mjs';

export async function measureHistory({ root, work, env, samples = 500_000, rounds = 3 }) {
  const dir = path.join(work, 'history');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'alerts.om');
  const writer = path.join(dir, 'write-history.mjs');
  await build({
    entryPoints: [path.join(root, 'test/helpers/write-history.ts')],
    outfile: writer,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  const gen = JSON.parse(
    execFileSync(process.execPath, [writer, file, String(samples), '14'], { cwd: root })
      .toString()
      .trim()
      .split('\n')
      .pop(),
  );
  const t0 = performance.now();
  execFileSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', file, path.join(dir, 'data')]);
  const backfillMs = performance.now() - t0;
  fs.rmSync(file);
  const prom = await startPrometheus({
    config: 'global:\n  evaluation_interval: 1m\n',
    dataDir: path.join(dir, 'data'),
    retention: '3650d',
  });
  try {
    const cli = executable(root);
    const args = [cli, '--prometheus', prom.url, 'rules', 'suggest', '--since', '14d', '--json'];
    const out = path.join(dir, 'out.json');
    const runs = [];
    for (let i = 0; i < rounds; i++) {
      const r = await run(process.execPath, args, { env, stdoutFile: out });
      if (r.code !== 0) throw new Error(`rules suggest failed: ${r.stderr}`);
      runs.push(r);
    }
    const result = JSON.parse(fs.readFileSync(out, 'utf8'));
    return {
      samples: gen.samples,
      series: gen.series,
      episodes: result.episodes,
      rules: result.rules.length,
      backfillMs,
      ms: median(runs.map((r) => r.ms)),
      rssMb: median(runs.map((r) => r.rssKb)) / 1024,
      runs: rounds,
    };
  } finally {
    await prom.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
