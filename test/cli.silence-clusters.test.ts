// One context, three real Alertmanager clusters: two independent single Alertmanagers (no gossip) and an HA pair.
// A silence is one logical silence with one ID per cluster: created, listed, extended and expired everywhere from
// any of its IDs; a cluster that is down makes `add` fail naming it while what was created elsewhere is printed;
// a post that timed out on a replica that then cannot be read is never posted again elsewhere (no duplicate).
import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertmanager, freePort, haPair, isolatedEnv, postAlerts, runCli, waitForAlerts } from './helpers/stack.js';
import { startAlertmanager, type ServerHandle } from '../src/backends/localstack.js';
import { MINIMAL_AM_CONFIG } from './helpers/stack.js';

interface ApiSilence {
  id: string;
  status: { state: string };
  comment: string;
  endsAt: string;
}
const silences = async (url: string) => (await (await fetch(`${url}/api/v2/silences`)).json()) as ApiSilence[];
const live = async (url: string, comment: string) =>
  (await silences(url)).filter((s) => s.comment === comment && s.status.state !== 'expired');

const ALERTS = [{ labels: { alertname: 'GPUMemoryOOM', instance: 'gpu-1', cluster: 'prod', severity: 'critical' } }];

describe('a silence across independent Alertmanager clusters', () => {
  let x: ServerHandle;
  let y: ServerHandle;
  let ha: [ServerHandle, ServerHandle];
  const env = isolatedEnv({ USER: 'tester' });
  const ctx = () => [
    '--alertmanager',
    x.url,
    '--alertmanager',
    y.url,
    '--alertmanager',
    ha[0].url,
    '--alertmanager',
    ha[1].url,
  ];
  const hostOf = (u: string) => new URL(u).host;

  beforeAll(async () => {
    x = await alertmanager();
    y = await alertmanager();
    ha = await haPair();
    for (const am of [x, y, ...ha]) await postAlerts(am.url, ALERTS);
    for (const am of [x, y, ...ha]) await waitForAlerts(am.url, 1);
  });
  afterAll(async () => {
    for (const am of [x, y, ...(ha ?? [])]) await am?.stop();
  });

  it('creates one copy per cluster, prints every ID, lists them as one silence', async () => {
    const r = await runCli(
      ['silence', 'add', 'alertname="GPUMemoryOOM"', '--comment', 'three clusters', '--json', ...ctx()],
      { env },
    );
    expect(r.stderr).not.toMatch(/unexpected|not seen/);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.failed).toEqual([]);
    expect(out.copies).toHaveLength(3);
    const ids = out.copies.map((c: { id: string }) => c.id);
    expect(new Set(ids).size).toBe(3);
    expect(out.copies.map((c: { cluster: string }) => c.cluster)).toEqual([
      hostOf(x.url),
      hostOf(y.url),
      `${hostOf(ha[0].url)}+${hostOf(ha[1].url)}`,
    ]);
    expect((await live(x.url, 'three clusters')).map((s) => s.id)).toEqual([ids[0]]);
    expect((await live(y.url, 'three clusters')).map((s) => s.id)).toEqual([ids[1]]);
    for (const am of ha) expect((await live(am.url, 'three clusters')).map((s) => s.id)).toEqual([ids[2]]);
    // Immediate silences are active at once (never pending), and confirmed only where each ID lives.
    expect(out.confirmations).toHaveLength(4);
    expect(out.confirmations.every((c: { state: string }) => c.state === 'confirmed')).toBe(true);

    const text = await runCli(['silence', 'add', 'alertname="GPUMemoryOOM"', '--comment', 'three clusters', ...ctx()], {
      env,
    });
    expect(text.code).toBe(0);
    expect(text.stdout.trim().split('\n')).toEqual(ids);
    expect(text.stderr).toContain('identical silence already exists');

    const ls = await runCli(['silence', 'ls', ...ctx()], { env });
    expect(ls.code).toBe(0);
    const rows = ls.stdout.split('\n').filter((l) => l.includes('three clusters'));
    expect(rows).toHaveLength(1);
    for (const id of ids) expect(rows[0]).toContain(id);
    const lsJson = JSON.parse((await runCli(['silence', 'ls', '--json', ...ctx()], { env })).stdout);
    const mine = lsJson.silences.filter((s: { comment: string }) => s.comment === 'three clusters');
    expect(mine).toHaveLength(3);
    for (const s of mine) expect([...s.copies].sort()).toEqual([...ids].sort());
  });

  it('extends and expires every copy from any one ID', async () => {
    const add = await runCli(
      ['silence', 'add', 'alertname="GPUMemoryOOM"', '--comment', 'siblings', '--duration', '1h', ...ctx()],
      { env },
    );
    expect(add.code).toBe(0);
    const ids = add.stdout.trim().split('\n');
    expect(ids).toHaveLength(3);
    const ext = await runCli(['silence', 'extend', ids[1]!, '--duration', '30m', '--json', ...ctx()], { env });
    expect(ext.stderr).not.toMatch(/unexpected|error/);
    expect(ext.code).toBe(0);
    const copies = JSON.parse(ext.stdout).copies as { id: string }[];
    expect(copies).toHaveLength(3);
    const ends = new Set<string>();
    for (const am of [x, y, ha[0], ha[1]]) {
      const l = await live(am.url, 'siblings');
      expect(l).toHaveLength(1);
      ends.add(l[0]!.endsAt);
      expect(
        Date.parse(l[0]!.endsAt) - Date.now(),
        `${am.url} ${JSON.stringify(l)} ${ext.stdout} ${ext.stderr}`,
      ).toBeGreaterThan(80 * 60_000);
    }
    expect(ends.size).toBe(1);
    const exp = await runCli(['silence', 'expire', copies[2]!.id, '--yes', ...ctx()], { env });
    expect(exp.stderr).not.toMatch(/error|not found|not seen/);
    expect(exp.code).toBe(0);
    for (const am of [x, y, ...ha]) expect(await live(am.url, 'siblings')).toEqual([]);
  });

  it('with one cluster down, exits 1 naming it, prints what was created, and a re-run completes it', async () => {
    const port = new URL(y.url).port;
    await y.stop();
    const args = ['silence', 'add', 'alertname="GPUMemoryOOM"', '--comment', 'one down', ...ctx()];
    const r = await runCli(args, { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`not created on cluster ${hostOf(y.url)}`);
    expect(r.stderr).not.toContain('gets the change from its peers');
    const created = r.stdout.trim().split('\n');
    expect(created).toHaveLength(2);
    expect((await live(x.url, 'one down')).map((s) => s.id)).toEqual([created[0]]);
    expect((await live(ha[0].url, 'one down')).map((s) => s.id)).toEqual([created[1]]);

    y = await startAlertmanager({ config: MINIMAL_AM_CONFIG, port: Number(port) });
    const again = await runCli(args, { env });
    expect(again.code).toBe(0);
    const ids = again.stdout.trim().split('\n');
    expect(ids).toHaveLength(3);
    expect([ids[0], ids[2]]).toEqual(created);
    expect((await live(y.url, 'one down')).map((s) => s.id)).toEqual([ids[1]]);
    expect(await live(x.url, 'one down')).toHaveLength(1);
  });
});

