// `npm run bench`: oncall against the tools on-call engineers use today, at alert-storm scale, in one run.
// A real Alertmanager on loopback is filled with N unique alerts; curl (what the server itself costs), amtool,
// a bare `node` fetch + JSON.parse, `oncall alerts --json` and `oncall incidents --json` then run in turns
// (alternating, the order rotated each round) and the medians are compared. Also: grouping alone, start-up, and the
// TUI with 20,000 alerts, and the requests its SLO and GPU views send with few and many SLOs and GPUs. Results are
// printed and written to bench/RESULTS.md.
//
// Start-up and the TUI are also measured on every other Node given in ONCALL_BENCH_NODES (comma-separated paths of
// node binaries; `node24` is the Node 24 LTS of scripts/node24.sh); by default on that Node 24, installed on first use.
//
// Environment: ONCALL_BENCH_SIZES=1000,20000 to measure fewer sizes, ONCALL_BENCH_RUNS=5 for the rounds per size,
// ONCALL_BENCH_NO_WRITE=1 to leave RESULTS.md alone, ONCALL_BENCH_SKIP=startup,commands,tui,panels,coldstart,topology,
// history,grouping to leave parts out, ONCALL_BENCH_NODES=node24,/usr/bin/node for the Nodes of start-up and the TUI.
// `node bench/run.mjs --only commands,history` (or ONCALL_BENCH_ONLY=…) runs those parts alone; such a partial run
// prints its figures, writes them to bench/.work/results.json and leaves RESULTS.md alone.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { executable, median, run, rssMethod } from './lib/measure.mjs';
import { postAlerts, startBenchAlertmanager, startBenchPrometheus, waitForCount, workDir } from './lib/stack.mjs';
import { benchStorm } from './lib/alerts.mjs';
import { measureTui, tuiMissing } from './lib/tui.mjs';
import { nodeVersion } from './lib/terminal.mjs';
import { measurePanels } from './lib/panels.mjs';
import { measureColdStart, singleAlertStorm } from './lib/coldstart.mjs';
import { measureHistory } from './lib/history.mjs';
import { evaluate, renderMarkdown, renderTable } from './lib/report.mjs';
import { measureTopology } from './lib/topology.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = executable(ROOT);
const WORK = workDir(ROOT);
const T0 = performance.now();
const SIZES = (process.env.ONCALL_BENCH_SIZES ?? '1000,20000,100000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0)
  .sort((a, b) => a - b);
const RUNS = (n) => Number(process.env.ONCALL_BENCH_RUNS) || (n <= 20000 ? 7 : 3);
// `npm run bench` must end within 10 minutes on a 2-core machine, build included: when the machine is slower than
// planned, the largest size gets fewer rounds (never fewer than one) and RESULTS.md says so.
const BUDGET_S = Number(process.env.ONCALL_BENCH_BUDGET_S) || 480;
const SECTIONS = ['startup', 'commands', 'tui', 'panels', 'coldstart', 'topology', 'history', 'grouping'];
const onlyAt = process.argv.indexOf('--only');
const ONLY = (
  process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ??
  (onlyAt > 0 ? process.argv[onlyAt + 1] : undefined) ??
  process.env.ONCALL_BENCH_ONLY
)
  ?.split(',')
  .filter(Boolean);
for (const s of ONLY ?? [])
  if (!SECTIONS.includes(s)) {
    console.error(`bench: --only ${s}: no such part; the parts are ${SECTIONS.join(', ')}`);
    process.exit(2);
  }
const SKIP = new Set([
  ...(process.env.ONCALL_BENCH_SKIP ?? '').split(',').filter(Boolean),
  ...(ONLY ? SECTIONS.filter((s) => !ONLY.includes(s)) : []),
]);
/** The parts that need the storm in Alertmanager (commands, the TUI); without them it is not loaded. */
const STORM_PARTS = ['commands', 'tui', 'panels', 'coldstart'];
const elapsed = () => ((performance.now() - T0) / 1000).toFixed(0) + 's';
const say = (s) => process.stderr.write(`[bench ${elapsed()}] ${s}\n`);

if (!fs.existsSync(CLI)) {
  console.error('bench: dist/ is missing; run npm run build first (npm run bench does).');
  process.exit(1);
}

// Every command gets the same clean environment: no oncall or amtool config of the person running the bench.
const HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-bench-home-'));
const ENV = {
  PATH: process.env.PATH,
  HOME,
  XDG_CONFIG_HOME: path.join(HOME, '.config'),
  NO_COLOR: '1',
  LANG: process.env.LANG ?? 'C.UTF-8',
};

/** The node binaries start-up and the TUI run on: this one first (the targets are its figures), then the others. */
function benchNodes() {
  const node24 = (...args) =>
    spawnSync('bash', [path.join(ROOT, 'scripts/node24.sh'), ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }).stdout.trim();
  // Node 24 by default, installed on first use (users run 22 or 24): a run on a fresh machine measures it too.
  const asked = (process.env.ONCALL_BENCH_NODES ?? 'node24').split(',').filter(Boolean);
  const missing = [];
  const list = asked.map((n) => {
    if (n !== 'node24') return n;
    const bin = node24();
    if (!bin)
      missing.push(
        'Node 24 LTS: scripts/node24.sh could not install it from the npm registry (its message went to stderr)',
      );
    return bin;
  });
  const seen = new Set([process.version]);
  const nodes = [{ bin: process.execPath, version: process.version }];
  for (const bin of list.filter(Boolean)) {
    const v = nodeVersion(bin);
    if (!seen.has(v)) nodes.push({ bin, version: v });
    seen.add(v);
  }
  return { nodes, missing };
}
const { nodes: NODES, missing: NODES_MISSING } = benchNodes();

function version(cmd, args) {
  try {
    return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] })
      .toString()
      .split('\n')[0]
      .trim();
  } catch {
    return 'unknown';
  }
}

