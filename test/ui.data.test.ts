// The TUI's data path against a real Alertmanager: one refresh groups alerts (with the Alertmanager's own
// inhibit rules), reports each backend's health, survives the Alertmanager going away and coming back; the
// worker thread sends a storm in chunks and unchanged incidents as ids.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlertmanager, freePort, type ServerHandle } from '../src/backends/localstack.js';
import { contextSchema } from '../src/backends/config/schema.js';
import { AlertLoader } from '../src/ui/data/load.js';
import { WorkerSource, type SourceUpdate } from '../src/ui/data/source.js';
import { spawnEarly } from '../src/ui/data/spawn.js';
import { publishing } from '../src/ui/data/publish.js';
import { StatusPublisher } from '../src/backends/status-publisher.js';
import { readStatusFile, statusFilePath } from '../src/backends/status-file.js';
import { backendProblem } from '../src/domain/statusline.js';
import type { LoadConfig, ToWorker } from '../src/ui/data/protocol.js';
import { CLOSED_URL, ROOT, postAlerts, until, waitForAlerts, type TestAlert } from './helpers/stack.js';
import type { BackendHealth } from '../src/ui/data/health.js';
import { forward, gzipBomb, serve } from './helpers/http-servers.js';
import { sendAlertListsAhead } from '../src/ui/data/ahead.js';

const CONFIG = `
route: { receiver: sink, group_wait: 1h, group_interval: 1h, repeat_interval: 24h }
receivers: [{ name: sink }]
inhibit_rules:
  - source_matchers: ['alertname="NodeDown"']
    target_matchers: ['alertname="ScrapeFailing"']
    equal: [instance]
`;

const chain: TestAlert[] = [
  { labels: { alertname: 'NodeDown', instance: 'n1', severity: 'critical' } },
  { labels: { alertname: 'ScrapeFailing', instance: 'n1', severity: 'warning' } },
  { labels: { alertname: 'GPUMemoryOOM', cluster: 'prod', instance: 'gpu-1', severity: 'critical' } },
  { labels: { alertname: 'HighErrorRateFastBurn', cluster: 'prod', instance: 'gpu-1', severity: 'critical' } },
];

function settings(): LoadConfig['settings'] {
  return contextSchema.parse({});
}

