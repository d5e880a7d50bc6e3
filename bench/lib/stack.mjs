// The real servers the benchmark measures against: an Alertmanager filled with a storm of unique alerts (posted
// in batches, as Prometheus would), and an empty Prometheus for the TUI's panels.
import fs from 'node:fs';
import path from 'node:path';
import { startAlertmanager, startPrometheus } from '../../dist/backends/localstack.js';

// Long group_wait and no integrations: Alertmanager holds the alerts without trying to notify anyone.
const AM_CONFIG = `
route:
  receiver: sink
  group_by: ['alertname', 'cluster']
  group_wait: 1h
  group_interval: 1h
  repeat_interval: 24h
receivers:
  - name: sink
`;

export async function startBenchAlertmanager() {
  return startAlertmanager({ config: AM_CONFIG });
}

export async function startBenchPrometheus() {
  return startPrometheus({ config: 'global:\n  scrape_interval: 15s\n  evaluation_interval: 15s\n' });
}

/** POSTs alerts in batches of `batch`; returns milliseconds spent. */
export async function postAlerts(amUrl, alerts, batch = 5000) {
  const t0 = performance.now();
  for (let i = 0; i < alerts.length; i += batch) {
    const res = await fetch(`${amUrl}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(alerts.slice(i, i + batch)),
    });
    if (!res.ok) throw new Error(`posting alerts failed: HTTP ${res.status} ${await res.text()}`);
  }
  return performance.now() - t0;
}

/** Alerts Alertmanager holds, from its own gauge (cheaper than listing 100,000 of them). */
async function heldAlerts(amUrl) {
  const text = await (await fetch(`${amUrl}/metrics`)).text();
  let n = 0;
  for (const m of text.matchAll(/^alertmanager_alerts\{state="(?:active|suppressed|unprocessed)"\} (\d+)/gm))
    n += Number(m[1]);
  return n;
}

/** Waits until Alertmanager holds `n` alerts (it ingests asynchronously) and lists them; returns the count. */
export async function waitForCount(amUrl, n, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  let seen = -1;
  while (Date.now() < deadline) {
    seen = await heldAlerts(amUrl);
    if (seen >= n) return seen;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Alertmanager holds ${seen} alerts after ${timeoutMs / 1000}s, expected ${n}`);
}

export function workDir(root) {
  const dir = path.join(root, 'bench', '.work');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
