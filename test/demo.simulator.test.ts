// The simulated fleet, scraped over HTTP as Prometheus would, and the scenario timelines behind it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../src/demo/simulator.js';
import {
  loopSchedule,
  playsAt,
  singleSchedule,
  stormSchedule,
  storyBetween,
  STAGGER_SEC,
} from '../src/demo/schedule.js';
import { SCENARIOS, scenarioByName, ramp } from '../src/demo/scenarios.js';
import { applyEffects, healthyState } from '../src/demo/state.js';
import { startWebhookSink } from '../src/demo/webhook-sink.js';
import { FLEET, GPU_TOTAL_MIB } from '../src/demo/fleet.js';
import { scheduleFor, speedFrom } from '../src/demo/stack.js';
import { OncallError } from '../src/domain/errors.js';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text format (enough of it for prom-client's output). */
function parseExposition(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`unparsable exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    out.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}

async function scrape(sim: Simulator, path: string): Promise<{ status: number; samples: Sample[] }> {
  const res = await fetch(sim.url + path);
  const text = await res.text();
  return { status: res.status, samples: res.ok ? parseExposition(text) : [] };
}

async function scrapeJob(sim: Simulator, job: string): Promise<Sample[]> {
  const all: Sample[] = [];
  for (const t of sim.targets.filter((t) => t.job === job)) {
    const r = await scrape(sim, t.path);
    expect(r.status, t.path).toBe(200);
    all.push(...r.samples);
  }
  return all;
}

describe('the simulated fleet over HTTP', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ schedule: singleSchedule(scenarioByName('resource-squeeze')!), tickMs: 50 });
    await new Promise((r) => setTimeout(r, 400));
  });
  afterAll(async () => sim?.stop());

  it('lists one scrape target per host and exporter, and one feature pipeline per cluster', async () => {
    const res = await fetch(`${sim.url}/targets`);
    const body = (await res.json()) as { targets: { job: string; cluster: string; instance: string; path: string }[] };
    expect(body.targets.filter((t) => t.job === 'model-server')).toHaveLength(FLEET.length);
    expect(body.targets.filter((t) => t.job === 'dcgm-exporter')).toHaveLength(FLEET.length);
    expect(body.targets.filter((t) => t.job === 'node-exporter')).toHaveLength(FLEET.length);
    expect(
      body.targets
        .filter((t) => t.job === 'feature-pipeline')
        .map((t) => t.cluster)
        .sort(),
    ).toEqual(['eu-west', 'us-east']);
    // kube-state-metrics: one per cluster, its target labelled with its own pod and namespace and its pod's address.
    const ksm = sim.targets.filter((t) => t.job === 'kube-state-metrics');
    expect(ksm.map((t) => t.cluster).sort()).toEqual(['eu-west', 'us-east']);
    for (const t of ksm) {
      expect(t.instance).toMatch(/^10\.\d+\.\d+\.\d+:8080$/);
      expect(t.labels).toMatchObject({
        namespace: 'monitoring',
        pod: expect.stringMatching(/^kube-state-metrics-[a-z0-9]{10}-[a-z0-9]{5}$/),
        container: 'kube-state-metrics',
      });
    }
    expect((await fetch(`${sim.url}/nope`)).status).toBe(404);
  });

  it('exposes every model-server metric of the article with cluster, instance and model labels', async () => {
    const samples = await scrapeJob(sim, 'model-server');
    const names = new Set(samples.map((s) => s.name));
    for (const n of [
      'prediction_latency_seconds_bucket',
      'prediction_latency_seconds_count',
      'prediction_latency_seconds_sum',
      'predictions_total',
      'prediction_errors_total',
      'user_corrections_total',
      'container_restarts_total',
      'psi_score',
      'embedding_similarity_to_baseline',
      'current_accuracy',
      'baseline_accuracy',
      'gpu_memory_available_bytes',
      'inference_batch_timeouts_total',
      'inference_queue_depth',
      'feature_null_ratio',
    ])
      expect(names.has(n), n).toBe(true);
    for (const s of samples) {
      expect(s.labels.cluster, s.name).toMatch(/^(us-east|eu-west)$/);
      expect(s.labels.instance, s.name).toMatch(/^gpu-node-\d$/);
      if (s.name !== 'container_restarts_total')
        expect(s.labels.model, s.name).toMatch(/^(fraud-detector|recommender|checkout-ranker)$/);
    }
    const models = new Set(
      samples
        .filter((s) => s.name === 'predictions_total')
        .map((s) => `${s.labels.cluster}/${s.labels.instance}/${s.labels.model}`),
    );
    expect(models.size).toBe(6);
    const buckets = new Set(
      samples.filter((s) => s.name === 'prediction_latency_seconds_bucket').map((s) => s.labels.le),
    );
    for (const le of ['0.1', '0.25', '0.5', '1', '2.5', '+Inf']) expect(buckets.has(le), le).toBe(true);
  });

  it('exposes GPU memory in DCGM names, in MiB, with gpu, UUID, modelName and Hostname', async () => {
    const samples = await scrapeJob(sim, 'dcgm-exporter');
    const used = samples.filter((s) => s.name === 'DCGM_FI_DEV_FB_USED');
    const free = samples.filter((s) => s.name === 'DCGM_FI_DEV_FB_FREE');
    expect(used).toHaveLength(6);
    expect(free).toHaveLength(6);
    for (const s of used) {
      expect(s.labels).toMatchObject({
        gpu: expect.stringMatching(/^[01]$/),
        UUID: expect.stringMatching(/^GPU-/),
        modelName: expect.stringContaining('A100'),
        Hostname: s.labels.instance,
      });
      const f = free.find((x) => x.labels.UUID === s.labels.UUID)!;
      expect(s.value + f.value).toBe(GPU_TOTAL_MIB);
    }
    const node = await scrapeJob(sim, 'node-exporter');
    expect(
      node.some((s) => s.name === 'node_filesystem_avail_bytes' && s.labels.mountpoint === '/var/lib/models'),
    ).toBe(true);
    const pipes = await scrapeJob(sim, 'feature-pipeline');
    expect(new Set(pipes.map((s) => s.name))).toEqual(
      new Set([
        'feature_pipeline_runs_total',
        'feature_pipeline_failures_total',
        'feature_pipeline_last_success_timestamp_seconds',
      ]),
    );
  });

  it('exposes kube-state-metrics series for its nodes and pods: the GPU hosts are the nodes, each served model a pod of its Deployment', async () => {
    const node = await scrapeJob(sim, 'node-exporter');
    const ksm = await scrapeJob(sim, 'kube-state-metrics');
    const of = (name: string) => ksm.filter((s) => s.name === name);
    for (const c of ['us-east', 'eu-west']) {
      const hosts = FLEET.filter((h) => h.cluster === c)
        .map((h) => h.instance)
        .sort();
      const ready = of('kube_node_status_condition').filter(
        (s) => s.labels.cluster === c && s.labels.condition === 'Ready' && s.labels.status === 'true',
      );
      expect(ready.map((s) => s.labels.node).sort(), c).toEqual(hosts);
      for (const r of ready) expect(r.value).toBe(1);
      // node_uname_info maps each node exporter's instance to its node.
      const uname = node.filter((s) => s.name === 'node_uname_info' && s.labels.cluster === c);
      expect(uname.map((s) => `${s.labels.instance}->${s.labels.nodename}`).sort()).toEqual(
        hosts.map((h) => `${h}->${h}`),
      );
      // Every served model is one pod on its host, owned by a ReplicaSet of the model's Deployment.
      const pods = of('kube_pod_info').filter((s) => s.labels.cluster === c && s.labels.namespace === 'ml-serving');
      const served = FLEET.filter((h) => h.cluster === c)
        .flatMap((h) => h.gpus.map((g) => `${g.model}@${h.instance}`))
        .sort();
      const rsOf = new Map(
        of('kube_pod_owner')
          .filter((s) => s.labels.cluster === c)
          .map((s) => [s.labels.pod, s.labels.owner_name]),
      );
      const deploymentOf = new Map(
        of('kube_replicaset_owner')
          .filter((s) => s.labels.cluster === c && s.labels.owner_kind === 'Deployment')
          .map((s) => [s.labels.replicaset, s.labels.owner_name]),
      );
      expect(pods.map((p) => `${deploymentOf.get(rsOf.get(p.labels.pod)!)}@${p.labels.node}`).sort()).toEqual(served);
      for (const p of pods) expect(p.labels.pod!.startsWith(`${rsOf.get(p.labels.pod)}-`), p.labels.pod).toBe(true);
      for (const d of of('kube_deployment_spec_replicas').filter(
        (s) => s.labels.cluster === c && s.labels.namespace === 'ml-serving',
      )) {
        expect(d.value, d.labels.deployment).toBe(served.filter((x) => x.startsWith(`${d.labels.deployment}@`)).length);
        expect(
          of('kube_deployment_status_replicas_available').find(
            (a) => a.labels.cluster === c && a.labels.deployment === d.labels.deployment,
          )!.value,
        ).toBe(d.value);
      }
      // kube-state-metrics itself runs in a pod on one of the cluster's nodes.
      const own = sim.targets.find((t) => t.job === 'kube-state-metrics' && t.cluster === c)!;
      const ksmPod = of('kube_pod_info').find((s) => s.labels.cluster === c && s.labels.pod === own.labels!.pod)!;
      expect(ksmPod.labels).toMatchObject({
        namespace: 'monitoring',
        node: hosts[0],
        pod_ip: own.instance.split(':')[0],
      });
    }
    // The same Deployment in two clusters: the same template hash, different pods.
    const checkout = of('kube_pod_info').filter((s) => s.labels.created_by_name?.startsWith('checkout-ranker-'));
    expect(new Set(checkout.map((s) => s.labels.created_by_name)).size).toBe(1);
    expect(new Set(checkout.map((s) => s.labels.pod)).size).toBe(2);
  });

  it('advances counters on its timer, keeping errors a part of predictions', async () => {
    const count = async () => {
      const s = await scrapeJob(sim, 'model-server');
      const get = (name: string) =>
        s.filter(
          (x) => x.name === name && x.labels.instance === 'gpu-node-2' && x.labels.model === 'checkout-ranker',
        )[0]!.value;
      return {
        predictions: get('predictions_total'),
        errors: get('prediction_errors_total'),
        histogram: get('prediction_latency_seconds_count'),
      };
    };
    const before = await count();
    await new Promise((r) => setTimeout(r, 300));
    const after = await count();
    expect(after.predictions).toBeGreaterThan(before.predictions);
    expect(after.histogram).toBe(after.predictions);
    expect(after.errors).toBeLessThanOrEqual(after.predictions);
  });
});

describe('scenarios seen through the simulator', () => {
  it('in the middle of the resource squeeze: under 100 MB free on the squeezed GPU, slow and failing requests', async () => {
    const sim = await startSimulator({
      schedule: singleSchedule(scenarioByName('resource-squeeze')!),
      startSimSec: 120,
      speed: 0.001,
      tickMs: 50,
    });
    try {
      await new Promise((r) => setTimeout(r, 200));
      const samples = await scrapeJob(sim, 'model-server');
      const avail = samples.filter((s) => s.name === 'gpu_memory_available_bytes');
      const squeezed = avail.find(
        (s) => s.labels.cluster === 'us-east' && s.labels.instance === 'gpu-node-1' && s.labels.gpu === '0',
      )!;
      expect(squeezed.value).toBeLessThan(100_000_000);
      for (const s of avail.filter((s) => s !== squeezed)) expect(s.value).toBeGreaterThan(100_000_000);
      const st = sim.state().serving.get('us-east/gpu-node-1/fraud-detector')!;
      expect(st.slowShare).toBeGreaterThan(0.5);
      expect(st.errorRatio).toBeGreaterThan(0.3);
      expect(sim.state().serving.get('us-east/gpu-node-2/fraud-detector')!.errorRatio).toBeLessThan(0.001);
    } finally {
      await sim.stop();
    }
  });

  it('a crashed model server stops answering its scrape while its other exporters still answer', async () => {
    const sim = await startSimulator({
      schedule: singleSchedule(scenarioByName('cascading-crash')!),
      startSimSec: 170,
      speed: 0.001,
    });
    try {
      const down = sim.targets.find(
        (t) => t.job === 'model-server' && t.cluster === 'us-east' && t.instance === 'gpu-node-2',
      )!;
      expect((await scrape(sim, down.path)).status).toBe(503);
      const dcgm = sim.targets.find(
        (t) => t.job === 'dcgm-exporter' && t.cluster === 'us-east' && t.instance === 'gpu-node-2',
      )!;
      expect((await scrape(sim, dcgm.path)).status).toBe(200);
      const other = sim.targets.find((t) => t.job === 'model-server' && t.cluster === 'eu-west')!;
      expect((await scrape(sim, other.path)).status).toBe(200);
    } finally {
      await sim.stop();
    }
  });

  it('a failed node: its conditions Unknown, its pods lost, their Deployments short; the other nodes and the twin cluster untouched', async () => {
    const sim = await startSimulator({
      schedule: singleSchedule(scenarioByName('node-failure')!),
      startSimSec: 60,
      speed: 0.001,
    });
    try {
      const ksm = await scrapeJob(sim, 'kube-state-metrics');
      const of = (name: string, l: Record<string, string>) =>
        ksm.filter((s) => s.name === name && Object.entries(l).every(([k, v]) => s.labels[k] === v));
      const condition = (cluster: string, node: string) =>
        of('kube_node_status_condition', { cluster, node, condition: 'Ready' }).find((s) => s.value === 1)!.labels
          .status;
      expect(condition('us-east', 'gpu-node-2')).toBe('unknown');
      expect(condition('us-east', 'gpu-node-1')).toBe('true');
      expect(condition('eu-west', 'gpu-node-1')).toBe('true');
      const nodeOf = new Map(
        of('kube_pod_info', {}).map((s) => [`${s.labels.cluster}/${s.labels.pod}`, s.labels.node]),
      );
      for (const p of of('kube_pod_status_phase', {}).filter((s) => s.value === 1)) {
        const lost = p.labels.cluster === 'us-east' && nodeOf.get(`us-east/${p.labels.pod}`) === 'gpu-node-2';
        expect(p.labels.phase, p.labels.pod).toBe(lost ? 'Unknown' : 'Running');
      }
      const available = (cluster: string, deployment: string) =>
        of('kube_deployment_status_replicas_available', { cluster, deployment })[0]!.value;
      expect(available('us-east', 'fraud-detector')).toBe(1);
      expect(available('us-east', 'checkout-ranker')).toBe(0);
      expect(available('us-east', 'recommender')).toBe(1);
      expect(available('eu-west', 'checkout-ranker')).toBe(1);
      // The node's exporters still answer: the kubelet hangs, the machine is up.
      const exporter = sim.targets.find(
        (t) => t.job === 'node-exporter' && t.cluster === 'us-east' && t.instance === 'gpu-node-2',
      )!;
      expect((await scrape(sim, exporter.path)).status).toBe(200);
    } finally {
      await sim.stop();
    }
  });

  it('a failing feature pipeline counts failed attempts and feeds nulls to every server of the model in that cluster', () => {
    const s = scenarioByName('feature-pipeline')!;
    const state = applyEffects(healthyState(60), s.effects(60, s.targets[0]!));
    expect(state.pipelineFailing.has('us-east/recommender')).toBe(true);
    expect(state.serving.get('us-east/gpu-node-1/recommender')!.nullRatio.user_embedding).toBeGreaterThan(0.05);
    expect(state.serving.get('eu-west/gpu-node-1/recommender')!.nullRatio.user_embedding).toBeUndefined();
  });
});

describe('scenario timelines', () => {
  it('ramps linearly and stays flat outside the ramp', () => {
    expect(ramp(0, 10, 20, 1, 3)).toBe(1);
    expect(ramp(15, 10, 20, 1, 3)).toBe(2);
    expect(ramp(30, 10, 20, 1, 3)).toBe(3);
  });

  it('crosses every threshold of its root alert within the first two minutes', () => {
    const at = (name: string, t: number) => {
      const s = scenarioByName(name)!;
      return applyEffects(healthyState(t), s.effects(t, s.targets[0]!));
    };
    const gpu = (t: number) => at('resource-squeeze', t).gpuUsed.get('us-east/gpu-node-1/0')!;
    expect(gpu(0)).toBeLessThan(0.7);
    expect(gpu(40)).toBeGreaterThan(0.7);
    expect(gpu(55)).toBeGreaterThan(0.9);
    expect((1 - gpu(61)) * GPU_TOTAL_MIB * 1024 * 1024).toBeLessThan(100_000_000);
    expect(at('cascading-crash', 30).hosts.get('us-east/gpu-node-2')!.restartsPerMin).toBeGreaterThan(0.1);
    expect(at('silent-degradation', 60).serving.get('eu-west/gpu-node-1/checkout-ranker')!.psi).toBeGreaterThan(0.2);
    expect(at('feature-pipeline', 20).pipelineFailing.size).toBe(1);
    expect(at('node-failure', 20).hosts.get('us-east/gpu-node-2')).toMatchObject({ notReady: true, podsLost: true });
  });

  it('heals completely at the end of every scenario', () => {
    for (const s of SCENARIOS) for (const t of s.targets) expect(s.effects(s.durationSec, t), s.name).toEqual([]);
  });

  it('plays every scenario in turn on a loop, staggered, with the next target on each repetition', () => {
    const loop = loopSchedule();
    expect(playsAt(loop, 10).map((p) => p.scenario.name)).toEqual(['resource-squeeze']);
    expect(playsAt(loop, STAGGER_SEC + 10).map((p) => p.scenario.name)).toEqual([
      'resource-squeeze',
      'cascading-crash',
    ]);
    const second = playsAt(loop, loop.cycleSec + 10).find((p) => p.scenario.name === 'resource-squeeze')!;
    expect(second.round).toBe(1);
    expect(second.target).toEqual(scenarioByName('resource-squeeze')!.targets[1]);
    for (const s of SCENARIOS) expect(s.durationSec).toBeLessThanOrEqual(loop.cycleSec);
  });

  it('repeats a single scenario after a quiet pause, and plays all at once on request', () => {
    const one = singleSchedule(scenarioByName('silent-degradation')!);
    expect(playsAt(one, 100)).toHaveLength(1);
    expect(playsAt(one, one.cycleSec - 1)).toHaveLength(0);
    expect(playsAt(one, one.cycleSec + 1)).toHaveLength(1);
    expect(playsAt(stormSchedule(), 5)).toHaveLength(SCENARIOS.length);
  });

  it('tells the story once per line, in order', () => {
    const lines = storyBetween(singleSchedule(scenarioByName('resource-squeeze')!), -1, 61);
    expect(lines.map((l) => l.text)).toEqual([
      'GPU 0 memory on us-east/gpu-node-1 (fraud-detector) starts climbing',
      'GPU 0 on us-east/gpu-node-1 is out of memory: latency, errors, batch timeouts, queue backlog',
    ]);
    expect(storyBetween(singleSchedule(scenarioByName('resource-squeeze')!), 61, 100)).toEqual([]);
  });

  it('rejects an unknown scenario and a bad speed with the accepted values', () => {
    expect(() => scheduleFor('nope')).toThrow(
      /resource-squeeze, cascading-crash, silent-degradation, feature-pipeline, node-failure, all/,
    );
    expect(() => speedFrom({ ONCALL_DEMO_SPEED: 'fast' })).toThrow(OncallError);
    expect(() => speedFrom({ ONCALL_DEMO_SPEED: '0' })).toThrow(/between 0 and 100/);
    expect(speedFrom({ ONCALL_DEMO_SPEED: '4' })).toBe(4);
    expect(speedFrom({})).toBe(1);
  });
});

describe('webhook sink', () => {
  it('records what the Alertmanager posts, by receiver path', async () => {
    const seen: string[] = [];
    const sink = await startWebhookSink((n) => seen.push(n.receiver));
    try {
      const payload = {
        receiver: 'pager',
        status: 'firing',
        groupLabels: { alertname: 'GPUMemoryOOM' },
        alerts: [
          {
            status: 'firing',
            labels: { alertname: 'GPUMemoryOOM' },
            annotations: {},
            startsAt: '2024-01-01T00:00:00Z',
          },
        ],
      };
      expect((await fetch(`${sink.url}/pager`, { method: 'POST', body: JSON.stringify(payload) })).status).toBe(200);
      expect((await fetch(`${sink.url}/pager`, { method: 'POST', body: 'not json' })).status).toBe(400);
      const list = (await (await fetch(`${sink.url}/notifications`)).json()) as {
        receiver: string;
        alerts: unknown[];
      }[];
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({
        receiver: 'pager',
        status: 'firing',
        groupLabels: { alertname: 'GPUMemoryOOM' },
      });
      expect(seen).toEqual(['pager']);
    } finally {
      await sink.stop();
    }
  });
});