describe('alert loading for the TUI', () => {
  let am: ServerHandle;
  let port: number;
  let cfg: LoadConfig;
  beforeAll(async () => {
    port = await freePort();
    am = await startAlertmanager({ config: CONFIG, port });
    await postAlerts(am.url, chain);
    await waitForAlerts(am.url, chain.length);
    cfg = {
      alertmanagers: [{ url: am.url }],
      prometheus: { url: CLOSED_URL },
      timeoutMs: 3000,
      settings: settings(),
    };
  });
  afterAll(async () => am?.stop());

  it('groups with default rules and the Alertmanager inhibit rules, and reports health per backend', async () => {
    const r = await new AlertLoader(cfg).load();
    const byRoot = new Map(
      r.incidents!.map((i) => [
        i.alerts.find((a) => a.fingerprint === i.root)!.labels.alertname,
        i.alerts.map((a) => a.labels.alertname).sort(),
      ]),
    );
    expect(byRoot.get('NodeDown')).toEqual(['NodeDown', 'ScrapeFailing']); // from the running config's inhibit_rules
    expect(byRoot.get('GPUMemoryOOM')).toEqual(['GPUMemoryOOM', 'HighErrorRateFastBurn']); // default rule
    expect(r.health.map((h) => `${h.name}:${h.state}`)).toEqual(['am:ok', 'prom:unreachable']);
    expect(r.silences).toEqual([]);
  });

  it('a worker started early loads as soon as it has the context, and its source gets what came before it, once', async () => {
    const worker = path.join(ROOT, 'dist/oncall/worker.js'); // the bundle's worker, built by `npm test` before the tests run
    const early = spawnEarly(worker)!;
    early.begin(cfg);
    expect(early.begun).toBe(true);
    // The answer is in before any source listens (a local Alertmanager answers within milliseconds).
    await new Promise((r) => setTimeout(r, 1500));
    const src = new WorkerSource(cfg, 60_000, worker, early);
    const updates: SourceUpdate[] = [];
    try {
      src.start((u) => updates.push(u));
      const deadline = Date.now() + 15_000;
      while (!updates.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(updates[0]?.data?.alerts).toHaveLength(chain.length);
      // The source did not ask for the first refresh again: no second answer follows (a health of its own may,
      // when Prometheus' probe settles before the alert list).
      await new Promise((r) => setTimeout(r, 800));
      expect(updates.filter((u) => u.data)).toHaveLength(1);
    } finally {
      src.stop();
    }
  }, 30_000);

  it("the UI thread's alert list request is the early worker's first: one request, read by the worker", async () => {
    const worker = path.join(ROOT, 'dist/oncall/worker.js');
    const pass = await serve((req, res) => forward(am.url, req, res));
    const c = { ...cfg, alertmanagers: [{ url: pass.url }] };
    const early = spawnEarly(worker)!;
    const handed = sendAlertListsAhead(c, (part, transfer) =>
      early.worker.postMessage({ type: 'handover', part } satisfies ToWorker, transfer),
    );
    expect(handed).toEqual([`${pass.url}/api/v2/alerts?active=true&silenced=true&inhibited=true`]);
    early.begin(c, handed);
    const src = new WorkerSource(c, 60_000, worker, early);
    const updates: SourceUpdate[] = [];
    try {
      src.start((u) => updates.push(u));
      await until('the first data', async () => updates.some((u) => u.data), 15_000);
      expect(updates.find((u) => u.data)!.data!.alerts).toHaveLength(chain.length);
      // Sent once, by the UI thread: the worker read that answer instead of asking again.
      expect(pass.requests.filter((r) => r.url.startsWith('/api/v2/alerts'))).toHaveLength(1);
    } finally {
      src.stop();
      await pass.close();
    }
  }, 30_000);

  it('a Prometheus that never answers holds the alerts back by the grace only, not by its timeout', async () => {
    const hanging = await serve(() => undefined); // takes every request and never answers
    try {
      const loader = new AlertLoader({ ...cfg, prometheus: { url: hanging.url }, timeoutMs: 300_000 });
      const r = await loader.load();
      expect(r.incidents).toHaveLength(2);
      // Asked (the probe and the topology queries), not answered: neither ok nor unreachable yet.
      expect(r.health.map((h) => `${h.name}:${h.state}`)).toEqual(['am:ok', 'prom:loading']);
      const paths = hanging.requests.map((q) => new URL(q.url, hanging.url).pathname);
      expect(paths).toContain('/api/v1/status/buildinfo');
      expect(paths).toContain('/api/v1/query');
    } finally {
      await hanging.close();
    }
  }, 30_000);

  it('a Prometheus slower than the grace is reported when its probe settles, not a refresh later', async () => {
    const hanging = await serve(() => undefined);
    try {
      const late: BackendHealth[][] = [];
      const loader = new AlertLoader({ ...cfg, prometheus: { url: hanging.url }, timeoutMs: 2500 }, Date.now, (h) =>
        late.push(h),
      );
      const r = await loader.load();
      expect(r.health.map((h) => `${h.name}:${h.state}`)).toEqual(['am:ok', 'prom:loading']);
      expect(late).toEqual([]);
      // The probe times out (2.5 s, one retry) after the result was returned: only Prometheus' health follows.
      await until("Prometheus' late health", async () => late.length > 0, 20_000);
      expect(late).toHaveLength(1);
      expect(late[0]).toHaveLength(1);
      expect(late[0]![0]).toMatchObject({ name: 'prom', state: 'unreachable' });
      expect(late[0]![0]!.error).toMatch(/timed out|timeout/i);
      // The next refresh says the same, from its own probe.
      const next = await loader.load();
      expect(next.health.find((h) => h.name === 'prom')?.state).toMatch(/unreachable|loading/);
    } finally {
      await hanging.close();
    }
  }, 40_000);

  it('a Prometheus that refuses is shown at once while the Alertmanager has not answered, not after its timeout', async () => {
    const silent = await serve(() => undefined); // takes the alert list request and never answers
    try {
      const early: BackendHealth[][] = [];
      const loader = new AlertLoader({ ...cfg, alertmanagers: [{ url: silent.url }], timeoutMs: 4000 }, Date.now, (h) =>
        early.push(h),
      );
      const loading = loader.load();
      await until("Prometheus' health before the alerts", async () => early.length > 0, 3000);
      expect(early[0]).toEqual([expect.objectContaining({ name: 'prom', state: 'unreachable' })]);
      const r = await loading;
      expect(r.health.map((h) => `${h.name}:${h.state}`)).toEqual(['am:unreachable', 'prom:unreachable']);
      // Said once: the result carries it, and a probe that finds Prometheus as it was is not repeated.
      expect(early).toHaveLength(1);
    } finally {
      await silent.close();
    }
  }, 30_000);

  it('the worker sends a late Prometheus health on its own, between refreshes, without data; the state file says it', async () => {
    const hanging = await serve(() => undefined);
    const worker = path.join(ROOT, 'dist/oncall/worker.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-late-health-'));
    const written: string[] = [];
    const publisher = new StatusPublisher({
      context: 'late',
      writer: 'tui',
      notify: { terminal: true, desktop: false },
      writeTerminal: (t) => written.push(t),
      dir,
    });
    const src = publishing(
      new WorkerSource({ ...cfg, prometheus: { url: hanging.url }, timeoutMs: 2500 }, 3_600_000, worker),
      publisher,
    );
    const updates: SourceUpdate[] = [];
    const backends = () => readStatusFile(statusFilePath(dir))?.backends.map((b) => `${b.name}:${b.state}`);
    try {
      src.start((u) => updates.push(u));
      await until('the first update', async () => updates.length > 0, 15_000);
      expect(updates[0]!.data?.alerts).toHaveLength(chain.length);
      expect(updates[0]!.health.find((h) => h.name === 'prom')?.state).toBe('loading');
      // Written in the event-loop turn after the UI's update.
      await until('the state file', async () => backends() !== undefined);
      expect(backends()).toEqual(['am:ok', 'prom:loading']);
      const dataAt = readStatusFile(statusFilePath(dir))!.generatedAt;
      // Both incidents are critical (NodeDown's, GPUMemoryOOM's): each notified once, with the data.
      expect(written).toHaveLength(2);
      await until("Prometheus' late health", async () => updates.length > 1, 20_000);
      expect(updates[1]).toMatchObject({ healthOnly: true, health: [{ name: 'prom', state: 'unreachable' }] });
      expect(updates[1]!.data).toBeUndefined();
      // `oncall statusline` reads it at once, with the data's own time and without a second notification.
      await until('the state file', async () => backends()?.[1] === 'prom:unreachable');
      expect(backends()).toEqual(['am:ok', 'prom:unreachable']);
      expect(readStatusFile(statusFilePath(dir))!.backends[1]!.error).toMatch(/timed out|timeout/i);
      expect(readStatusFile(statusFilePath(dir))!.generatedAt).toBe(dataAt);
      expect(written).toHaveLength(2);
    } finally {
      src.stop();
      await hanging.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 40_000);

  it("a refresh that reaches no Alertmanager rewrites the state file's backends, not its counts", async () => {
    const own = await startAlertmanager({ config: CONFIG });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-am-down-'));
    const publisher = new StatusPublisher({
      context: 'down',
      writer: 'tui',
      notify: { terminal: false, desktop: false },
      writeTerminal: () => undefined,
      dir,
    });
    const worker = path.join(ROOT, 'dist/oncall/worker.js');
    const src = publishing(
      new WorkerSource({ ...cfg, alertmanagers: [{ url: own.url }], timeoutMs: 1500 }, 3_600_000, worker),
      publisher,
    );
    const updates: SourceUpdate[] = [];
    const file = () => readStatusFile(statusFilePath(dir));
    try {
      await postAlerts(own.url, chain);
      await waitForAlerts(own.url, chain.length);
      src.start((u) => updates.push(u));
      await until('the first data', async () => updates.some((u) => u.data), 15_000);
      await until('the state file', async () => file() !== undefined);
      const first = file()!;
      expect(first.counts.critical).toBe(2);
      expect(first.backends.find((b) => b.name === 'am')).toMatchObject({ kind: 'alertmanager', state: 'ok' });
      expect(backendProblem(first.backends)).toBeUndefined();
      await own.stop();
      const seen = updates.length;
      src.refresh();
      await until(
        'a refresh without data',
        async () => updates.slice(seen).some((u) => !u.data && !u.healthOnly),
        20_000,
      );
      await until('the state file', async () => file()!.backends.find((b) => b.name === 'am')?.state === 'unreachable');
      const down = file()!;
      expect(down.counts).toEqual(first.counts);
      expect(down.generatedAt).toBe(first.generatedAt);
      expect(down.backends.find((b) => b.name === 'am')).toMatchObject({ kind: 'alertmanager', state: 'unreachable' });
      expect(backendProblem(down.backends)).toBe('1 alertmanager down');
    } finally {
      src.stop();
      await own.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('marks the Alertmanager unreachable (keeping when data last came) and recovers on the same port', async () => {
    let now = Date.now();
    const loader = new AlertLoader(cfg, () => now);
    expect((await loader.load()).incidents).toHaveLength(2);
    const okAt = now;
    await am.stop();
    now += 30_000;
    const down = await loader.load();
    expect(down.incidents).toBeUndefined();
    expect(down.health[0]).toMatchObject({ name: 'am', state: 'unreachable', since: now, lastOkAt: okAt });
    expect(down.health[0]!.error).toMatch(/refused|network/);
    am = await startAlertmanager({ config: CONFIG, port });
    await postAlerts(am.url, chain);
    await waitForAlerts(am.url, chain.length);
    now += 30_000;
    const up = await loader.load();
    expect(up.incidents).toHaveLength(2);
    expect(up.health[0]).toMatchObject({ state: 'ok', since: now, lastOkAt: now });
  }, 60_000);

  it('an answer past max_response_bytes (a gzip bomb) keeps the last good data in the worker and says why', async () => {
    // In front of the real Alertmanager: passes its answers through until told to send 100 GiB of gzip instead.
    let bomb = false;
    const front = await serve(async (req, res) => {
      if (bomb && req.url.startsWith('/api/v2/alerts')) return gzipBomb(res, 100_000, { members: 0 });
      const r = await fetch(`${am.url}${req.url}`);
      res.writeHead(r.status, { 'Content-Type': r.headers.get('content-type') ?? 'application/json' });
      res.end(await r.text());
    });
    const worker = path.join(ROOT, 'dist/oncall/worker.js');
    const src = new WorkerSource(
      { ...cfg, alertmanagers: [{ url: front.url, max_response_bytes: '4MiB' }] },
      60_000,
      worker,
    );
    const updates: SourceUpdate[] = [];
    const next = (n: number) =>
      new Promise<SourceUpdate>((resolve) => {
        const t = setInterval(() => {
          if (updates.length > n) {
            clearInterval(t);
            resolve(updates[n]!);
          }
        }, 20);
      });
    try {
      src.start((u) => updates.push(u));
      expect((await next(0)).data?.alerts).toHaveLength(chain.length);
      bomb = true;
      src.refresh();
      const after = await next(1);
      // No new data (the UI keeps what it has), the worker still alive, and the reason in the health line.
      expect(after.data).toBeUndefined();
      expect(after.health[0]).toMatchObject({ state: 'unreachable' });
      expect(after.health[0]!.lastOkAt).toBeGreaterThan(0);
      expect(after.health[0]!.error).toMatch(/larger than max_response_bytes \(4 MiB\)/);
      bomb = false;
      src.refresh();
      expect((await next(2)).data?.alerts).toHaveLength(chain.length);
    } finally {
      src.stop();
      await front.close();
    }
  }, 60_000);

  it('the worker thread delivers a storm in chunks, its first picture drawn from the top of the list sent ahead of them, then unchanged incidents as the same objects', async () => {
    const storm: TestAlert[] = Array.from({ length: 4000 }, (_, i) => ({
      labels: { alertname: 'QueueBacklog', instance: `w${i}`, severity: 'info' },
    }));
    await postAlerts(am.url, storm);
    await waitForAlerts(am.url, storm.length + chain.length);
    const worker = path.join(ROOT, 'dist/oncall/worker.js'); // the bundle's worker, built by `npm test` before the tests run
    const src = new WorkerSource(cfg, 60_000, worker);
    const updates: SourceUpdate[] = [];
    const next = () =>
      new Promise<SourceUpdate>((resolve) => {
        const n = updates.length;
        const t = setInterval(() => {
          if (updates.length > n) {
            clearInterval(t);
            resolve(updates[n]!);
          }
        }, 20);
      });
    try {
      let first = next();
      src.start((u) => updates.push(u));
      // The first picture comes ahead of the chunks: the top of the list, with every alert in the header's counts.
      const top = (await first).data!;
      expect(top.arriving).toEqual({ incidents: expect.any(Number), alerts: storm.length + chain.length });
      expect(top.counts.alerts.total).toBe(storm.length + chain.length);
      expect(top.alerts.length).toBeLessThan(storm.length);
      first = next();
      const a = (await first).data!;
      expect(a.arriving).toBeUndefined();
      expect(a.incidents).toHaveLength(top.arriving!.incidents);
      expect(a.incidents.slice(0, top.incidents.length)).toEqual(top.incidents);
      expect(a.alerts).toHaveLength(storm.length + chain.length);
      expect(new Set(a.alerts.map((x) => x.fingerprint)).size).toBe(a.alerts.length);
      expect(a.incidentOf.size).toBe(a.alerts.length);
      // Silence one alert: its incident changes, the others travel as ids and stay the same objects.
      const res = await fetch(`${am.url}/api/v2/silences`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          matchers: [{ name: 'instance', value: 'w7', isRegex: false }],
          startsAt: new Date().toISOString(),
          endsAt: new Date(Date.now() + 3600_000).toISOString(),
          createdBy: 'test',
          comment: 'test',
        }),
      });
      expect(res.ok).toBe(true);
      await new Promise((r) => setTimeout(r, 1500)); // the Alertmanager applies silences asynchronously
      first = next();
      src.refresh();
      const b = (await first).data!;
      const prev = new Map(a.incidents.map((i) => [i.id, i]));
      const changed = b.incidents.filter((i) => prev.get(i.id) !== i);
      expect(changed.map((i) => i.alerts[0]!.labels.instance)).toEqual(['w7']);
      expect(changed[0]!.alerts[0]!.state).toBe('suppressed');
      expect(b.alerts).toHaveLength(a.alerts.length);
    } finally {
      src.stop();
    }
  }, 60_000);
});

describe('what makes an incident changed for the UI', () => {
  it('every field the UI shows changes the signature; updatedAt and endsAt do not', async () => {
    const { dataOf, gpuStorm } = await import('./helpers/ui-app.js');
    const { incidentSignature } = await import('../src/ui/data/signature.js');
    const inc = dataOf(gpuStorm()).incidents.find((i) => i.alerts.length > 1)!;
    const sig = incidentSignature(inc);
    const withAlert = (patch: Record<string, unknown>) => ({
      ...inc,
      alerts: inc.alerts.map((a, i) => (i === 1 ? { ...a, ...patch } : a)),
    });
    expect(incidentSignature(withAlert({ updatedAt: '2031-01-01T00:00:00Z', endsAt: '2031-01-01T00:05:00Z' }))).toBe(
      sig,
    );
    for (const patch of [
      { state: 'suppressed' },
      { silencedBy: ['s1'] },
      { inhibitedBy: ['x'] },
      { annotations: { summary: 'new' } },
      { startsAt: '2020-01-01T00:00:00Z' },
      { causedBy: null },
      { layer: 'quality' },
      { generatorURL: 'http://p/g' },
      { receivers: ['other'] },
      { edge: null },
      { fingerprint: 'f0' },
    ]) {
      expect(incidentSignature(withAlert(patch)), JSON.stringify(patch)).not.toBe(sig);
    }
    for (const patch of [
      { title: 't' },
      { severity: 'info' },
      { layer: 'service' },
      { root: 'r' },
      { startsAt: '2020-01-01T00:00:00Z' },
      { alerts: inc.alerts.slice(1) },
    ]) {
      expect(incidentSignature({ ...inc, ...patch } as typeof inc), JSON.stringify(Object.keys(patch))).not.toBe(sig);
    }
  });
});
