// The Alertmanager client against real Alertmanagers: a real inhibit rule and a real silence give inhibited and
// silenced alerts; two replicas clustered over loopback gossip show deduplication and HA status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertmanagerClient, AlertmanagerSet } from '../src/backends/alertmanager.js';
import { BackendError } from '../src/backends/errors.js';
import { freePort, startAlertmanager, type ServerHandle } from '../src/backends/localstack.js';
import { parseMatchers } from '../src/domain/matchers.js';
import type { Alert } from '../src/domain/types.js';
import { CLOSED_URL, amConfigWithInhibit, postAlerts, until } from './helpers/stack.js';

const CONFIG = amConfigWithInhibit('alertname="NodeDown"', 'alertname="ModelServerDown"', ['cluster']);

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

const names = (as: Alert[]) => as.map((a) => `${a.labels.alertname}/${a.labels.cluster}`).sort();
const find = (as: Alert[], name: string, cluster: string) =>
  as.find((a) => a.labels.alertname === name && a.labels.cluster === cluster)!;

describe('AlertmanagerClient against a real Alertmanager', () => {
  let am: ServerHandle;
  let client: AlertmanagerClient;
  let silenceId: string;

  beforeAll(async () => {
    am = await startAlertmanager({ config: CONFIG });
    client = new AlertmanagerClient({ url: am.url });
    await postAlerts(am.url, [
      { labels: { alertname: 'NodeDown', cluster: 'a', severity: 'critical' }, annotations: { summary: 'node gone' } },
      { labels: { alertname: 'ModelServerDown', cluster: 'a', severity: 'critical' } },
      { labels: { alertname: 'ModelServerDown', cluster: 'b', severity: 'critical' } },
      { labels: { alertname: 'DiskFull', cluster: 'a', severity: 'warning' } },
    ]);
    silenceId = await client.postSilence({
      matchers: parseMatchers('alertname="DiskFull"'),
      startsAt: iso(Date.now()),
      endsAt: iso(Date.now() + HOUR),
      createdBy: 'test',
      comment: 'disk is being replaced',
    });
    // The inhibitor and the silencer see new alerts asynchronously.
    await until('inhibition and silence', async () => {
      const as = await client.alerts();
      return as.length === 4 &&
        find(as, 'ModelServerDown', 'a')?.inhibitedBy.length &&
        find(as, 'DiskFull', 'a')?.silencedBy.length
        ? true
        : undefined;
    });
  });
  afterAll(async () => am?.stop());

  it('lists every alert with its state, silencedBy and inhibitedBy', async () => {
    const as = await client.alerts();
    expect(names(as)).toEqual(['DiskFull/a', 'ModelServerDown/a', 'ModelServerDown/b', 'NodeDown/a']);
    const node = find(as, 'NodeDown', 'a');
    expect(node).toMatchObject({
      state: 'active',
      silencedBy: [],
      inhibitedBy: [],
      annotations: { summary: 'node gone' },
      receivers: ['sink'],
    });
    expect(node.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(Date.parse(node.startsAt)).toBeGreaterThan(Date.now() - HOUR);
    // inhibitedBy holds the fingerprint of the source alert
    expect(find(as, 'ModelServerDown', 'a')).toMatchObject({
      state: 'suppressed',
      inhibitedBy: [node.fingerprint],
      silencedBy: [],
    });
    expect(find(as, 'ModelServerDown', 'b')).toMatchObject({ state: 'active', inhibitedBy: [] });
    expect(find(as, 'DiskFull', 'a')).toMatchObject({ state: 'suppressed', silencedBy: [silenceId], inhibitedBy: [] });
  });

  it('passes the active, silenced and inhibited parameters', async () => {
    expect(names(await client.alerts({ active: true, silenced: false, inhibited: false }))).toEqual([
      'ModelServerDown/b',
      'NodeDown/a',
    ]);
    expect(names(await client.alerts({ active: false, silenced: true, inhibited: false }))).toEqual(['DiskFull/a']);
    expect(names(await client.alerts({ active: false, silenced: false, inhibited: true }))).toEqual([
      'ModelServerDown/a',
    ]);
    expect(names(await client.alerts({ active: false, silenced: true, inhibited: true }))).toEqual([
      'DiskFull/a',
      'ModelServerDown/a',
    ]);
  });

  it('passes filter matchers, one parameter each', async () => {
    expect(names(await client.alerts({ filter: parseMatchers('alertname=~"Model.*", cluster!="b"') }))).toEqual([
      'ModelServerDown/a',
    ]);
    expect(names(await client.alerts({ filter: parseMatchers('severity="critical"') }))).toEqual([
      'ModelServerDown/a',
      'ModelServerDown/b',
      'NodeDown/a',
    ]);
    expect(names(await client.alerts({ filter: parseMatchers('alertname=~"(?i)node.*"') }))).toEqual(['NodeDown/a']);
    expect(await client.alerts({ filter: parseMatchers('cluster="nowhere"') })).toEqual([]);
  });

  it('reads the status: cluster, version and the running configuration', async () => {
    const s = await client.status();
    expect(s.cluster.status).toBe('disabled');
    expect(s.versionInfo.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(s.config.original).toContain('inhibit_rules');
    expect(s.config.original).toContain('ModelServerDown');
  });

  describe('silences', () => {
    const base = () => ({ startsAt: iso(Date.now()), endsAt: iso(Date.now() + HOUR), createdBy: 'test' });

    it('lists and reads a silence back, with its matchers in our form', async () => {
      const all = await client.silences();
      const s = all.find((x) => x.id === silenceId)!;
      expect(s).toMatchObject({
        status: 'active',
        createdBy: 'test',
        comment: 'disk is being replaced',
        matchers: [{ name: 'alertname', type: '=', value: 'DiskFull' }],
      });
      expect(await client.silence(silenceId)).toEqual(s);
    });

    it('keeps every operator through the API', async () => {
      const ms = parseMatchers('job="a", team!="b", model=~"resnet.*", env!~"dev|test"');
      const id = await client.postSilence({ ...base(), matchers: ms, comment: 'operators' });
      expect((await client.silence(id)).matchers).toEqual(ms);
      await client.expireSilence(id);
    });

    it('updates in place when only the comment or end changes', async () => {
      const id = await client.postSilence({ ...base(), matchers: parseMatchers('job="update-me"'), comment: 'first' });
      const same = await client.postSilence({
        ...base(),
        id,
        matchers: parseMatchers('job="update-me"'),
        comment: 'second',
        endsAt: iso(Date.now() + 2 * HOUR),
      });
      expect(same).toBe(id);
      expect((await client.silence(id)).comment).toBe('second');
      await client.expireSilence(id);
    });

    it('returns the new ID when an update changes the matchers, and expires the old one', async () => {
      const id = await client.postSilence({ ...base(), matchers: parseMatchers('job="old"'), comment: 'before' });
      const next = await client.postSilence({ ...base(), id, matchers: parseMatchers('job="new"'), comment: 'after' });
      expect(next).not.toBe(id);
      expect((await client.silence(next)).matchers).toEqual(parseMatchers('job="new"'));
      expect((await client.silence(id)).status).toBe('expired');
      await client.expireSilence(next);
    });

    it('expires a silence; expiring it again is harmless', async () => {
      const id = await client.postSilence({ ...base(), matchers: parseMatchers('job="expire-me"'), comment: 'x' });
      await client.expireSilence(id);
      expect((await client.silence(id)).status).toBe('expired');
      await client.expireSilence(id);
      expect((await client.silence(id)).status).toBe('expired');
    });

    it('says which silence does not exist', async () => {
      const missing = '00000000-0000-4000-8000-000000000000';
      const e = (await client.silence(missing).catch((x: unknown) => x)) as BackendError;
      expect(e).toBeInstanceOf(BackendError);
      expect(e.failure).toBe('not-found');
      expect(e.message).toContain(`no silence with ID ${missing}`);
      const del = (await client.expireSilence(missing).catch((x: unknown) => x)) as BackendError;
      expect(del).toBeInstanceOf(BackendError);
      expect(del.message).toMatch(/not found|no silence/);
      expect(del.transient).toBe(false);
    });

    it('reports what Alertmanager says about an invalid silence, in one line', async () => {
      const e = (await client
        .postSilence({ ...base(), matchers: parseMatchers('job=~".*"'), comment: 'everything' })
        .catch((x: unknown) => x)) as BackendError;
      expect(e).toBeInstanceOf(BackendError);
      expect(e.status).toBe(400);
      expect(e.message).toMatch(/^alertmanager 127\.0\.0\.1:\d+: HTTP 400: silence invalid: .*empty string/);
      expect(e.message).not.toContain('\n');
    });
  });
});

describe('AlertmanagerSet over two clustered Alertmanagers', () => {
  let am1: ServerHandle;
  let am2: ServerHandle;
  let set: AlertmanagerSet;
  const t0 = Date.now();
  let gossip: number[] = [];

  beforeAll(async () => {
    const [p1, p2] = [await freePort(), await freePort()];
    gossip = [p1, p2];
    am1 = await startAlertmanager({ config: CONFIG, clusterPort: p1, peers: [`127.0.0.1:${p2}`] });
    am2 = await startAlertmanager({ config: CONFIG, clusterPort: p2, peers: [`127.0.0.1:${p1}`] });
    set = new AlertmanagerSet([
      { url: am1.url, name: 'am-1' },
      { url: am2.url, name: 'am-2' },
    ]);
    await until(
      'the two replicas to see each other',
      async () => {
        const st = await set.each((c) => c.status());
        return st.every((r) => r.value?.cluster.status === 'ready' && r.value.cluster.peers?.length === 2)
          ? true
          : undefined;
      },
      30_000,
    );
  });
  afterAll(async () => {
    await am1?.stop();
    await am2?.stop();
  });

  it('reports each replica as ready with both peers', async () => {
    const st = await set.each((c) => c.status());
    expect(st.map((r) => r.name)).toEqual(['am-1', 'am-2']);
    for (const r of st) {
      expect(r.ok).toBe(true);
      expect(r.value!.cluster.peers!.map((p) => p.address).sort()).toEqual(gossip.map((p) => `127.0.0.1:${p}`).sort());
    }
  });

  it('deduplicates an alert both replicas hold, keeping the earliest startsAt', async () => {
    const labels = { alertname: 'GPUMemoryOOM', cluster: 'prod', gpu: '0' };
    // Replicas receive the same alert separately (Prometheus sends to each); alerts are not gossiped.
    await postAlerts(am1.url, [
      { labels, startsAt: iso(t0 - 5 * 60_000) },
      { labels: { alertname: 'OnlyOnOne', cluster: 'prod' } },
    ]);
    await postAlerts(am2.url, [{ labels, startsAt: iso(t0 - 10 * 60_000) }]);
    const { alerts, failures } = await until('alerts on both', async () => {
      const r = await set.alerts();
      return r.alerts.length === 2 ? r : undefined;
    });
    expect(failures).toEqual([]);
    const oom = alerts.find((a) => a.labels.alertname === 'GPUMemoryOOM')!;
    expect(Date.parse(oom.startsAt)).toBe(t0 - 10 * 60_000);
    expect(alerts.find((a) => a.labels.alertname === 'OnlyOnOne')).toBeDefined();
    // each replica on its own still has its own startsAt
    const one = await set.members[0]!.alerts({ filter: parseMatchers('alertname="GPUMemoryOOM"') });
    expect(Date.parse(one[0]!.startsAt)).toBe(t0 - 5 * 60_000);
  });

  it('sees a silence created on one replica on both, listed once', async () => {
    const id = await set.members[0]!.postSilence({
      matchers: parseMatchers('alertname="OnlyOnOne"'),
      startsAt: iso(Date.now()),
      endsAt: iso(Date.now() + HOUR),
      createdBy: 'test',
      comment: 'gossiped',
    });
    await until('gossip to the second replica', async () =>
      (await set.members[1]!.silences()).some((s) => s.id === id) ? true : undefined,
    );
    const { silences, failures } = await set.silences();
    expect(failures).toEqual([]);
    expect(silences.filter((s) => s.id === id)).toHaveLength(1);
  });

  it('keeps working when one Alertmanager is down, and reports it', async () => {
    const partial = new AlertmanagerSet([{ url: am1.url }, { url: CLOSED_URL }], { retries: 0 });
    const { alerts, failures } = await partial.alerts();
    expect(alerts.length).toBeGreaterThan(0);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.failure).toBe('refused');
    const none = new AlertmanagerSet([{ url: CLOSED_URL }], { retries: 0 });
    await expect(none.alerts()).rejects.toThrow(/connection refused/);
  });
});
