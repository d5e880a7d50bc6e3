// The TUI with a storm loaded, driven in tmux as a person would: key presses (time to the frame written), refreshes
// (the longest event-loop stall while one is under way) and the HTTP requests each refresh sends, counted by a
// pass-through in front of the real servers. The TUI logs what it measures itself when ONCALL_BENCH_RENDER_LOG
// is set (src/ui/bench-log.ts).
import fs from 'node:fs';
import path from 'node:path';
import { countingProxy } from './proxy.mjs';
import { median, percentile } from './measure.mjs';
import { hasTmux, launchTui, nodeVersion, readLog, sleep, waitFor } from './terminal.mjs';

/**
 * Runs the TUI against `amUrl`/`promUrl` holding `n` alerts. Returns the figures, or { skipped } with the reason
 * when the TUI or tmux is missing.
 */
export async function measureTui({ root, work, amUrl, promUrl, n, env, node = process.execPath }) {
  const missing = tuiMissing(root);
  if (missing) return { skipped: missing };

  const am = await countingProxy(amUrl);
  const prom = await countingProxy(promUrl);
  const log = path.join(work, 'tui-render.log');
  const config = path.join(work, 'tui-config.yaml');
  fs.rmSync(log, { force: true });
  // Auto-refresh once an hour: the refreshes measured are the ones asked for with `r`. The timeout is the one the
  // commands run with (--timeout 5m): on a busy machine 20,000 alerts through the pass-through outlast the default 10 s.
  fs.writeFileSync(
    config,
    `current_context: bench\ncontexts:\n  bench:\n    prometheus:\n      url: ${prom.url}\n    alertmanagers:\n      - url: ${am.url}\n        timeout: 5m\n    refresh_interval: 1h\n`,
  );
  const launchedAt = Date.now();
  const tui = launchTui({ root, env, config, log, node, session: `oncall-bench-${process.pid}` });
  const key = tui.key;
  try {
    const loaded = () => readLog(log).find((e) => e.ev === 'update' && e.alerts === n);
    const update = await waitFor(loaded, 60_000, `loading ${n} alerts`);
    // First frame: from starting the process in tmux to the first frame written (the one before Ink), to Ink's first
    // frame, and to the first frame with the alerts.
    const dataFrame = await waitFor(
      () => readLog(log).find((e) => e.ev === 'render' && e.t >= update.t),
      30_000,
      'drawing the alerts',
    );
    const inkFrameMs = readLog(log).find((e) => e.ev === 'render').t - launchedAt;
    const firstFrameMs = (readLog(log).find((e) => e.ev === 'frame')?.t ?? inkFrameMs + launchedAt) - launchedAt;
    const dataFrameMs = dataFrame.t - launchedAt;
    await sleep(1500);

    // Key presses, one at a time, each given time to draw: moves in the incidents view, then the alerts view.
    const keys = [
      ...Array(25).fill('j'),
      ...Array(5).fill('k'),
      'G',
      'g',
      'PageDown',
      'PageUp',
      'Tab',
      ...Array(15).fill('j'),
      'G',
      'g',
      'Tab',
    ];
    const t0 = Date.now();
    for (const k of keys) {
      key(k);
      await sleep(120);
    }
    await sleep(500);
    const events = readLog(log).filter((e) => e.t >= t0 - 5);
    const keyToFrame = [];
    const renderTimes = [];
    for (let i = 0; i < events.length; i++) {
      if (events[i].ev !== 'key') continue;
      const frame = events.slice(i + 1).find((e) => e.ev === 'render' || e.ev === 'key');
      if (frame?.ev === 'render') {
        keyToFrame.push(frame.t - events[i].t);
        renderTimes.push(frame.renderTime);
      }
    }

    // Refreshes: requests sent, and the longest stall from the key until the new data has been drawn.
    const refreshes = [];
    for (let r = 0; r < 3; r++) {
      const amBefore = am.snapshot();
      const promBefore = prom.snapshot();
      const before = readLog(log).length;
      key('r');
      const update = await waitFor(
        () =>
          readLog(log)
            .slice(before)
            .find((e) => e.ev === 'update'),
        60_000,
        'a refresh',
      );
      const started = readLog(log)
        .slice(before)
        .find((e) => e.ev === 'refresh');
      // Until the new data is on screen: the first frame after the update, and a second more.
      const drawn = await waitFor(
        () =>
          readLog(log)
            .slice(before)
            .find((e) => e.ev === 'render' && e.t > update.t),
        30_000,
        'drawing a refresh',
      );
      await sleep(1000);
      const from = started?.t ?? update.t;
      const until = drawn.t + 1000;
      // A stall is logged when it ends; it covers [t - ms, t].
      const stalls = readLog(log)
        .slice(before)
        .filter((e) => e.ev === 'stall' && e.t >= from && e.t - e.ms <= until)
        .map((e) => e.ms);
      refreshes.push({
        ms: started ? update.t - started.t : NaN,
        drawnMs: started ? drawn.t - started.t : NaN,
        maxStallMs: stalls.length ? Math.max(...stalls) : 0,
        alertmanager: am.since(amBefore),
        prometheus: prom.since(promBefore),
      });
    }
    // Memory once the storm has been loaded and refreshed three times: what the TUI holds during a shift.
    const memory = tui.memory();
    key('q');
    await sleep(500);
    return {
      node: nodeVersion(node),
      firstFrameMs,
      inkFrameMs,
      dataFrameMs,
      keys: keyToFrame.length,
      keyToFrameMedian: median(keyToFrame),
      keyToFrameP99: percentile(keyToFrame, 99),
      renderTimeMedian: median(renderTimes),
      renderTimeP99: percentile(renderTimes, 99),
      refreshes,
      maxStallMs: Math.max(...refreshes.map((r) => r.maxStallMs)),
      rssAfterRefreshes: memory.rss,
      peakRss: memory.peakRss,
    };
  } finally {
    tui.stop();
    await am.close();
    await prom.close();
  }
}

/** Why the TUI cannot be driven here, or undefined when it can. */
export function tuiMissing(root) {
  if (!hasTmux()) return 'tmux is not installed';
  const hook = path.join(root, 'dist/ui/bench-log.js');
  const start = fs.existsSync(path.join(root, 'dist/ui/start.js'))
    ? fs.readFileSync(path.join(root, 'dist/ui/start.js'), 'utf8')
    : '';
  if (!fs.existsSync(hook) || !start.includes('benchLogFromEnv'))
    return 'the TUI does not load the benchmark log (src/ui/bench-log.ts) yet';
  return undefined;
}
