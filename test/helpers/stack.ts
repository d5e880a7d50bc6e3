// Test-side helpers around the real servers of src/backends/localstack.ts.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAlertmanager, startPrometheus, freePort, type ServerHandle } from '../../src/backends/localstack.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The bundle that `bin` points to, built by `npm run build` (scripts/build.mjs). */
export const CLI = path.join(ROOT, 'dist/oncall/main.js');

export const MINIMAL_AM_CONFIG = `
route:
  receiver: sink
  group_by: ['alertname']
  group_wait: 1h
  group_interval: 1h
  repeat_interval: 24h
receivers:
  - name: sink
`;

/** The minimal config plus one inhibit rule: `source` mutes `target` where the `equal` labels agree. */
export function amConfigWithInhibit(source: string, target: string, equal: string[]): string {
  return `${MINIMAL_AM_CONFIG}inhibit_rules:
  - source_matchers: [${JSON.stringify(source)}]
    target_matchers: [${JSON.stringify(target)}]
    equal: [${equal.map((e) => `'${e}'`).join(', ')}]
`;
}

export function minimalPrometheusConfig(extra = ''): string {
  return `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n${extra}`;
}

export async function alertmanager(
  config = MINIMAL_AM_CONFIG,
  opts: { clusterPort?: number; peers?: string[] } = {},
): Promise<ServerHandle> {
  return startAlertmanager({ config, ...opts });
}

export async function prometheus(
  config = minimalPrometheusConfig(),
  files?: Record<string, string>,
): Promise<ServerHandle> {
  return startPrometheus({ config, files });
}

export { freePort };

/**
 * A backend that is down: port 1 on loopback, where nothing listens, so a connection is refused at once. Not a port
 * found free: a server of a test running beside this one can take that port before the test uses it.
 */
export const CLOSED_URL = 'http://127.0.0.1:1';

/** Peers an Alertmanager sees in its gossip cluster (itself included); 0 when it does not answer. */
export async function clusterPeers(url: string): Promise<number> {
  try {
    const st = (await (await fetch(`${url}/api/v2/status`)).json()) as { cluster: { peers?: unknown[] } };
    return st.cluster.peers?.length ?? 0;
  } catch {
    return 0;
  }
}

/** Two Alertmanagers peered over loopback gossip (one HA cluster), returned once each sees the other. */
export async function haPair(config = MINIMAL_AM_CONFIG): Promise<[ServerHandle, ServerHandle]> {
  const aCluster = await freePort();
  const a = await startAlertmanager({ config, clusterPort: aCluster });
  let b: ServerHandle | undefined;
  try {
    b = await startAlertmanager({ config, clusterPort: await freePort(), peers: [`127.0.0.1:${aCluster}`] });
    await until(
      'the replicas to see each other',
      async () => (await clusterPeers(a.url)) === 2 && (await clusterPeers(b!.url)) === 2,
    );
    return [a, b];
  } catch (e) {
    await b?.stop();
    await a.stop();
    throw e;
  }
}

export interface TestAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  generatorURL?: string;
}

/** Sends alerts to an Alertmanager as Prometheus would (POST /api/v2/alerts). */
export async function postAlerts(amUrl: string, alerts: TestAlert[]): Promise<void> {
  for (let i = 0; i < alerts.length; i += 5000) {
    const res = await fetch(`${amUrl}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(alerts.slice(i, i + 5000)),
    });
    if (!res.ok) throw new Error(`posting alerts failed: ${res.status} ${await res.text()}`);
  }
}

/** Waits until the Alertmanager lists `n` alerts (it ingests asynchronously). */
/** Polls `fn` until it gives a value other than undefined or false (real servers apply some changes later). */
export async function until<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function waitForAlerts(amUrl: string, n: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = -1;
  while (Date.now() < deadline) {
    const res = await fetch(`${amUrl}/api/v2/alerts`);
    seen = ((await res.json()) as unknown[]).length;
    if (seen >= n) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Alertmanager holds ${seen} alerts, expected ${n}`);
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A fresh, empty config folder so tests never read the developer's own config. */
export function isolatedEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-home-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    NO_COLOR: '1',
    ONCALL_NOTIFY: 'off',
    ...extra,
  };
  for (const k of [
    'ONCALL_CONFIG',
    'ONCALL_CONTEXT',
    'ONCALL_PROMETHEUS_URL',
    'ONCALL_ALERTMANAGER_URL',
    'ONCALL_CACHE_DIR',
  ])
    if (!(k in extra)) delete env[k];
  return env;
}

/** Runs the built CLI as a user would. */
export function runCli(
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [CLI, ...args], {
      env: opts.env ?? isolatedEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    const t = setTimeout(() => {
      p.kill('SIGKILL');
      reject(new Error(`oncall ${args.join(' ')} timed out\n${stderr}`));
    }, opts.timeoutMs ?? 60_000);
    p.on('close', (code) => {
      clearTimeout(t);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    // A command that needs no input can exit before its stdin is closed (`--version` takes some 30 ms): the
    // pipe then refuses the write with EPIPE, which says nothing about the command.
    p.stdin.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') reject(e);
    });
    p.stdin.end(opts.input ?? '');
  });
}