function machine() {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cores: cpus.length,
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    prometheus: version('prometheus', ['--version']).replace(/^prometheus, /, ''),
    alertmanager: version('prometheus-alertmanager', ['--version']).replace(/^alertmanager, /, ''),
    amtool: version('amtool', ['--version']).replace(/^amtool, /, ''),
    curl: version('curl', ['--version']).split(' ').slice(0, 2).join(' '),
    commit: version('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']),
    loadavg: os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' '),
    rssMethod,
  };
}

const incidentsAvailable = spawnSync(process.execPath, [CLI, 'incidents', '--help'], { env: ENV }).status === 0;

function commands(url) {
  const list = [
    {
      id: 'curl',
      label: 'curl /api/v2/alerts',
      cmd: 'curl',
      args: ['-s', '-f', `${url}/api/v2/alerts`],
      count: (t) => JSON.parse(t).length,
    },
    {
      id: 'amtool',
      label: 'amtool alert query -o json',
      cmd: 'amtool',
      args: ['alert', 'query', '-o', 'json', '--timeout=5m', `--alertmanager.url=${url}`],
      count: (t) => JSON.parse(t).length,
    },
    {
      id: 'node',
      label: 'node fetch + JSON.parse',
      cmd: process.execPath,
      args: [
        '-e',
        'fetch(process.argv[1]).then((r) => r.text()).then((t) => process.stdout.write(JSON.parse(t).length + "\\n"))',
        `${url}/api/v2/alerts`,
      ],
      count: (t) => Number(t.trim()),
    },
    {
      id: 'alerts',
      label: 'oncall alerts --json',
      cmd: process.execPath,
      args: [CLI, 'alerts', '--json', '--timeout', '5m', '--alertmanager', url],
      count: (t) => JSON.parse(t).alerts.length,
    },
  ];
  if (incidentsAvailable) {
    list.push({
      id: 'incidents',
      label: 'oncall incidents --json',
      cmd: process.execPath,
      args: [CLI, 'incidents', '--json', '--timeout', '5m', '--alertmanager', url],
      count: (t) => JSON.parse(t).incidents.reduce((s, i) => s + i.alerts.length, 0),
    });
  }
  return list;
}

