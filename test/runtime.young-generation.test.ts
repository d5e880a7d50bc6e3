import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticStorm } from '../bench/lib/synthetic.mjs';
import type { ServerHandle } from '../src/backends/localstack.js';
import { alertmanager, CLI, CLOSED_URL, isolatedEnv, postAlerts, ROOT, waitForAlerts } from './helpers/stack.js';

// src/young-generation.ts keeps V8's young generation at its first size in both of the TUI's threads and in every
// command. Checked in processes of their own (the flag is process-wide) by the size V8 reports for its new space after
// a workload that makes it grow by default: many objects that stay alive, as a parsed alert list does.
const MODULE = pathToFileURL(path.join(ROOT, 'dist/young-generation.js')).href;
const MB = 2 ** 20;
const V8_MAJOR = Number(process.versions.v8.split('.')[0]);

/** Allocates 300,000 live objects, then prints the new space's size in bytes. */
const GROW = `
  const v8 = await import('node:v8');
  const keep = [];
  for (let i = 0; i < 300000; i++) keep.push({ i, s: 'alert-' + i });
  const size = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
`;

/** New-space sizes of the main thread and of a worker started after `setup`, with what setup returned. */
function sizesAfter(setup: string): { applied: unknown; main: number; worker: number; stderr: string } {
  const script = `
    const { Worker } = await import('node:worker_threads');
    const { keepYoungGenerationSmall } = await import(${JSON.stringify(MODULE)});
    const applied = ${setup};
    ${GROW}
    const worker = await new Promise((resolve, reject) => {
      const w = new Worker(${JSON.stringify(`(async () => { ${GROW} (await import('node:worker_threads')).parentPort.postMessage(size()); })()`)}, { eval: true });
      w.once('message', resolve);
      w.once('error', reject);
    });
    console.log(JSON.stringify({ applied, main: size(), worker }));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return { ...(JSON.parse(r.stdout) as { applied: unknown; main: number; worker: number }), stderr: r.stderr };
}

describe('the young generation', () => {
  it('grows by default in both threads: the workload the other checks rely on', () => {
    const s = sizesAfter('null');
    expect(s.main).toBeGreaterThan(4 * MB);
    expect(s.worker).toBeGreaterThan(4 * MB);
  });

  it('stays at its first size in the thread that applies it and in a worker started after, without a word from V8', () => {
    const s = sizesAfter('keepYoungGenerationSmall()');
    expect(s.applied).toBe(true);
    expect(s.main).toBeLessThanOrEqual(2 * MB);
    // Node 20's V8 sizes a worker's by its resource limits alone: Node 20's own 16 MB semi-spaces, as before.
    expect(s.worker).toBeLessThanOrEqual(V8_MAJOR >= 13 ? 2 * MB : 32 * MB);
    expect(s.stderr).toBe('');
  });

  it('is left alone on a V8 that the flag is not known to exist in', () => {
    const s = sizesAfter(`keepYoungGenerationSmall('14.1.0') || keepYoungGenerationSmall('10.2.154')`);
    expect(s.applied).toBe(false);
    expect(s.main).toBeGreaterThan(4 * MB);
  });
});

describe('oncall keeps the young generation small', () => {
  let am: ServerHandle;
  let dir: string;

  beforeAll(async () => {
    am = await alertmanager();
    const storm = syntheticStorm({ seed: 5, alerts: 3000, now: Date.now() });
    const endsAt = new Date(Date.now() + 3600_000).toISOString();
    await postAlerts(
      am.url,
      storm.alerts.map((a) => ({ labels: a.labels, annotations: a.annotations, startsAt: a.startsAt, endsAt })),
    );
    await waitForAlerts(am.url, 3000);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-young-'));
  });
  afterAll(async () => {
    await am?.stop();
  });

  it('in `incidents --json` over 3,000 alerts', () => {
    // Reports the new space's largest size, sampled whenever the command's event loop turns, when it exits.
    const preload = path.join(dir, 'report.mjs');
    const out = path.join(dir, 'sizes.txt');
    fs.writeFileSync(
      preload,
      `import v8 from 'node:v8';\nimport fs from 'node:fs';\nlet most = 0;\n` +
        `const look = () => { most = Math.max(most, v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size); };\n` +
        `setInterval(look, 1).unref();\nprocess.on('exit', () => { look(); fs.writeFileSync(${JSON.stringify(out)}, String(most)); });\n`,
    );
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        pathToFileURL(preload).href,
        CLI,
        'incidents',
        '--json',
        '--alertmanager',
        am.url,
        '--prometheus',
        CLOSED_URL,
      ],
      { env: isolatedEnv(), encoding: 'utf8', maxBuffer: 64 * MB },
    );
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { incidents: unknown[] }).incidents.length).toBeGreaterThan(0);
    expect(Number(fs.readFileSync(out, 'utf8'))).toBeLessThanOrEqual(2 * MB);
  });
});
