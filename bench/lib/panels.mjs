// HTTP requests per refresh of the TUI's SLO and GPU views, with few and with many SLOs and GPUs. A small exporter
// serves DCGM-style GPU memory series for 32 GPUs, a real Prometheus scrapes it every second, the context lists 1
// SLO and 4 GPUs (a gpu.query that picks them) or 40 SLOs and every GPU, and a counting pass-through in front of
// Prometheus sees what one `r` sends from each view. What each view showed is read off the screen. The alerts come
// from the benchmark's Alertmanager.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startPrometheus } from '../../dist/backends/localstack.js';
import { countingProxy } from './proxy.mjs';
import { launchTui, readLog, sleep, tmux, waitFor } from './terminal.mjs';

const ALL_GPUS = 32;
const FOUR_GPUS =
  'DCGM_FI_DEV_FB_USED{Hostname="gpu-node-1",gpu=~"[0-3]"} / (DCGM_FI_DEV_FB_USED + DCGM_FI_DEV_FB_FREE)';
export const PANEL_CASES = [
  { slos: 1, gpus: 4, query: FOUR_GPUS },
  { slos: 40, gpus: ALL_GPUS },
];

/** DCGM exporter look-alike: GPUs 0–7 per host, memory half used. */
async function gpuExporter() {
  const gpus = ALL_GPUS;
  const server = http.createServer((req, res) => {
    const lines = ['# TYPE DCGM_FI_DEV_FB_USED gauge', '# TYPE DCGM_FI_DEV_FB_FREE gauge'];
    for (let i = 0; i < gpus; i++) {
      const l = `Hostname="gpu-node-${Math.floor(i / 8) + 1}",gpu="${i % 8}"`;
      lines.push(`DCGM_FI_DEV_FB_USED{${l}} 20480`, `DCGM_FI_DEV_FB_FREE{${l}} 20480`);
    }
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
    res.end(lines.join('\n') + '\n');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    target: `127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections?.();
        server.close(() => r());
      }),
  };
}

async function seriesCount(promUrl) {
  const res = await fetch(
    `${promUrl}/api/v1/query?query=${encodeURIComponent('count(DCGM_FI_DEV_FB_USED) or vector(0)')}`,
  );
  const body = await res.json();
  return Number(body.data?.result?.[0]?.value?.[1] ?? 0);
}

function contextYaml(promUrl, amUrl, slos, gpuQuery) {
  const defs = Array.from({ length: slos }, (_, i) =>
    [
      `      - name: availability-${i + 1}`,
      '        kind: ratio',
      '        objective: 0.999',
      '        period: 30d',
      `        selector: job="model-server",model="model-${i + 1}"`,
      '        errors: prediction_errors_total',
      '        total: predictions_total',
    ].join('\n'),
  );
  return `current_context: bench\ncontexts:\n  bench:\n    prometheus:\n      url: ${promUrl}\n    alertmanagers:\n      - url: ${amUrl}\n    refresh_interval: 1h\n${gpuQuery ? `    gpu:\n      query: '${gpuQuery}'\n` : ''}    slos:\n${defs.join('\n')}\n`;
}

/** Waits until no request has reached the pass-through for `quietMs` (a view's poll has finished). */
async function quiet(proxy, quietMs = 1000, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last = JSON.stringify([...proxy.snapshot()]);
  let since = Date.now();
  while (Date.now() < deadline) {
    await sleep(100);
    const now = JSON.stringify([...proxy.snapshot()]);
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
  }
  throw new Error('Prometheus requests did not settle');
}

const total = (q) => Object.values(q).reduce((a, b) => a + b, 0);

/** Requests one `r` sends to Prometheus from the SLO view and from the GPU view, per case. */
export async function measurePanels({ root, work, amUrl, env }) {
  const exporter = await gpuExporter();
  const prom = await startPrometheus({
    config: `global:\n  scrape_interval: 15s\nscrape_configs:\n  - job_name: gpus\n    scrape_interval: 1s\n    static_configs:\n      - targets: ['${exporter.target}']\n`,
  });
  const proxy = await countingProxy(prom.url);
  const cases = [];
  try {
    const deadline = Date.now() + 30_000;
    while ((await seriesCount(prom.url)) !== ALL_GPUS) {
      if (Date.now() > deadline) throw new Error(`Prometheus did not see ${ALL_GPUS} GPUs within 30s`);
      await sleep(250);
    }
    for (const c of PANEL_CASES) {
      const config = path.join(work, `panels-${c.slos}.yaml`);
      const log = path.join(work, `panels-${c.slos}.log`);
      fs.writeFileSync(config, contextYaml(proxy.url, amUrl, c.slos, c.query));
      fs.rmSync(log, { force: true });
      const session = `oncall-bench-panels-${process.pid}`;
      const tui = launchTui({ root, env, config, log, session });
      const screen = () => tmux('capture-pane', '-p', '-t', session);
      // One `r` in the view, once its own first poll is over: the requests it sent, and the screen after it.
      const refresh = async () => {
        await quiet(proxy);
        const before = proxy.snapshot();
        tui.key('r');
        await quiet(proxy);
        return { requests: proxy.since(before), text: screen() };
      };
      try {
        await waitFor(() => readLog(log).some((e) => e.ev === 'update' && e.alerts), 60_000, 'loading the alerts');
        tui.key('3');
        const slo = await refresh();
        const slosShown = Number(/^\s*(\d+) SLOs?,/m.exec(slo.text)?.[1] ?? 0);
        tui.key('4');
        // A GPU appears in the view's hour once Prometheus has a sample at one of its steps: ask again until all do.
        let gpu = await refresh();
        const gpusShown = (t) => t.split('\n').filter((l) => /^\W*gpu-node-\d+\s+\d+\s/.test(l)).length;
        const until = Date.now() + 90_000;
        while (gpusShown(gpu.text) < c.gpus && Date.now() < until) {
          await sleep(3000);
          gpu = await refresh();
        }
        tui.key('q');
        await sleep(300);
        cases.push({
          slos: c.slos,
          gpus: c.gpus,
          slosShown,
          gpusShown: gpusShown(gpu.text),
          slo: slo.requests,
          gpu: gpu.requests,
          sloTotal: total(slo.requests),
          gpuTotal: total(gpu.requests),
        });
      } finally {
        tui.stop();
      }
    }
  } finally {
    await proxy.close();
    await prom.stop();
    await exporter.close();
  }
  return { cases };
}