/** Each command once, output kept and checked: every command must see all n alerts. */
async function warmUpAndCheck(cmds, n) {
  for (const c of cmds) {
    const out = path.join(WORK, `out-${c.id}.json`);
    const r = await run(c.cmd, c.args, { env: ENV, stdoutFile: out });
    if (r.code !== 0) throw new Error(`${c.label} failed (exit ${r.code}): ${r.stderr.trim()}`);
    const seen = c.count(fs.readFileSync(out, 'utf8'));
    fs.rmSync(out, { force: true });
    if (seen !== n) throw new Error(`${c.label} reported ${seen} alerts, expected ${n}`);
  }
}

async function measureSize(cmds, n, rounds = RUNS(n)) {
  const samples = Object.fromEntries(cmds.map((c) => [c.id, { ms: [], rssKb: [] }]));
  for (let r = 0; r < rounds; r++) {
    // Alternate, and start each round with another command, so drift in machine load hits all alike.
    const order = cmds.map((_, i) => cmds[(i + r) % cmds.length]);
    for (const c of order) {
      const res = await run(c.cmd, c.args, { env: ENV });
      if (res.code !== 0) throw new Error(`${c.label} failed (exit ${res.code}): ${res.stderr.trim()}`);
      samples[c.id].ms.push(res.ms);
      samples[c.id].rssKb.push(res.rssKb);
    }
  }
  return Object.fromEntries(
    cmds.map((c) => [
      c.id,
      {
        label: c.label,
        runs: rounds,
        ms: median(samples[c.id].ms),
        minMs: Math.min(...samples[c.id].ms),
        maxMs: Math.max(...samples[c.id].ms),
        rssMb: median(samples[c.id].rssKb) / 1024,
        // In round order: each round ran every command once, so samples at the same index can be paired.
        samplesMs: samples[c.id].ms,
        samplesRssKb: samples[c.id].rssKb,
      },
    ]),
  );
}

/** Processes that time grouping alone: within one, the calls agree; between them, they differ by up to 1.5 times. */
const GROUPING_PROCESSES = 3;

/**
 * Grouping alone, on the alerts as oncall parses them from the real Alertmanager, in processes of their own
 * (bench/lib/grouping.mjs); the median of their medians. Run once Alertmanager has stopped: after taking 80,000
 * alerts it spends a core or more for a while on them, and a CPU-bound measurement next to it measures that too.
 */
async function measureGrouping(file) {
  if (!fs.existsSync(path.join(ROOT, 'dist/domain/incidents/group.js'))) return undefined;
  const out = path.join(WORK, 'grouping-out.json');
  const each = [];
  try {
    for (let i = 0; i < GROUPING_PROCESSES; i++) {
      const r = await run(process.execPath, ['--expose-gc', path.join(ROOT, 'bench/lib/grouping.mjs'), ROOT, file], {
        env: ENV,
        stdoutFile: out,
      });
      if (r.code !== 0) throw new Error(`grouping alone failed (exit ${r.code}): ${r.stderr.trim()}`);
      each.push(JSON.parse(fs.readFileSync(out, 'utf8')));
    }
  } finally {
    fs.rmSync(file, { force: true });
    fs.rmSync(out, { force: true });
  }
  return {
    n: each[0].n,
    ms: median(each.map((e) => e.ms)),
    minMs: Math.min(...each.map((e) => e.minMs)),
    coldMs: median(each.map((e) => e.coldMs)),
    earlyMs: median(each.map((e) => e.earlyMs)),
    incidents: each[0].incidents,
    edges: each[0].edges,
    processMs: each.map((e) => e.ms),
  };
}