/**
 * Stands for an HA replica: status and reads come from `replica` (so it looks like a peer of it), but a posted
 * silence lands on `store` and is never answered, and from then on the proxy answers nothing (partitioned).
 */
function partitionedReplica(replica: string, store: string): Promise<{ url: string; close: () => Promise<void> }> {
  let partitioned = false;
  const held = new Set<net.Socket>();
  const srv = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      if (partitioned) return void held.add(req.socket);
      const body = Buffer.concat(chunks);
      const isPost = req.method === 'POST' && req.url?.startsWith('/api/v2/silences');
      const upstream = await fetch((isPost ? store : replica) + req.url, {
        method: req.method,
        headers: { 'content-type': 'application/json' },
        body: body.length ? body : undefined,
      });
      const text = await upstream.text();
      if (isPost) {
        partitioned = true;
        return void held.add(req.socket);
      }
      res.writeHead(upstream.status, { 'content-type': 'application/json' });
      res.end(text);
    });
  });
  return new Promise((resolve) =>
    srv.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(srv.address() as net.AddressInfo).port}`,
        close: () =>
          new Promise<void>((r) => {
            for (const s of held) s.destroy();
            srv.close(() => r());
          }),
      }),
    ),
  );
}

describe('a post that timed out on a replica that is then partitioned', () => {
  it('is not posted again to the other replica (no duplicate), and the cluster is reported', async () => {
    // Clustered (gossip on), so that the proxy answering with b's status counts as b's replica.
    const b = await alertmanager(MINIMAL_AM_CONFIG, { clusterPort: await freePort() });
    const hidden = await alertmanager();
    const proxy = await partitionedReplica(b.url, hidden.url);
    try {
      const env = isolatedEnv({ USER: 'tester' });
      const r = await runCli(
        [
          'silence',
          'add',
          'alertname="X"',
          'job="y"',
          '--comment',
          'partitioned',
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
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/cannot be read back.*not posting again/);
      expect(await live(hidden.url, 'partitioned')).toHaveLength(1);
      expect(await live(b.url, 'partitioned')).toEqual([]);
    } finally {
      await proxy.close();
      await hidden.stop();
      await b.stop();
    }
  });
});
