// Starts the whole demo: the webhook sink and the simulated fleet in this process, a real Prometheus scraping the
// fleet and evaluating demo/rules.yml, and a real Alertmanager routing to the sink. Everything runs on free
// loopback ports in temporary folders, and stop() (or the end of the process) takes all of it down.
import fs from 'node:fs';
import path from 'node:path';
import { cachedDemoHistory } from './history.js';
import { startAlertmanager, startPrometheus, tempDir, type ServerHandle } from '../backends/localstack.js';
import {
  DEMO_CONTEXT,
  PACKAGE_ROOT,
  prometheusSdFiles,
  readDemoFile,
  renderAlertmanagerConfig,
  renderOncallConfig,
} from './config.js';
import { SCENARIO_NAMES, scenarioByName } from './scenarios.js';
import { loopSchedule, singleSchedule, stormSchedule, type Schedule } from './schedule.js';
import { startSimulator, type Simulator } from './simulator.js';
import { startWebhookSink, type Notification, type WebhookSink } from './webhook-sink.js';
import { OncallError } from '../domain/errors.js';

/** Plays every scenario at the same time, from the start. */
export const ALL_AT_ONCE = 'all';

export interface DemoStackOptions {
  /** A scenario name, `all` (every one at once), or nothing to play them all in turn, on a loop. */
  scenario?: string;
  /** Scenario seconds per real second (default: ONCALL_DEMO_SPEED, else 1). */
  speed?: number;
  onStory?: (line: { scenario: string; text: string }) => void;
  onNotification?: (n: Notification) => void;
  /** Folder holding prometheus.yml, rules.yml, alertmanager.yml and oncall-demo.yaml (default: the package's demo/). */
  demoDir?: string;
  /** Backfill the history (src/demo/history.ts) before Prometheus starts (default: unless ONCALL_DEMO_HISTORY=0). */
  history?: boolean;
}

export interface DemoStack {
  promUrl: string;
  amUrl: string;
  simulatorUrl: string;
  sinkUrl: string;
  /** A config file whose context `demo` points at this stack. */
  configPath: string;
  context: string;
  /** What plays: a scenario name, `all`, or `loop`. */
  playing: string;
  speed: number;
  simulator: Simulator;
  /** The server processes it runs (Prometheus, Alertmanager). */
  processes: { name: string; pid: number }[];
  notifications(): Notification[];
  /** Rejects if Prometheus or the Alertmanager exits while the stack is running. */
  whenFailed(): Promise<never>;
  /** Stops everything this stack started; safe to call more than once. */
  stop(): Promise<void>;
}

export function scheduleFor(scenario: string | undefined): Schedule {
  if (!scenario) return loopSchedule();
  if (scenario === ALL_AT_ONCE) return stormSchedule();
  const s = scenarioByName(scenario);
  if (!s)
    throw new OncallError(
      'usage',
      `unknown scenario ${JSON.stringify(scenario)}: use one of ${[...SCENARIO_NAMES, ALL_AT_ONCE].join(', ')}`,
    );
  return singleSchedule(s);
}

export function speedFrom(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ONCALL_DEMO_SPEED;
  if (raw === undefined || raw === '') return 1;
  const v = Number(raw);
  if (!Number.isFinite(v) || v <= 0 || v > 100)
    throw new OncallError(
      'usage',
      `ONCALL_DEMO_SPEED must be a number between 0 and 100 (scenario seconds per second), got ${JSON.stringify(raw)}`,
    );
  return v;
}

/**
 * A fresh Prometheus data folder holding two weeks of ALERTS history (src/demo/history.ts), unless
 * ONCALL_DEMO_HISTORY=0. The history is made once and cached; each run gets its own copy.
 */
async function demoDataDir(
  wanted: boolean | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  if (wanted === false || (wanted === undefined && env.ONCALL_DEMO_HISTORY === '0')) return undefined;
  const { dir } = await cachedDemoHistory();
  const data = path.join(tempDir('demo-data'), 'data');
  fs.cpSync(dir, data, { recursive: true });
  return data;
}

export async function startDemoStack(o: DemoStackOptions = {}): Promise<DemoStack> {
  const schedule = scheduleFor(o.scenario);
  const speed = o.speed ?? speedFrom();
  if (!(speed > 0 && speed <= 100))
    throw new OncallError('usage', `speed must be between 0 and 100 scenario seconds per second, got ${speed}`);
  const dir = o.demoDir;
  const promConfig = readDemoFile('prometheus.yml', dir);
  const rules = readDemoFile('rules.yml', dir);
  const amTemplate = readDemoFile('alertmanager.yml', dir);
  const oncallTemplate = readDemoFile('oncall-demo.yaml', dir);

  let sink: WebhookSink | undefined;
  let sim: Simulator | undefined;
  let am: ServerHandle | undefined;
  let prom: ServerHandle | undefined;
  let configDir: string | undefined;
  let dataDirToRemove: string | undefined;
  const removeConfigDir = () => {
    if (configDir) fs.rmSync(configDir, { recursive: true, force: true });
    if (dataDirToRemove) fs.rmSync(path.dirname(dataDirToRemove), { recursive: true, force: true });
  };
  process.on('exit', removeConfigDir);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // Prometheus first, so it does not fire "target down" alerts at an Alertmanager that is going away.
    await Promise.allSettled([prom?.stop()]);
    await Promise.allSettled([am?.stop(), sim?.stop(), sink?.stop()]);
    removeConfigDir();
    process.off('exit', removeConfigDir);
  };

  try {
    sink = await startWebhookSink(o.onNotification);
    sim = await startSimulator({ schedule, speed, onStory: o.onStory });
    am = await startAlertmanager({ config: renderAlertmanagerConfig(amTemplate, sink.url) });
    const dataDir = await demoDataDir(o.history);
    dataDirToRemove = dataDir;
    prom = await startPrometheus({
      config: promConfig,
      files: { 'rules.yml': rules, ...prometheusSdFiles(sim.url, sim.targets, am.url) },
      dataDir,
      retention: '30d',
    });
    let failure: OncallError | undefined;
    const waiting: ((e: OncallError) => void)[] = [];
    for (const h of [am, prom]) {
      h.proc.once('exit', (code, signal) => {
        if (stopped) return;
        failure = new OncallError(
          'environment',
          `${h.name} of the demo exited unexpectedly (${signal ?? `code ${code}`}):\n${h.log()}`,
        );
        for (const w of waiting.splice(0)) w(failure);
      });
    }
    const whenFailed = () => new Promise<never>((_, reject) => (failure ? reject(failure) : waiting.push(reject)));
    configDir = tempDir('demo-config');
    const configPath = path.join(configDir, 'oncall-demo.yaml');
    fs.writeFileSync(
      configPath,
      renderOncallConfig(oncallTemplate, { prometheusUrl: prom.url, alertmanagerUrl: am.url, root: PACKAGE_ROOT }),
      { mode: 0o600 },
    );
    return {
      promUrl: prom.url,
      amUrl: am.url,
      simulatorUrl: sim.url,
      sinkUrl: sink.url,
      configPath,
      context: DEMO_CONTEXT,
      playing: o.scenario || 'loop',
      speed,
      simulator: sim,
      processes: [am, prom].map((h) => ({ name: h.name, pid: h.proc.pid ?? -1 })),
      notifications: () => sink!.notifications(),
      whenFailed,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
