// The simulated ML inference fleet: a node:http server that exposes, for every host, what its model server, its
// DCGM exporter and its node exporter would, plus each cluster's feature pipelines and kube-state-metrics, on one
// path per scrape target (so `up` is per target and a crashed server can stop answering). A timer advances counters at the rates the
// playing scenarios ask for; counts are whole numbers carried over between ticks, so rates are exact.
import http from 'node:http';
import { listenOnLoopback } from './loopback.js';
import type { Registry } from 'prom-client';
import { FAST, hostMetrics, pipelineMetrics, SLOW, type HostMetrics, type PipelineMetrics } from './sim-metrics.js';
import {
  DISK_SIZE_BYTES,
  dcgmLabels,
  FLEET,
  GPU_TOTAL_MIB,
  MODELS,
  NOISY_DISK,
  hostKey,
  servingKey,
  servings,
} from './fleet.js';
import {
  accuracyOf,
  applyEffects,
  gpuUsedMib,
  healthyState,
  HEALTHY_NULL_RATIO,
  pipelineKey,
  pipelines,
  type FleetState,
} from './state.js';
import { effectsAt, storyBetween, type Schedule } from './schedule.js';
import { ksmInstance, ksmTargetLabels, kubeClusters } from './kube.js';
import { kubeStateMetrics, type KubeStateMetrics } from './kube-state-metrics.js';

const PIPELINE_RUN_SEC = 10;
const PIPELINE_ATTEMPTS = 3;

export type SimJob = 'model-server' | 'dcgm-exporter' | 'node-exporter' | 'feature-pipeline' | 'kube-state-metrics';

export interface SimTarget {
  job: SimJob;
  cluster: string;
  instance: string;
  path: string;
  /** Further target labels, as service discovery attaches them (kube-state-metrics' own pod and namespace). */
  labels?: Record<string, string>;
}

export interface SimulatorOptions {
  schedule: Schedule;
  /** Scenario seconds per real second (default 1). Request rates stay real-time. */
  speed?: number;
  tickMs?: number;
  /** Start this many scenario seconds into the schedule. */
  startSimSec?: number;
  onStory?: (line: { scenario: string; text: string }) => void;
}

export interface Simulator {
  url: string;
  targets: SimTarget[];
  /** Scenario seconds since the start. */
  simTime(): number;
  state(): FleetState;
  /** Advance now (tests); the timer does it every tickMs. */
  tick(): void;
  stop(): Promise<void>;
}

class Carry {
  private rest = new Map<string, number>();
  take(key: string, amount: number): number {
    const total = (this.rest.get(key) ?? 0) + Math.max(0, amount);
    const whole = Math.floor(total);
    this.rest.set(key, total - whole);
    return whole;
  }
}

export const PIPELINE_INSTANCE = 'feature-pipeline';