async function measureStartup(node) {
  const samples = { version: [], bare: [] };
  for (let i = 0; i < 9; i++) {
    samples.version.push((await run(node.bin, [CLI, '--version'], { env: ENV })).ms);
    samples.bare.push((await run(node.bin, ['-e', '0'], { env: ENV })).ms);
  }
  // `oncall statusline` as tmux runs it every few seconds: with a fresh state file present, as a running oncall keeps it.
  const stateDir = path.join(ENV.XDG_CONFIG_HOME, 'oncall');
  fs.mkdirSync(stateDir, { recursive: true });
  const statusFile = path.join(stateDir, 'status.json');
  samples.statusline = [];
  for (let i = 0; i < 9; i++) {
    fs.writeFileSync(
      statusFile,
      JSON.stringify({
        version: 1,
        generatedAt: new Date().toISOString(),
        context: 'default',
        counts: { critical: 2, warning: 3, info: 0, silenced: 1 },
        critical: [],
        backends: [],
        writer: 'watch',
      }),
      { mode: 0o600 },
    );
    const outFile = path.join(WORK, 'statusline.out');
    const r = await run(node.bin, [CLI, 'statusline', '--format', 'tmux'], { env: ENV, stdoutFile: outFile });
    const printed = fs.readFileSync(outFile, 'utf8');
    if (!printed.includes('#[fg=red]🔥2'))
      throw new Error(`oncall statusline printed ${JSON.stringify(printed)}, not the state file's counts`);
    samples.statusline.push(r.ms);
  }
  fs.rmSync(statusFile, { force: true });
  return {
    node: node.version,
    versionMs: median(samples.version),
    nodeMs: median(samples.bare),
    statuslineMs: median(samples.statusline),
  };
}

/**
 * Rounds of a cold start. The picture's target is a ratio at 20,000 alerts, which gets more: single rounds against
 * `incidents --json` spread over 0.8-1.5 on the 2-core machine, medians of five moved by ±0.05 between full runs,
 * and medians of nine of one build by 0.16 (1.07 and 1.23, single-alert incidents).
 */
const coldRounds = (n) => (n === 20000 ? 15 : 3);

async function coldStart(o) {
  try {
    return await measureColdStart({ root: ROOT, work: WORK, cli: CLI, env: ENV, rounds: coldRounds(o.n), ...o });
  } catch (e) {
    return { n: o.n, skipped: `failed: ${e.message}` };
  }
}

/** 20,000 alerts that are each their own incident, in an Alertmanager of their own: the commands and the TUI. */
async function worstShape(promUrl, results) {
  const n = 20000;
  if (!SIZES.includes(n)) return;
  const am = await startBenchAlertmanager();
  try {
    await postAlerts(am.url, singleAlertStorm(n));
    await waitForCount(am.url, n);
    say(`${n} single-alert incidents: commands, then opening the TUI`);
    if (!SKIP.has('commands')) {
      const cmds = commands(am.url);
      await warmUpAndCheck(cmds, n);
      results.coldstart.worstSizes = await measureSize(cmds, n, RUNS(n));
    }
    results.coldstart.worst = await coldStart({ amUrl: am.url, promUrl, n });
  } finally {
    await am.stop();
  }
}

const groupingFile = (n) => path.join(WORK, `grouping-alerts-${n}.json`);

/** Brings Alertmanager to n alerts, checks it lists them all, and keeps its answer for grouping alone (n ≥ 20,000). */
async function loadSize(amUrl, more, n, results) {
  const postMs = await postAlerts(amUrl, more);
  const t1 = performance.now();
  await waitForCount(amUrl, n);
  const body = await (await fetch(`${amUrl}/api/v2/alerts`)).text();
  const listed = JSON.parse(body);
  if (listed.length !== n) throw new Error(`Alertmanager lists ${listed.length} alerts, expected ${n}`);
  results.load[n] = {
    added: more.length,
    postMs,
    visibleMs: performance.now() - t1,
    bodyMb: Buffer.byteLength(body) / 2 ** 20,
  };
  say(
    `${n} alerts in Alertmanager (${more.length} posted in batches of 5000 in ${(postMs / 1000).toFixed(1)}s; ${results.load[n].bodyMb.toFixed(1)} MB of JSON)`,
  );
  // Kept for grouping alone, measured at the end (measureGrouping).
  if (n >= 20000) fs.writeFileSync(groupingFile(n), body);
}

