// Opening the TUI in an alert storm, as a person would in tmux: how long from the process's start until the first
// frame is on screen (the frame drawn before Ink loads, src/ui/first-frame.ts; Ink's first frame beside it), and
// until the first complete picture (every alert loaded, grouped and counted in the header, the top of the list
// drawn) and until every alert is in the UI's lists, beside `oncall incidents --json` on the same Alertmanager, in
// alternating rounds. Times come from the TUI's own log (src/ui/bench-log.ts), measured from the process's time
// origin.
import fs from 'node:fs';
import path from 'node:path';
import { median } from './measure.mjs';
import { run } from './measure.mjs';
import { launchTui, readLog, sleep, waitFor } from './terminal.mjs';
import { tuiMissing } from './tui.mjs';

/**
 * One start of the TUI; returns { firstFrameMs, inkFrameMs, completeMs, allDataMs } (the last two undefined when
 * `n` is undefined; allDataMs: every alert in the UI's lists, drawn). The first frame is the first one written to
 * the terminal; a build without the frame before Ink has Ink's as its first.
 */
async function oneStart({ root, work, amUrl, promUrl, n, env, id }) {
  const log = path.join(work, `coldstart-${id}.log`);
  const config = path.join(work, `coldstart-${id}.yaml`);
  fs.rmSync(log, { force: true });
  // The Alertmanager's timeout as `incidents --json --timeout 5m` has it: 100,000 alerts take longer than the default
  // 10 s to arrive on a busy machine.
  fs.writeFileSync(
    config,
    `current_context: bench\ncontexts:\n  bench:\n    prometheus:\n      url: ${promUrl}\n    alertmanagers:\n      - url: ${amUrl}\n        timeout: 5m\n    refresh_interval: 1h\n`,
  );
  const tui = launchTui({ root, env, config, log, session: `oncall-cold-${process.pid}-${id}` });
  try {
    const origin = () => readLog(log).find((e) => e.ev === 'start')?.origin;
    const ink = await waitFor(() => readLog(log).find((e) => e.ev === 'render'), 30_000, "Ink's first frame");
    const o = await waitFor(origin, 5_000, 'the start line');
    const first = readLog(log).find((e) => e.ev === 'frame') ?? ink;
    let completeMs;
    let allDataMs;
    if (n !== undefined) {
      const drawnAfter = (update) =>
        waitFor(() => readLog(log).find((e) => e.ev === 'render' && e.t >= update.t), 60_000, 'drawing them');
      // The complete first picture: the header counts every alert, grouped, and the list shows its top; a storm's
      // is drawn from the top of its list while the rest arrives (`arriving`), the whole list follows.
      const top = await waitFor(
        () => readLog(log).find((e) => e.ev === 'update' && (e.alerts === n || e.arriving === n)),
        120_000,
        `loading ${n} alerts`,
      );
      completeMs = (await drawnAfter(top)).t - o;
      const all = await waitFor(
        () => readLog(log).find((e) => e.ev === 'update' && e.alerts === n),
        120_000,
        `receiving all ${n} alerts`,
      );
      allDataMs = (await drawnAfter(all)).t - o;
    }
    tui.key('q');
    await sleep(300);
    return { firstFrameMs: first.t - o, inkFrameMs: ink.t - o, completeMs, allDataMs };
  } finally {
    tui.stop();
    fs.rmSync(config, { force: true });
    fs.rmSync(log, { force: true });
  }
}

/**
 * First frame and complete first picture with `n` alerts in the Alertmanager at `amUrl`, and `incidents --json` on
 * the same data, alternating, `rounds` times each. With `n` undefined (an Alertmanager that is down) only the first
 * frame is measured.
 */
export async function measureColdStart({ root, work, cli, amUrl, promUrl, n, env, rounds = 3 }) {
  const missing = tuiMissing(root);
  if (missing) return { skipped: missing };
  const first = [];
  const inkFirst = [];
  const complete = [];
  const allData = [];
  const json = [];
  for (let r = 0; r < rounds; r++) {
    const s = await oneStart({ root, work, amUrl, promUrl, n, env, id: `${n ?? 'down'}-${r}` });
    first.push(s.firstFrameMs);
    inkFirst.push(s.inkFrameMs);
    if (s.completeMs !== undefined) complete.push(s.completeMs);
    if (s.allDataMs !== undefined) allData.push(s.allDataMs);
    if (n !== undefined) {
      const res = await run(
        process.execPath,
        [cli, 'incidents', '--json', '--timeout', '5m', '--alertmanager', amUrl],
        { env },
      );
      if (res.code !== 0) throw new Error(`incidents --json failed (exit ${res.code}): ${res.stderr.trim()}`);
      json.push(res.ms);
    }
  }
  return {
    n,
    rounds,
    firstFrameMs: median(first),
    firstFrameSamples: first,
    inkFrameMs: median(inkFirst),
    inkFrameSamples: inkFirst,
    completeMs: complete.length ? median(complete) : undefined,
    completeSamples: complete,
    allDataMs: allData.length ? median(allData) : undefined,
    allDataSamples: allData,
    incidentsJsonMs: json.length ? median(json) : undefined,
    incidentsJsonSamples: json,
  };
}

/** The worst shape for the output stage: every alert its own incident (no causal rule joins any two). */
export function singleAlertStorm(n, now = Date.now()) {
  const endsAt = new Date(now + 24 * 3600_000).toISOString();
  return Array.from({ length: n }, (_, i) => ({
    labels: {
      alertname: `Unrelated${i % 997}`,
      instance: `host-${i}:9100`,
      cluster: `prod-${i % 5}`,
      severity: i % 7 ? 'warning' : 'critical',
      namespace: 'ml-serving',
      team: 'ml-platform',
    },
    annotations: {
      summary: `Unrelated alert ${i} on host-${i}`,
      description: `Alert ${i} has been firing on host-${i}; check the dashboard and follow the runbook's first steps.`,
    },
    startsAt: new Date(now - (i % 3600) * 1000).toISOString(),
    endsAt,
    generatorURL: `http://prometheus.example.com/graph?g0.expr=up%7Binstance%3D%22host-${i}%22%7D`,
  }));
}
