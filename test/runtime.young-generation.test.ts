import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticStorm } from '../bench/lib/synthetic.mjs';
import type { ServerHandle } from '../src/backends/localstack.js';
import { alertmanager, CLI, CLOSED_URL, isolatedEnv, postAlerts, ROOT, until, waitForAlerts } from './helpers/stack.js';
import { shellQuote, Tmux } from './helpers/tmux.js';

// src/young-generation.ts holds V8's young generation at its first size in commands on Node 24 (V8 13) and leaves it
// alone elsewhere and in the TUI's UI thread; the TUI's data worker is capped at Node 20's size (src/ui/data/spawn.ts).
// Checked in processes of their own (the flag is process-wide) by the size V8 reports for its new space after a
// workload that makes it grow by default: many objects that stay alive, as a parsed alert list does.
const MODULE = pathToFileURL(path.join(ROOT, 'dist/young-generation.js')).href;
const SPAWN = pathToFileURL(path.join(ROOT, 'dist/ui/data/spawn.js')).href;
const MB = 2 ** 20;
const V8_MAJOR = Number(process.versions.v8.split('.')[0]);

/** Allocates `n` live objects; then size() is the new space's size in bytes. */
const grow = (n: number) => `
  const v8 = await import('node:v8');
  const keep = [];
  for (let i = 0; i < ${n}; i++) keep.push({ i, s: 'alert-' + i });
  const size = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
`;

/**
 * New-space sizes of the main thread and of a worker started after `setup` (with `workerOptions`, an expression), with
 * what setup returned; each thread allocates `objects` (300,000 grow it to 16 MB semi-spaces, 3,000,000 as far as
 * Node 24 lets it: 64 MB).
 */
function sizesAfter(
  setup: string,
  workerOptions = '{}',
  objects = 300_000,
): { applied: unknown; main: number; worker: number; stderr: string } {
  const script = `
    const { Worker } = await import('node:worker_threads');
    const { keepYoungGenerationSmall, letYoungGenerationGrow } = await import(${JSON.stringify(MODULE)});
    const { WORKER_OPTIONS } = await import(${JSON.stringify(SPAWN)});
    const applied = ${setup};
    ${grow(objects)}
    const worker = await new Promise((resolve, reject) => {
      const w = new Worker(${JSON.stringify(`(async () => { ${grow(objects)} (await import('node:worker_threads')).parentPort.postMessage(size()); })()`)}, { ...${workerOptions}, eval: true });
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
    expect(s.main).toBeGreaterThan(8 * MB);
    expect(s.worker).toBeGreaterThan(8 * MB);
  });

  it('stays at its first size where applied, and in a worker started after on V8 13, without a word from V8', () => {
    // As Node 24 would: on another V8 the flag works the same in the thread that sets it.
    const s = sizesAfter(`keepYoungGenerationSmall('13.6.233.17')`);
    expect(s.applied).toBe(true);
    expect(s.main).toBeLessThanOrEqual(4 * MB);
    // Node 20's and 22's V8 size a worker's by its resource limits alone: their own 16 MB semi-spaces.
    expect(s.worker).toBeLessThanOrEqual(V8_MAJOR === 13 ? 4 * MB : 32 * MB);
    expect(s.stderr).toBe('');
  });

  it('is applied on Node 24 only: elsewhere the young generation does not grow past 16 MB semi-spaces', () => {
    const s = sizesAfter('keepYoungGenerationSmall()');
    expect(s.applied).toBe(V8_MAJOR === 13);
    if (V8_MAJOR === 13) expect(s.main).toBeLessThanOrEqual(4 * MB);
    else expect(s.main).toBeGreaterThan(8 * MB);
    expect(s.main).toBeLessThanOrEqual(32 * MB);
  });

  it('grows again once let go, as before a command starts the TUI', () => {
    const s = sizesAfter(`(keepYoungGenerationSmall('13.6.233.17'), letYoungGenerationGrow(), 'let go')`);
    expect(s.applied).toBe('let go');
    expect(s.main).toBeGreaterThan(8 * MB);
  });

  it("the TUI's data worker's is no larger than Node 20 makes it (Node 24 would let it reach 128 MB)", () => {
    const s = sizesAfter('null', 'WORKER_OPTIONS', 3_000_000);
    expect(s.worker).toBeGreaterThan(8 * MB);
    expect(s.worker).toBeLessThanOrEqual(32 * MB);
    // The main thread, without such limits, shows what the worker would have reached.
    expect(s.main).toBeLessThanOrEqual(V8_MAJOR === 13 ? 128 * MB : 32 * MB);
  }, 30_000);

  it('is left alone on a V8 it was not measured on', () => {
    const s = sizesAfter(`keepYoungGenerationSmall('14.1.0') || keepYoungGenerationSmall('11.3.244.8')`);
    expect(s.applied).toBe(false);
    expect(s.main).toBeGreaterThan(8 * MB);
  });
});

describe('oncall sets the young generation up at start', () => {
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

  /** Writes a preload that records the main thread's largest new space, sampled every millisecond, at exit. */
  function largestNewSpace(): { preload: string; written: () => boolean; read: () => number } {
    const preload = path.join(dir, `report-${Math.random().toString(36).slice(2)}.mjs`);
    const out = `${preload}.txt`;
    fs.writeFileSync(
      preload,
      `import v8 from 'node:v8';\nimport fs from 'node:fs';\nlet most = 0;\n` +
        `const look = () => { most = Math.max(most, v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size); };\n` +
        `setInterval(look, 1).unref();\nprocess.on('exit', () => { look(); fs.writeFileSync(${JSON.stringify(out)}, String(most)); });\n`,
    );
    return {
      preload: pathToFileURL(preload).href,
      written: () => fs.existsSync(out),
      read: () => Number(fs.readFileSync(out, 'utf8')),
    };
  }

  it('in `incidents --json` over 3,000 alerts', () => {
    const probe = largestNewSpace();
    const r = spawnSync(
      process.execPath,
      ['--import', probe.preload, CLI, 'incidents', '--json', '--alertmanager', am.url, '--prometheus', CLOSED_URL],
      { env: isolatedEnv(), encoding: 'utf8', maxBuffer: 64 * MB },
    );
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { incidents: unknown[] }).incidents.length).toBeGreaterThan(0);
    const most = probe.read();
    if (V8_MAJOR === 13) expect(most).toBeLessThanOrEqual(4 * MB);
    else expect(most).toBeGreaterThan(8 * MB); // left to grow as V8 would, which it does with this many alerts
  });

  it("not in the TUI's UI thread, where a young generation held small lengthens a refresh's pauses", async () => {
    const probe = largestNewSpace();
    const tmux = await Tmux.start({
      command: `exec node --import ${shellQuote(probe.preload)} ${shellQuote(CLI)} --alertmanager ${shellQuote(am.url)} --prometheus ${CLOSED_URL}`,
      env: isolatedEnv(),
      columns: 160,
      rows: 40,
    });
    try {
      await tmux.waitFor('alerts 3000', 30_000);
      await tmux.send('q');
      await until('the TUI to exit', async () => probe.written(), 10_000);
    } finally {
      tmux.close();
    }
    expect(probe.read()).toBeGreaterThan(4 * MB);
  });
});