export async function startSimulator(o: SimulatorOptions): Promise<Simulator> {
  const speed = o.speed ?? 1;
  const t0 = Date.now();
  const simTime = () => (o.startSimSec ?? 0) + ((Date.now() - t0) / 1000) * speed;
  const carry = new Carry();
  const hosts = new Map<string, HostMetrics>();
  const pipes = new Map<string, PipelineMetrics>();
  const targets: SimTarget[] = [];
  const routes = new Map<string, { reg: Registry; downKey?: string }>();

  for (const h of FLEET) {
    const m = hostMetrics();
    const hk = hostKey(h.cluster, h.instance);
    hosts.set(hk, m);
    const add = (job: SimJob, reg: Registry, downKey?: string) => {
      const path = `/${job}/${h.cluster}/${h.instance}/metrics`;
      targets.push({ job, cluster: h.cluster, instance: h.instance, path });
      routes.set(path, { reg, downKey });
    };
    add('model-server', m.model, hk);
    add('dcgm-exporter', m.dcgm);
    add('node-exporter', m.node);
  }
  for (const c of new Set(FLEET.map((h) => h.cluster))) {
    const p = pipelineMetrics();
    pipes.set(c, p);
    const path = `/feature-pipeline/${c}/metrics`;
    targets.push({ job: 'feature-pipeline', cluster: c, instance: PIPELINE_INSTANCE, path });
    routes.set(path, { reg: p.reg });
  }
  // kube-state-metrics, one per cluster. Service discovery labels its target with its own pod and namespace, and
  // with honor_labels those stay on every series that names no pod or namespace of its own (nodes, Deployments).
  const ksms: KubeStateMetrics[] = [];
  for (const k of kubeClusters()) {
    const ksm = kubeStateMetrics(k);
    ksms.push(ksm);
    const path = `/kube-state-metrics/${k.cluster}/metrics`;
    targets.push({
      job: 'kube-state-metrics',
      cluster: k.cluster,
      instance: ksmInstance(k),
      path,
      labels: ksmTargetLabels(k),
    });
    routes.set(path, { reg: ksm.reg });
  }

  // Series exist from the first scrape, at zero, so that ratios and rates have something to divide.
  for (const s of servings()) {
    const m = hosts.get(hostKey(s.cluster, s.instance))!;
    const l = { cluster: s.cluster, instance: s.instance, model: s.model };
    m.predictions.inc(l, 0);
    m.errors.inc(l, 0);
    m.corrections.inc(l, 0);
    m.batchTimeouts.inc(l, 0);
    m.latency.zero(l);
    m.baseline.set(l, MODELS[s.model]!.baselineAccuracy);
  }
  for (const h of FLEET) {
    const m = hosts.get(hostKey(h.cluster, h.instance))!;
    m.restarts.inc({ cluster: h.cluster, instance: h.instance, container: 'model-server' }, 0);
    // The node exporter's instance is the node's scrape address; nodename is the Kubernetes node it runs on.
    m.uname.set(
      {
        cluster: h.cluster,
        instance: h.instance,
        domainname: '(none)',
        machine: 'x86_64',
        nodename: h.instance,
        release: '6.8.0-1015-nvidia',
        sysname: 'Linux',
        version: '#16-Ubuntu SMP PREEMPT_DYNAMIC',
      },
      1,
    );
  }
  for (const p of pipelines()) {
    const l = { cluster: p.cluster, instance: PIPELINE_INSTANCE, pipeline: `${p.model}-features`, model: p.model };
    const pm = pipes.get(p.cluster)!;
    pm.runs.inc(l, 0);
    pm.failures.inc(l, 0);
    pm.lastSuccess.set(l, Math.floor(t0 / 1000));
  }

  let state: FleetState = healthyState(simTime());
  let lastReal = Date.now();
  let lastSim = (o.startSimSec ?? 0) - 1e-9;
  let lastRunSlot = Math.floor(lastReal / 1000 / PIPELINE_RUN_SEC);

  const tick = () => {
    const now = Date.now();
    const dt = Math.max(0, (now - lastReal) / 1000);
    lastReal = now;
    const tSim = simTime();
    for (const line of storyBetween(o.schedule, lastSim, tSim)) o.onStory?.(line);
    lastSim = tSim;
    state = applyEffects(healthyState(tSim), effectsAt(o.schedule, tSim));

    for (const s of servings()) {
      const hk = hostKey(s.cluster, s.instance);
      const m = hosts.get(hk)!;
      const st = state.serving.get(servingKey(s.cluster, s.instance, s.model))!;
      const l = { cluster: s.cluster, instance: s.instance, model: s.model };
      const key = servingKey(s.cluster, s.instance, s.model);
      if (!state.hosts.get(hk)!.down) {
        const n = MODELS[s.model]!.rps * st.rpsFactor * dt;
        let served = 0;
        const classes = [
          ...FAST.map(([v, sh]) => [v, sh * (1 - st.slowShare)] as const),
          ...SLOW.map(([v, sh]) => [v, sh * st.slowShare] as const),
        ];
        for (const [v, share] of classes) {
          const k = carry.take(`${key}|lat${v}`, n * share);
          for (let i = 0; i < k; i++) m.latency.observe(l, v);
          served += k;
        }
        m.predictions.inc(l, served);
        m.errors.inc(l, carry.take(`${key}|err`, served * st.errorRatio));
        m.corrections.inc(l, carry.take(`${key}|corr`, served * st.correctionRatio));
        m.batchTimeouts.inc(l, carry.take(`${key}|bt`, st.batchTimeoutsPerSec * dt));
      }
      m.queue.set(l, Math.round(st.queueDepth));
      m.psi.set(l, round(st.psi, 4));
      m.embedding.set(l, round(st.embeddingSimilarity, 4));
      m.accuracy.set(l, round(accuracyOf(s.model, st), 4));
      for (const f of MODELS[s.model]!.features)
        m.nullRatio.set({ ...l, feature: f }, round(st.nullRatio[f] ?? HEALTHY_NULL_RATIO, 4));
    }

    for (const h of FLEET) {
      const hk = hostKey(h.cluster, h.instance);
      const m = hosts.get(hk)!;
      const hs = state.hosts.get(hk)!;
      m.restarts.inc(
        { cluster: h.cluster, instance: h.instance, container: 'model-server' },
        carry.take(`${hk}|restart`, (hs.restartsPerMin / 60) * dt),
      );
      for (const g of h.gpus) {
        const used = gpuUsedMib(state, h, g);
        const free = GPU_TOTAL_MIB - used;
        const dl = dcgmLabels(h, g);
        m.fbUsed.set(dl, used);
        m.fbFree.set(dl, free);
        const gl = { cluster: h.cluster, instance: h.instance, gpu: g.gpu, model: g.model };
        m.gpuAvailable.set(gl, free * 1024 * 1024);
        m.gpuTotal.set(gl, GPU_TOTAL_MIB * 1024 * 1024);
      }
      const noisy = h.cluster === NOISY_DISK.cluster && h.instance === NOISY_DISK.instance;
      const disks = [
        { device: '/dev/nvme0n1p2', fstype: 'ext4', mountpoint: '/', free: 0.62 },
        {
          device: NOISY_DISK.device,
          fstype: 'xfs',
          mountpoint: NOISY_DISK.mountpoint,
          free: noisy ? NOISY_DISK.freeShare : 0.55,
        },
      ];
      for (const d of disks) {
        const fl = {
          cluster: h.cluster,
          instance: h.instance,
          device: d.device,
          fstype: d.fstype,
          mountpoint: d.mountpoint,
        };
        m.fsSize.set(fl, DISK_SIZE_BYTES);
        m.fsAvail.set(fl, Math.round(DISK_SIZE_BYTES * d.free));
      }
    }

    for (const k of ksms) k.update(state);

    // Pipelines run on a fixed real-time grid; a failing run retries, and every attempt fails.
    const slot = Math.floor(now / 1000 / PIPELINE_RUN_SEC);
    if (slot !== lastRunSlot) {
      lastRunSlot = slot;
      for (const p of pipelines()) {
        const pm = pipes.get(p.cluster)!;
        const l = { cluster: p.cluster, instance: PIPELINE_INSTANCE, pipeline: `${p.model}-features`, model: p.model };
        if (state.pipelineFailing.has(pipelineKey(p.cluster, p.model))) {
          pm.runs.inc(l, PIPELINE_ATTEMPTS);
          pm.failures.inc(l, PIPELINE_ATTEMPTS);
        } else {
          pm.runs.inc(l, 1);
          pm.lastSuccess.set(l, Math.floor(now / 1000));
        }
      }
    }
  };
  tick();
  const timer = setInterval(tick, o.tickMs ?? 250);
  timer.unref();

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routes.get(url.pathname);
    if (route) {
      if (route.downKey && state.hosts.get(route.downKey)?.down) {
        res.writeHead(503, { 'Content-Type': 'text/plain' }).end('model server unavailable (crash loop back-off)\n');
        return;
      }
      route.reg.metrics().then(
        (text) => res.writeHead(200, { 'Content-Type': route.reg.contentType }).end(text),
        (e: Error) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`${e.message}\n`),
      );
      return;
    }
    if (url.pathname === '/' || url.pathname === '/targets') {
      res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ simTime: simTime(), targets }, null, 2) + '\n');
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found: scrape one of the paths listed at /targets\n');
  });
  const listening = await listenOnLoopback(server);

  return {
    url: listening.url,
    targets,
    simTime,
    state: () => state,
    tick,
    stop: async () => {
      clearInterval(timer);
      await listening.close();
    },
  };
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