async function main() {
  const info = machine();
  say(
    `machine: ${info.cores} cores, ${info.memoryGb} GB, node ${info.node}, Alertmanager ${info.alertmanager}; sizes ${SIZES.join(', ')}; start-up and TUI on node ${NODES.map((n) => n.version).join(', ')}`,
  );
  for (const m of NODES_MISSING) say(`not measured on ${m}`);
  // startup and tui: this Node's figures (the targets); byNode: those of every Node in NODES, this one first.
  const results = {
    info,
    sizes: {},
    grouping: {},
    load: {},
    startup: undefined,
    tui: undefined,
    byNode: NODES.map((n) => ({ node: n.version })),
    nodesMissing: NODES_MISSING,
    incidentsAvailable,
  };
  for (const n of SIZES) fs.rmSync(groupingFile(n), { force: true }); // left by an interrupted run

  say('start-up: oncall --version against node -e 0');
  if (!SKIP.has('startup')) {
    for (const [k, node] of NODES.entries()) results.byNode[k].startup = await measureStartup(node);
    results.startup = results.byNode[0].startup;
  }

  const storm = STORM_PARTS.some((p) => !SKIP.has(p));
  const am = storm ? await startBenchAlertmanager() : undefined;
  let prom;
  try {
    const max = SIZES[SIZES.length - 1];
    const { source, alerts } = storm ? benchStorm(Math.ceil(max * 1.02)) : { source: 'none', alerts: [] };
    if (storm && alerts.length < max)
      throw new Error(`the storm generator gave ${alerts.length} unique alerts, fewer than ${max}`);
    results.stormSource = source;
    let posted = 0;
    for (const n of storm ? SIZES : []) {
      await loadSize(am.url, alerts.slice(posted, n), n, results);
      posted = n;

      if (!SKIP.has('commands')) {
        const cmds = commands(am.url);
        const w0 = performance.now();
        await warmUpAndCheck(cmds, n);
        const roundS = (performance.now() - w0) / 1000;
        const left = BUDGET_S - (performance.now() - T0) / 1000;
        const last = n === SIZES[SIZES.length - 1];
        const rounds = last ? Math.max(1, Math.min(RUNS(n), Math.floor(left / roundS))) : RUNS(n);
        if (rounds < RUNS(n))
          results.reduced = {
            ...results.reduced,
            [n]: `${rounds} of ${RUNS(n)} rounds: a round took ${roundS.toFixed(0)} s and ${Math.max(0, left).toFixed(0)} s of the ${BUDGET_S} s budget were left`,
          };
        say(
          `${n}: ${rounds} rounds of ${cmds.map((c) => c.id).join(', ')} (a round takes about ${roundS.toFixed(0)} s)`,
        );
        results.sizes[n] = await measureSize(cmds, n, rounds);
        say(
          `${n}: ${Object.entries(results.sizes[n])
            .map(([k, v]) => `${k} ${v.ms.toFixed(0)}ms`)
            .join(', ')}`,
        );
      }

      if (!SKIP.has('coldstart')) {
        say(`${n}: opening the TUI in the storm, beside incidents --json`);
        prom ??= await startBenchPrometheus();
        results.coldstart ??= { storm: {} };
        results.coldstart.storm[n] = await coldStart({ amUrl: am.url, promUrl: prom.url, n });
      }

      if (n === 20000 && !SKIP.has('tui')) {
        prom ??= await startBenchPrometheus();
        for (const [k, node] of NODES.entries()) {
          say(`TUI with 20000 alerts, in tmux, on node ${node.version}`);
          let tui;
          try {
            tui = await measureTui({
              root: ROOT,
              work: WORK,
              amUrl: am.url,
              promUrl: prom.url,
              n,
              env: ENV,
              node: node.bin,
            });
          } catch (e) {
            tui = { skipped: `failed: ${e.message}` };
          }
          results.byNode[k].tui = tui;
          say(
            tui.skipped
              ? `TUI skipped: ${tui.skipped}`
              : `TUI on node ${node.version}: first frame ${tui.firstFrameMs.toFixed(0)} ms (with the alerts ${tui.dataFrameMs.toFixed(0)} ms), key to frame median ${tui.keyToFrameMedian.toFixed(1)} ms, p99 ${tui.keyToFrameP99.toFixed(0)} ms, longest stall ${tui.maxStallMs.toFixed(0)} ms`,
          );
        }
        results.tui = results.byNode[0].tui;
      }
      if (n === 20000 && !SKIP.has('panels')) {
        say('TUI SLO and GPU views: requests per refresh with 1 SLO and 4 GPUs, then 40 SLOs and 32 GPUs');
        const missing = tuiMissing(ROOT);
        try {
          results.panels = missing
            ? { skipped: missing }
            : await measurePanels({ root: ROOT, work: WORK, amUrl: am.url, env: ENV });
        } catch (e) {
          results.panels = { skipped: `failed: ${e.message}` };
        }
        say(
          results.panels.skipped
            ? `panels skipped: ${results.panels.skipped}`
            : `panels: ${results.panels.cases.map((c) => `${c.slosShown} SLOs ${c.sloTotal} requests, ${c.gpusShown} GPUs ${c.gpuTotal}`).join('; ')}`,
        );
      }
    }
    if (!SKIP.has('coldstart')) {
      prom ??= await startBenchPrometheus();
      await worstShape(prom.url, results);
      say('opening the TUI with the Alertmanager down');
      results.coldstart.down = await coldStart({ amUrl: 'http://127.0.0.1:9', promUrl: prom.url, n: undefined });
    }
  } finally {
    await am?.stop();
    await prom?.stop();
    fs.rmSync(HOME, { recursive: true, force: true });
  }
  if (!SKIP.has('history')) {
    say('rules suggest --since 14d on about 500,000 ALERTS samples backfilled into Prometheus');
    try {
      results.history = await measureHistory({ root: ROOT, work: WORK, env: ENV });
      say(
        `history: ${results.history.samples} samples, rules suggest ${results.history.ms.toFixed(0)} ms, peak RSS ${results.history.rssMb.toFixed(0)} MB, ${results.history.rules} rules`,
      );
    } catch (e) {
      results.history = { skipped: `failed: ${e.message}` };
      say(`history skipped: ${results.history.skipped}`);
    }
  }
  for (const n of SIZES) {
    if (!fs.existsSync(groupingFile(n))) continue;
    if (SKIP.has('grouping')) {
      fs.rmSync(groupingFile(n), { force: true });
      continue;
    }
    results.grouping[n] = await measureGrouping(groupingFile(n));
    if (results.grouping[n])
      say(
        `${n}: grouping alone ${results.grouping[n].ms.toFixed(0)} ms (first call ${results.grouping[n].coldMs.toFixed(0)} ms)`,
      );
  }
  // Its own Alertmanagers and Prometheus, once the storm's are stopped.
  // Nine rounds: the paired ratio of five moved from +14% to +30% between runs of builds that measure +13-15% in twelve.
  if (!SKIP.has('topology')) results.topology = await measureTopology(ROOT, ENV, say, 9);
  results.totalSeconds = (performance.now() - T0) / 1000;
  results.targets = evaluate(results);
  process.stdout.write(renderTable(results));
  if (ONLY) {
    fs.writeFileSync(path.join(WORK, 'results.json'), JSON.stringify(results, null, 2));
    say(`written: ${path.relative(ROOT, path.join(WORK, 'results.json'))} (RESULTS.md left alone: --only)`);
  } else if (!process.env.ONCALL_BENCH_NO_WRITE) {
    fs.writeFileSync(path.join(ROOT, 'bench/RESULTS.md'), renderMarkdown(results));
    fs.writeFileSync(path.join(WORK, 'results.json'), JSON.stringify(results, null, 2));
    say('written: bench/RESULTS.md');
  }
}

main().catch((e) => {
  console.error(`bench: ${e.stack ?? e}`);
  process.exit(1);
});
