// Silences on two Alertmanagers clustered over loopback gossip: created once, visible on both replicas, never
// duplicated by a retry (replica down, or a post whose answer is lost), and until-resolved expiry.
import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alertmanager,
  freePort,
  isolatedEnv,
  MINIMAL_AM_CONFIG,
  postAlerts,
  runCli,
  until,
  waitForAlerts,
} from './helpers/stack.js';
import { startAlertmanager, type ServerHandle } from '../src/backends/localstack.js';

interface ApiSilence {
  id: string;
  status: { state: string };
  comment: string;
  endsAt: string;
}
const silences = async (url: string) => (await (await fetch(`${url}/api/v2/silences`)).json()) as ApiSilence[];
const withComment = async (url: string, comment: string) =>
  (await silences(url)).filter((s) => s.comment === comment && s.status.state !== 'expired');

async function peers(url: string): Promise<number> {
  try {
    const st = (await (await fetch(`${url}/api/v2/status`)).json()) as { cluster: { peers?: unknown[] } };
    return st.cluster.peers?.length ?? 0;
  } catch {
    return 0;
  }
}

/** Forwards to an Alertmanager but never answers a POST of a silence: the request lands, the answer is lost. */
function lossyProxy(target: string): Promise<{ url: string; posts: () => number; close: () => Promise<void> }> {
  let posts = 0;
  const held = new Set<net.Socket>();
  const srv = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const upstream = await fetch(target + req.url, {
        method: req.method,
        headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
        body: body.length ? body : undefined,
      });
      const text = await upstream.text();
      if (req.method === 'POST' && req.url?.startsWith('/api/v2/silences')) {
        posts++;
        held.add(req.socket);
        return; // the silence is created upstream; the caller never hears about it
      }
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      res.end(text);
    });
  });
  return new Promise((resolve) =>
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}`,
        posts: () => posts,
        close: () =>
          new Promise<void>((r) => {
            for (const s of held) s.destroy();
            srv.close(() => r());
          }),
      });
    }),
  );
}

describe('silences on two clustered Alertmanagers', () => {
  let a: ServerHandle;
  let b: ServerHandle;
  let bPort: number;
  let bCluster: number;
  let aCluster: number;
  const env = isolatedEnv({ USER: 'tester' });
  const ALERTS = [
    { labels: { alertname: 'GPUMemoryOOM', instance: 'gpu-1', cluster: 'prod', severity: 'critical' } },
    { labels: { alertname: 'DiskFull', instance: 'gpu-2', cluster: 'prod', severity: 'warning' } },
  ];

  async function startB(): Promise<void> {
    b = await startAlertmanager({
      config: MINIMAL_AM_CONFIG,
      clusterPort: bCluster,
      peers: [`127.0.0.1:${aCluster}`],
      port: bPort,
    });
    await until('the replicas to see each other', async () => (await peers(a.url)) === 2 && (await peers(b.url)) === 2);
  }

  beforeAll(async () => {
    aCluster = await freePort();
    bCluster = await freePort();
    bPort = await freePort();
    a = await alertmanager(MINIMAL_AM_CONFIG, { clusterPort: aCluster });
    await startB();
    for (const am of [a, b]) await postAlerts(am.url, ALERTS);
    await waitForAlerts(a.url, 2);
    await waitForAlerts(b.url, 2);
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it('creates a silence once and confirms it on both replicas', async () => {
    const r = await runCli(
      [
        'silence',
        'add',
        'alertname="GPUMemoryOOM"',
        'instance="gpu-1"',
        '--comment',
        'ha add',
        '--alertmanager',
        a.url,
        '--alertmanager',
        b.url,
      ],
      { env },
    );
    expect(r.code).toBe(0);
    const id = r.stdout.trim();
    expect(r.stderr).toMatch(new RegExp(`silence ${id} confirmed on 127\\.0\\.0\\.1:\\d+, 127\\.0\\.0\\.1:\\d+`));
    expect(r.stderr).toContain('matches 1 firing alert');
    for (const am of [a, b]) expect((await withComment(am.url, 'ha add')).map((s) => s.id)).toEqual([id]);
    const ls = JSON.parse(
      (await runCli(['silence', 'ls', '--json', '--alertmanager', a.url, '--alertmanager', b.url], { env })).stdout,
    );
    expect(ls.silences.filter((s: { id: string }) => s.id === id)).toHaveLength(1);
  });

  it('extends and expires on both replicas', async () => {
    const ctx = ['--alertmanager', a.url, '--alertmanager', b.url];
    const id = (
      await runCli(['silence', 'add', 'alertname="DiskFull"', '--comment', 'ha extend', ...ctx], { env })
    ).stdout.trim();
    const ext = await runCli(['silence', 'extend', id, '--duration', '30m', ...ctx], { env });
    expect(ext.code).toBe(0);
    const newId = ext.stdout.trim();
    for (const am of [a, b]) {
      const live = await withComment(am.url, 'ha extend');
      expect(live.map((s) => s.id)).toEqual([newId]);
    }
    const exp = await runCli(['silence', 'expire', newId, ...ctx], { env });
    expect(exp.code).toBe(0);
    expect(exp.stderr).toMatch(/expiry of .* confirmed on 127\.0\.0\.1:\d+, 127\.0\.0\.1:\d+/);
    for (const am of [a, b]) expect(await withComment(am.url, 'ha extend')).toEqual([]);
  });

  it('acks an alert on both replicas', async () => {
    const fp = (
      (await (await fetch(`${a.url}/api/v2/alerts`)).json()) as {
        fingerprint: string;
        labels: Record<string, string>;
      }[]
    ).find((x) => x.labels.alertname === 'DiskFull')!.fingerprint;
    const r = await runCli(['ack', fp, '--alertmanager', a.url, '--alertmanager', b.url], { env });
    expect(r.code).toBe(0);
    for (const am of [a, b])
      expect((await withComment(am.url, 'ack by tester')).map((s) => s.id)).toContain(r.stdout.trim());
  });

  it('does not duplicate when the answer to a post is lost: it finds the silence before retrying', async () => {
    const proxy = await lossyProxy(a.url);
    try {
      const r = await runCli(
        [
          'silence',
          'add',
          'alertname="GPUMemoryOOM"',
          '--comment',
          'lost answer',
          '--timeout',
          '1s',
          '--alertmanager',
          proxy.url,
          '--alertmanager',
          b.url,
        ],
        { env },
      );
      expect(r.stderr).not.toMatch(/unexpected/);
      expect(r.code).toBe(0);
      expect(proxy.posts()).toBe(1);
      for (const am of [a, b]) {
        const list = await until('the silence on both replicas', async () => {
          const l = await withComment(am.url, 'lost answer');
          return l.length ? l : undefined;
        });
        expect(list.map((s) => s.id)).toEqual([r.stdout.trim()]);
      }
    } finally {
      await proxy.close();
    }
  });

  it('does not duplicate on a retry while a replica is down, and the replica gets it when back', async () => {
    await b.stop();
    const args = [
      'silence',
      'add',
      'alertname="DiskFull"',
      'instance="gpu-2"',
      '--comment',
      'replica down',
      '--alertmanager',
      b.url,
      '--alertmanager',
      a.url,
    ];
    const first = await runCli(args, { env });
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/did not answer/);
    const retry = await runCli(args, { env });
    expect(retry.code).toBe(0);
    expect(retry.stdout.trim()).toBe(first.stdout.trim());
    expect(retry.stderr).toContain('identical silence already exists');
    expect((await withComment(a.url, 'replica down')).length).toBe(1);
    await startB();
    const onB = await until('the silence to reach the restarted replica', async () => {
      const l = await withComment(b.url, 'replica down');
      return l.length ? l : undefined;
    });
    expect(onB.map((s) => s.id)).toEqual([first.stdout.trim()]);
    for (const am of [a, b]) await postAlerts(am.url, ALERTS);
  });

  it('expires an until-resolved silence within one refresh of its alerts resolving', async () => {
    const endsAt = new Date(Date.now() + 6_000).toISOString();
    const short = [{ labels: { alertname: 'TrainingStalled', job: 'trainer-7', cluster: 'prod' }, endsAt }];
    for (const am of [a, b]) await postAlerts(am.url, short);
    await until(
      'the short alert',
      async () =>
        ((await (await fetch(`${a.url}/api/v2/alerts?filter=alertname%3D%22TrainingStalled%22`)).json()) as unknown[])
          .length === 1,
    );
    const ctx = ['--alertmanager', a.url, '--alertmanager', b.url];
    const add = await runCli(
      [
        'silence',
        'add',
        'alertname="TrainingStalled"',
        'job="trainer-7"',
        '--comment',
        'until fixed',
        '--until-resolved',
        ...ctx,
      ],
      { env },
    );
    expect(add.code).toBe(0);
    const id = add.stdout.trim();
    const lsJson = JSON.parse((await runCli(['silence', 'ls', '--json', ...ctx], { env })).stdout);
    expect(lsJson.silences.find((s: { id: string }) => s.id === id).untilResolved).toBe(true);
    // While the alert fires, a refresh keeps the silence.
    const keep = await runCli(['silence', 'watch', '--once', ...ctx], { env });
    expect(keep.code).toBe(0);
    expect(keep.stdout).not.toContain(id);
    expect((await silences(a.url)).find((s) => s.id === id)!.status.state).toBe('active');
    // Once both replicas stop listing the alert, the next refresh expires it.
    await until('the alert to resolve', async () => {
      for (const am of [a, b])
        if (
          (
            (await (
              await fetch(`${am.url}/api/v2/alerts?filter=alertname%3D%22TrainingStalled%22`)
            ).json()) as unknown[]
          ).length
        )
          return false;
      return true;
    });
    const sweep = await runCli(['silence', 'watch', '--once', ...ctx], { env });
    expect(sweep.stdout).toContain(`expired ${id}: none of the alerts it matches is firing any more`);
    for (const am of [a, b]) expect((await silences(am.url)).find((s) => s.id === id)!.status.state).toBe('expired');
  });
});
