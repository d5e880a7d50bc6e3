// oncall silence add / ls / extend / expire / ack against one real Alertmanager: what is created, what is
// refused, and that a refusal leaves the Alertmanager's silences exactly as they were.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  alertmanager,
  amConfigWithInhibit,
  isolatedEnv,
  postAlerts,
  runCli,
  waitForAlerts,
  type TestAlert,
} from './helpers/stack.js';
import type { ServerHandle } from '../src/backends/localstack.js';
import { incidentId } from '../src/domain/incidents/group.js';

const CONFIG = amConfigWithInhibit('alertname="NodeDown"', 'alertname="ModelServerDown"', ['instance']);

interface ApiSilence {
  id: string;
  status: { state: string };
  matchers: { name: string; value: string; isRegex: boolean }[];
  endsAt: string;
  startsAt: string;
  createdBy: string;
  comment: string;
}

async function silences(url: string): Promise<ApiSilence[]> {
  return (await (await fetch(`${url}/api/v2/silences`)).json()) as ApiSilence[];
}
const snapshot = async (url: string) =>
  JSON.stringify((await silences(url)).map((s) => [s.id, s.status.state, s.endsAt]).sort());

describe('oncall silence against a real Alertmanager', () => {
  let am: ServerHandle;
  let env: NodeJS.ProcessEnv;
  let fps: Record<string, string>;
  const cli = (...args: string[]) => runCli([...args, '--alertmanager', am.url], { env });

  beforeAll(async () => {
    am = await alertmanager(CONFIG);
    const alerts: TestAlert[] = [
      { labels: { alertname: 'NodeDown', instance: 'gpu-1', cluster: 'prod', severity: 'critical' } },
      {
        labels: {
          alertname: 'ModelServerDown',
          instance: 'gpu-1',
          cluster: 'prod',
          severity: 'critical',
          model: 'llama',
        },
      },
      { labels: { alertname: 'DiskFull', instance: 'gpu-2', cluster: 'prod', severity: 'warning' } },
      ...Array.from({ length: 12 }, (_, i) => ({
        labels: {
          alertname: 'FeatureStale',
          feature: `f${i}`,
          cluster: i < 6 ? 'prod' : 'staging',
          severity: 'warning',
        },
      })),
    ];
    await postAlerts(am.url, alerts);
    await waitForAlerts(am.url, alerts.length);
    const listed = (await (await fetch(`${am.url}/api/v2/alerts`)).json()) as {
      fingerprint: string;
      labels: Record<string, string>;
    }[];
    fps = Object.fromEntries(
      listed.map((a) => [`${a.labels.alertname}/${a.labels.instance ?? a.labels.feature}`, a.fingerprint]),
    );
  });
  afterAll(async () => am?.stop());
  beforeEach(() => {
    env = isolatedEnv({ USER: 'tester' });
  });

  it('adds a silence, prints its ID and confirms it on the Alertmanager', async () => {
    const r = await cli(
      'silence',
      'add',
      'alertname="DiskFull"',
      'instance="gpu-2"',
      '--duration',
      '2h',
      '--comment',
      'disk swap',
    );
    expect(r.stderr).toContain('matches 1 firing alert');
    expect(r.code).toBe(0);
    const id = r.stdout.trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.stderr).toContain(`silence ${id} confirmed on`);
    const s = (await silences(am.url)).find((x) => x.id === id)!;
    expect(s.createdBy).toBe('tester');
    expect(s.comment).toBe('disk swap');
    expect(Date.parse(s.endsAt) - Date.parse(s.startsAt)).toBeGreaterThan(2 * 3600_000 - 60_000);
    const ls = JSON.parse((await cli('silence', 'ls', '--json')).stdout);
    const mine = ls.silences.find((x: { id: string }) => x.id === id);
    expect(mine).toMatchObject({
      firing: 1,
      createdBy: 'tester',
      status: 'active',
      matchersText: '{alertname="DiskFull", instance="gpu-2"}',
    });
    // Running the same command again does not make a second silence.
    const again = await cli(
      'silence',
      'add',
      'alertname="DiskFull"',
      'instance="gpu-2"',
      '--duration',
      '2h',
      '--comment',
      'disk swap',
    );
    expect(again.code).toBe(0);
    expect(again.stdout.trim()).toBe(id);
    expect(again.stderr).toContain('identical silence already exists');
    expect((await silences(am.url)).filter((x) => x.comment === 'disk swap')).toHaveLength(1);
  });

  it('previews with --dry-run and creates nothing', async () => {
    const before = await snapshot(am.url);
    const r = await cli('silence', 'add', 'alertname="FeatureStale"', 'cluster="prod"', '--comment', 'x', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('matches 6 firing alerts in 1 cluster (prod)');
    expect(r.stdout).toContain(fps['FeatureStale/f0']);
    const j = JSON.parse(
      (await cli('silence', 'add', 'alertname=~"Node.*|DiskFull"', '--comment', 'x', '--dry-run', '--json')).stdout,
    );
    expect(j.matched.map((a: { labels: Record<string, string> }) => a.labels.alertname).sort()).toEqual([
      'DiskFull',
      'NodeDown',
    ]);
    expect(await snapshot(am.url)).toBe(before);
  });

  it('plans a future window as a pending silence', async () => {
    const start = new Date(Date.now() + 24 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const r = await cli(
      'silence',
      'add',
      'alertname="NodeDown"',
      'instance="gpu-9"',
      '--start',
      start,
      '--duration',
      '4h',
      '--comment',
      'planned maintenance',
    );
    expect(r.code).toBe(0);
    const s = (await silences(am.url)).find((x) => x.id === r.stdout.trim())!;
    expect(s.status.state).toBe('pending');
    expect(Date.parse(s.startsAt)).toBe(Date.parse(start));
  });

  it('extends a silence and expires it', async () => {
    const id = (
      await cli('silence', 'add', 'alertname="NodeDown"', 'instance="gpu-1"', '--duration', '1h', '--comment', 'reboot')
    ).stdout.trim();
    const end0 = Date.parse((await silences(am.url)).find((x) => x.id === id)!.endsAt);
    const ext = await cli('silence', 'extend', id, '--duration', '1h');
    expect(ext.stderr).toMatch(/confirmed on/);
    expect(ext.code).toBe(0);
    const newId = ext.stdout.trim();
    const extended = (await silences(am.url)).find((x) => x.id === newId && x.status.state === 'active')!;
    expect(Date.parse(extended.endsAt) - end0).toBe(3600_000);
    const exp = await cli('silence', 'expire', newId);
    expect(exp.code).toBe(0);
    expect(exp.stderr).toContain(`expired silence ${newId}`);
    expect((await silences(am.url)).find((x) => x.id === newId)!.status.state).toBe('expired');
    expect((await cli('silence', 'ls')).stdout).not.toContain(newId);
    expect((await cli('silence', 'ls', '--expired')).stdout).toContain(newId);
    const again = await cli('silence', 'extend', newId, '--duration', '1h');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/has expired/);
  });

  it('acks an alert by fingerprint for 15 minutes with "ack by <author>"', async () => {
    const r = await cli('ack', fps['DiskFull/gpu-2']!, '--author', 'ana');
    expect(r.code).toBe(0);
    const s = (await silences(am.url)).find((x) => x.id === r.stdout.trim())!;
    expect(s.comment).toBe('ack by ana');
    expect(s.matchers.map((m) => `${m.name}=${m.value}`).sort()).toEqual([
      'alertname=DiskFull',
      'cluster=prod',
      'instance=gpu-2',
    ]);
    expect(Date.parse(s.endsAt) - Date.parse(s.startsAt)).toBeGreaterThan(14 * 60_000);
    expect(Date.parse(s.endsAt) - Date.parse(s.startsAt)).toBeLessThanOrEqual(15 * 60_000);
  });

  it('acks an incident: its shared labels and its alert names', async () => {
    const id = incidentId(fps['NodeDown/gpu-1']!);
    const r = await cli('ack', id);
    expect(r.stderr).toContain(`acking incident ${id} (2 alerts)`);
    expect(r.code).toBe(0);
    const s = (await silences(am.url)).find((x) => x.id === r.stdout.trim())!;
    expect(s.matchers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'alertname', value: 'ModelServerDown|NodeDown', isRegex: true }),
        expect.objectContaining({ name: 'instance', value: 'gpu-1', isRegex: false }),
      ]),
    );
    expect(s.comment).toBe('ack by tester');
  });

  it('refuses an unknown ack target', async () => {
    const r = await cli('ack', 'deadbeefdeadbeef');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no firing alert with fingerprint "deadbeefdeadbeef"/);
  });

  describe('refusals leave the Alertmanager unchanged', () => {
    let before: string;
    beforeEach(async () => {
      before = await snapshot(am.url);
    });
    const refused = async (args: string[], code: number, message: RegExp, extraEnv?: NodeJS.ProcessEnv) => {
      const r = await runCli([...args, '--alertmanager', am.url], { env: extraEnv ?? env });
      expect(r.stderr).toMatch(message);
      expect(r.code).toBe(code);
      expect(r.stdout).toBe('');
      expect(await snapshot(am.url)).toBe(before);
    };

    it('no matchers', () => refused(['silence', 'add', '--comment', 'x'], 2, /no matchers/));
    it('a mistyped matcher, with its position', () =>
      refused(['silence', 'add', 'severity:crit', '--comment', 'x'], 2, /position 9/));
    it('matchers that all match the empty string', () =>
      refused(['silence', 'add', 'cluster=""', 'team!="ml"', '--comment', 'x'], 2, /empty string/));
    it.each(['.*', '.+|', '(.*)'])('a regex that matches everything: %s', (re) =>
      refused(['silence', 'add', `alertname=~"${re}"`, '--comment', 'x'], 2, /matches every value of alertname/),
    );
    it('a !~ that excludes nothing', () =>
      refused(
        ['silence', 'add', 'alertname="DiskFull"', 'instance!~"a^"', '--comment', 'x'],
        2,
        /instance!~"a\^" matches every value/,
      ));
    it('a missing comment', () => refused(['silence', 'add', 'alertname="DiskFull"'], 2, /comment is required/));
    it('a zero duration', () =>
      refused(
        ['silence', 'add', 'alertname="DiskFull"', '--comment', 'x', '--duration', '0s'],
        2,
        /must be greater than 0/,
      ));
    it('a malformed duration', () =>
      refused(
        ['silence', 'add', 'alertname="DiskFull"', '--comment', 'x', '--duration', '2 hours'],
        2,
        /invalid duration "2 hours"/,
      ));
    it('a start after the end', () =>
      refused(
        [
          'silence',
          'add',
          'alertname="DiskFull"',
          '--comment',
          'x',
          '--start',
          '2099-01-02T00:00:00Z',
          '--end',
          '2099-01-01T00:00:00Z',
        ],
        2,
        /start time must be before end time/,
      ));
    it('a malformed time', () =>
      refused(
        ['silence', 'add', 'alertname="DiskFull"', '--comment', 'x', '--end', 'tomorrow'],
        2,
        /end time: "tomorrow" is not an RFC 3339 time/,
      ));
    it('more than silence.max_alerts firing alerts without --yes', () =>
      refused(
        ['silence', 'add', 'alertname="FeatureStale"', '--comment', 'x'],
        1,
        /refused without confirmation: it matches 12 firing alerts \(more than silence.max_alerts = 10\).*--yes/,
      ));
    it('more than one cluster without --yes', () =>
      refused(
        ['silence', 'add', 'alertname="FeatureStale"', 'feature=~"f[0-9]"', '--comment', 'x'],
        1,
        /refused without confirmation: it matches alerts in 2 clusters \(prod, staging\)/,
      ));
    it('longer than max_duration without --yes', () =>
      refused(
        ['silence', 'add', 'alertname="DiskFull"', '--comment', 'x', '--duration', '2d'],
        1,
        /lasts 2d.*max_duration = 1d/,
      ));
    it('--until-resolved when nothing it matches fires', () =>
      refused(
        ['silence', 'add', 'alertname="Nothing"', '--comment', 'x', '--until-resolved'],
        1,
        /none of the alerts it matches is firing/,
      ));
    it('an unknown silence to expire or extend', async () => {
      await refused(
        ['silence', 'expire', '00000000-0000-0000-0000-000000000000'],
        1,
        /no silence 00000000-0000-0000-0000-000000000000/,
      );
      await refused(
        ['silence', 'extend', '00000000-0000-0000-0000-000000000000', '--duration', '1h'],
        1,
        /no silence 00000000/,
      );
    });
    it('every write in a read-only context', async () => {
      const roEnv = isolatedEnv({ USER: 'tester' });
      const dir = path.join(roEnv.XDG_CONFIG_HOME!, 'oncall');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(
        path.join(dir, 'config.yaml'),
        `current_context: prod\ncontexts:\n  prod:\n    read_only: true\n    alertmanagers:\n      - url: ${am.url}\n`,
      );
      const ro = async (args: string[]) => {
        const r = await runCli(args, { env: roEnv });
        expect(r.stderr).toMatch(/read-only/);
        expect(r.code).toBe(1);
        expect(await snapshot(am.url)).toBe(before);
      };
      await ro(['silence', 'add', 'alertname="DiskFull"', '--comment', 'x']);
      await ro(['ack', fps['DiskFull/gpu-2']!]);
      const some = (await silences(am.url)).find((s) => s.status.state === 'active')!;
      await ro(['silence', 'expire', some.id]);
      await ro(['silence', 'extend', some.id, '--duration', '1h']);
      await ro(['silence', 'watch', '--once']);
    });
  });

  it('creates a broad silence with --yes', async () => {
    const r = await cli(
      'silence',
      'add',
      'alertname="FeatureStale"',
      '--comment',
      'pipeline rebuild',
      '--yes',
      '--duration',
      '30m',
    );
    expect(r.code).toBe(0);
    expect((await silences(am.url)).find((x) => x.id === r.stdout.trim())?.status.state).toBe('active');
  });
});
