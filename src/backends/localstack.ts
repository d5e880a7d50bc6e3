// Starts real Prometheus, Alertmanager and VictoriaMetrics servers (Debian's packages) on free loopback ports,
// each in its own temp folder, for the demo, the tests and the benchmark. Every server started here is stopped
// when stop() is called, when the process exits or is interrupted, and — through a watchdog — when the process
// is killed outright, so nothing is left running.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { OncallError } from '../domain/errors.js';
import { exitOrHangUp } from './hang-up.js';

export interface ServerHandle {
  name: string;
  url: string;
  port: number;
  dir: string;
  proc: ChildProcess;
  /** Last lines the server wrote, for error messages. */
  log(): string;
  stop(): Promise<void>;
}

const running = new Set<ServerHandle>();
let hooksInstalled = false;

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  const killAll = () => {
    for (const s of running) {
      try {
        s.proc.kill('SIGKILL');
      } catch {
        /* already gone */
      }
      fs.rmSync(s.dir, { recursive: true, force: true });
    }
    running.clear();
  };
  process.on('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      killAll();
      exitOrHangUp(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
    });
  }
}

/** A free TCP port on 127.0.0.1 (asks the kernel for one, then releases it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `oncall-${prefix}-`));
}

async function waitReady(h: ServerHandle, readyPath: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: number | null = null;
  h.proc.once('exit', (code) => {
    exited = code ?? -1;
  });
  while (Date.now() < deadline) {
    if (exited !== null)
      throw new OncallError('environment', `${h.name} exited with code ${exited} before it was ready:\n${h.log()}`);
    try {
      const res = await fetch(h.url + readyPath, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new OncallError('environment', `${h.name} was not ready within ${timeoutMs / 1000}s:\n${h.log()}`);
}

/** Kills `child` if this process dies without cleaning up (SIGKILL, crash of the runtime). */
function watchdog(child: ChildProcess): void {
  if (!child.pid) return;
  const w = spawn(
    'sh',
    [
      '-c',
      `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${child.pid} 2>/dev/null; do sleep 1; done; kill -9 ${child.pid} 2>/dev/null`,
    ],
    { stdio: 'ignore', detached: true },
  );
  w.unref();
}

export interface SpawnOptions {
  name: string;
  bin: string;
  args: (port: number, dir: string) => string[];
  readyPath: string;
  dir?: string;
  port?: number;
  timeoutMs?: number;
  /** Keep the folder after stop (the caller owns it). */
  keepDir?: boolean;
}

export async function startServer(o: SpawnOptions): Promise<ServerHandle> {
  installExitHooks();
  const dir = o.dir ?? tempDir(o.name);
  const port = o.port ?? (await freePort());
  const lines: string[] = [];
  const proc = spawn(o.bin, o.args(port, dir), { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (b: Buffer) => {
    lines.push(...b.toString().split('\n').filter(Boolean));
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const spawnError = new Promise<never>((_, reject) =>
    proc.once('error', (e) =>
      reject(new OncallError('environment', `cannot start ${o.bin}: ${e.message} (run: bash scripts/ensure-stack.sh)`)),
    ),
  );
  watchdog(proc);
  let stopped = false;
  const h: ServerHandle = {
    name: o.name,
    url: `http://127.0.0.1:${port}`,
    port,
    dir,
    proc,
    log: () => lines.slice(-15).join('\n'),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      running.delete(h);
      if (proc.exitCode === null && proc.signalCode === null) {
        const gone = new Promise<void>((r) => proc.once('exit', () => r()));
        proc.kill('SIGTERM');
        const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
        await gone;
        clearTimeout(t);
      }
      if (!o.keepDir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  running.add(h);
  try {
    await Promise.race([waitReady(h, o.readyPath, o.timeoutMs ?? 30_000), spawnError]);
  } catch (e) {
    await h.stop();
    throw e;
  }
  return h;
}

export interface PrometheusOptions {
  /** prometheus.yml text. Rule files named in it are resolved relative to the server's folder. */
  config: string;
  /** Files to write next to the config (rule files), by name. */
  files?: Record<string, string>;
  /** An existing TSDB folder, e.g. one filled by `promtool tsdb create-blocks-from`. */
  dataDir?: string;
  /** --storage.tsdb.retention.time; a backfilled history needs more than the 15-day default, or it is deleted. */
  retention?: string;
  extraArgs?: string[];
  port?: number;
}

export async function startPrometheus(o: PrometheusOptions): Promise<ServerHandle> {
  const dir = tempDir('prometheus');
  fs.writeFileSync(path.join(dir, 'prometheus.yml'), o.config);
  for (const [name, text] of Object.entries(o.files ?? {})) fs.writeFileSync(path.join(dir, name), text);
  return startServer({
    name: 'prometheus',
    bin: 'prometheus',
    dir,
    port: o.port,
    readyPath: '/-/ready',
    args: (port, d) => [
      `--config.file=${path.join(d, 'prometheus.yml')}`,
      `--storage.tsdb.path=${o.dataDir ?? path.join(d, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--web.enable-lifecycle',
      `--storage.tsdb.retention.time=${o.retention ?? '15d'}`,
      ...(o.extraArgs ?? []),
    ],
  });
}

export interface AlertmanagerOptions {
  config: string;
  /** Gossip port for HA; omit to run without clustering. */
  clusterPort?: number;
  peers?: string[];
  port?: number;
  extraArgs?: string[];
}

export async function startAlertmanager(o: AlertmanagerOptions): Promise<ServerHandle> {
  const dir = tempDir('alertmanager');
  fs.writeFileSync(path.join(dir, 'alertmanager.yml'), o.config);
  const cluster = o.clusterPort
    ? [
        `--cluster.listen-address=127.0.0.1:${o.clusterPort}`,
        `--cluster.advertise-address=127.0.0.1:${o.clusterPort}`,
        ...(o.peers ?? []).map((p) => `--cluster.peer=${p}`),
        '--cluster.settle-timeout=2s',
        '--cluster.pushpull-interval=2s',
        '--cluster.gossip-interval=100ms',
      ]
    : ['--cluster.listen-address='];
  return startServer({
    name: 'alertmanager',
    bin: 'prometheus-alertmanager',
    dir,
    port: o.port,
    readyPath: '/-/ready',
    args: (port, d) => [
      `--config.file=${path.join(d, 'alertmanager.yml')}`,
      `--storage.path=${path.join(d, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      ...cluster,
      ...(o.extraArgs ?? []),
    ],
  });
}

export interface VictoriaMetricsOptions {
  /** Prometheus-style scrape config (`-promscrape.config`). */
  scrapeConfig?: string;
  extraArgs?: string[];
}

export async function startVictoriaMetrics(o: VictoriaMetricsOptions = {}): Promise<ServerHandle> {
  const dir = tempDir('victoria-metrics');
  if (o.scrapeConfig) fs.writeFileSync(path.join(dir, 'scrape.yml'), o.scrapeConfig);
  return startServer({
    name: 'victoria-metrics',
    bin: 'victoria-metrics',
    dir,
    readyPath: '/health',
    args: (port, d) => [
      `-storageDataPath=${path.join(d, 'data')}`,
      `-httpListenAddr=127.0.0.1:${port}`,
      ...(o.scrapeConfig ? [`-promscrape.config=${path.join(d, 'scrape.yml')}`] : []),
      ...(o.extraArgs ?? []),
    ],
  });
}
