// The GPU-node incident the incident memory and timeline tests share: an out-of-memory cause on gpu-node-1 with
// its symptoms, and an unrelated alert, at minutes relative to one start time; and a real Alertmanager for a
// describe block, holding some of them before its tests run.
import { afterAll, beforeAll } from 'vitest';
import { alertmanager, isolatedEnv, postAlerts, runCli, until, type TestAlert } from './stack.js';
import type { ServerHandle } from '../../src/backends/localstack.js';

export const MIN = 60_000;

export interface GpuIncident {
  now: number;
  /** `m` minutes after `now`, as Alertmanager takes it. */
  at(m: number): string;
  /** GPUMemoryOOM on gpu-node-1: the root cause. */
  cause: TestAlert;
  /** HighPredictionLatencyFastBurn on the same node: a symptom. */
  latency: TestAlert;
  /** BatchTimeout on the same node: a symptom. */
  batch: TestAlert;
  /** ModelDrift elsewhere: an incident of its own. */
  other: TestAlert;
}

export function gpuIncident(now = Date.now()): GpuIncident {
  const at = (m: number) => new Date(now + m * MIN).toISOString();
  const where = { cluster: 'prod', instance: 'gpu-node-1' };
  const alert = (labels: Record<string, string>, from: number): TestAlert => ({
    labels,
    startsAt: at(from),
    endsAt: at(60),
  });
  return {
    now,
    at,
    cause: alert({ alertname: 'GPUMemoryOOM', severity: 'critical', ...where }, -20),
    latency: alert({ alertname: 'HighPredictionLatencyFastBurn', severity: 'critical', ...where }, -15),
    batch: alert({ alertname: 'BatchTimeout', severity: 'warning', ...where }, -14),
    other: alert({ alertname: 'ModelDrift', severity: 'warning', cluster: 'prod', model: 'm1' }, -5),
  };
}

export interface AlertmanagerWithAlerts {
  /** The running Alertmanager's URL (once the describe block's beforeAll ran). */
  url(): string;
  /** The isolated environment the commands run in (its own config and state folders). */
  readonly env: NodeJS.ProcessEnv;
  /** `oncall --alertmanager <am> ...args` in that environment. */
  cli(...args: string[]): ReturnType<typeof runCli>;
  /** How many alerts Alertmanager holds. */
  count(): Promise<number>;
  /** Resolves `a` (endsAt a minute ago) and waits until Alertmanager holds `left` alerts. */
  resolve(a: TestAlert, left: number): Promise<void>;
}

/** Starts an Alertmanager holding `alerts` before the describe block's tests, and stops it after them. */
export function alertmanagerWith(alerts: TestAlert[], at: (m: number) => string): AlertmanagerWithAlerts {
  let am: ServerHandle | undefined;
  const env = isolatedEnv();
  const count = async () => ((await (await fetch(`${am!.url}/api/v2/alerts`)).json()) as unknown[]).length;
  beforeAll(async () => {
    am = await alertmanager();
    await postAlerts(am.url, alerts);
    await until(`${alerts.length} alerts`, async () => (await count()) === alerts.length);
  });
  afterAll(async () => {
    await am?.stop();
  });
  return {
    url: () => am!.url,
    env,
    cli: (...args) => runCli(['--alertmanager', am!.url, ...args], { env }),
    count,
    resolve: async (a, left) => {
      await postAlerts(am!.url, [{ ...a, endsAt: at(-1) }]);
      await until(`${left} alerts left in Alertmanager`, async () => (await count()) === left);
    },
  };
}
