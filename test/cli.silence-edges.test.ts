// Edges of silences and runbooks: a laptop clock ahead of the server's, a silence list that cannot be read in the
// TUI, impossible times and durations, runbook placeholders in every PromQL position, annotation files outside
// the runbook folders, and lint without rules.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSED_URL, alertmanager, isolatedEnv, postAlerts, ROOT, runCli, waitForAlerts } from './helpers/stack.js';
import { forward, json, serve, type TestServer } from './helpers/http-servers.js';
import type { ServerHandle } from '../src/backends/localstack.js';
import { AlertmanagerSet } from '../src/backends/alertmanager.js';
import { SilenceWriter } from '../src/backends/silences.js';
import { ClusterLayout } from '../src/backends/silence-clusters.js';
import { AlertLoader } from '../src/ui/data/load.js';
import { contextSchema } from '../src/backends/config/schema.js';
import { fillPlaceholders } from '../src/domain/runbook/placeholders.js';
import { prepareCheck } from '../src/domain/runbook/checks.js';
import { RunbookLibrary } from '../src/backends/runbooks.js';
import { silenceRows } from '../src/ui/views/silences/rows.js';
import type { Silence } from '../src/domain/types.js';

describe('against a real Alertmanager', () => {
  let am: ServerHandle;
  let flaky: TestServer;
  beforeAll(async () => {
    am = await alertmanager();
    await postAlerts(am.url, [{ labels: { alertname: 'Skewed', job: 'a' } }]);
    await waitForAlerts(am.url, 1);
    // Alerts come through; the silence list fails, as a broken proxy route would make it.
    flaky = await serve((req, res) =>
      req.url.startsWith('/api/v2/silences') ? json(res, 503, { error: 'upstream down' }) : forward(am.url, req, res),
    );
  });
  afterAll(async () => {
    await flaky?.close();
    await am?.stop();
  });

  it('a laptop clock 10 minutes ahead still makes an active silence, and pending is not confirmed', async () => {
    const ahead = () => Date.now() + 10 * 60_000;
    const layout = new ClusterLayout(fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-layout-')));
    const writer = new SilenceWriter(new AlertmanagerSet([{ url: am.url }]), {
      now: ahead,
      layout,
      propagationTimeoutMs: 2000,
    });
    const start = ahead();
    const r = await writer.create({
      matchers: [{ name: 'alertname', op: '=', value: 'Skewed' }] as never,
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 3600_000).toISOString(),
      createdBy: 'tester',
      comment: 'fast clock',
    });
    expect(r.confirmations.map((c) => c.state)).toEqual(['confirmed']);
    const live = (await (await fetch(`${am.url}/api/v2/silence/${r.id}`)).json()) as { status: { state: string } };
    expect(live.status.state).toBe('active');
    // A planned window read back while the immediate state is wanted is not confirmed.
    const later = Date.now() + 3600_000;
    const planned = await new SilenceWriter(new AlertmanagerSet([{ url: am.url }]), { layout }).create({
      matchers: [{ name: 'alertname', op: '=', value: 'Skewed' }] as never,
      startsAt: new Date(later).toISOString(),
      endsAt: new Date(later + 3600_000).toISOString(),
      createdBy: 'tester',
      comment: 'planned',
    });
    const asActive = await writer.confirm(planned.id, 'active', writer.set.members);
    expect(asActive[0]).toMatchObject({ state: 'missing', detail: expect.stringMatching(/^pending/) });
  });

  it('the TUI loader reports an unreadable silence list as health, never as "no silences"', async () => {
    const cfg = {
      alertmanagers: [{ url: flaky.url }],
      prometheus: { url: CLOSED_URL },
      timeoutMs: 3000,
      settings: contextSchema.parse({}),
    };
    const r = await new AlertLoader(cfg).load();
    expect(r.incidents).toHaveLength(1);
    expect(r.silencesHealth).toHaveLength(1);
    expect(r.silencesHealth![0]).toMatchObject({ name: 'am silences', state: 'unreachable' });
    expect(r.silencesHealth![0]!.error).toMatch(/503/);
  });

  it('--end with an impossible offset and a duration past the year 9999 are usage errors', async () => {
    const env = isolatedEnv({ USER: 'tester' });
    for (const flags of [
      ['--end', '2030-01-01T00:00:00+99:99'],
      ['--duration', '280000y'],
    ]) {
      const r = await runCli(
        ['silence', 'add', 'alertname="Skewed"', '--comment', 'x', ...flags, '--alertmanager', am.url],
        { env },
      );
      expect(r.stderr, flags.join(' ')).not.toMatch(/unexpected/);
      expect(r.code, flags.join(' ')).toBe(2);
    }
    const ext = await runCli(['silence', 'extend', 'some-id', '--duration', '280000y', '--alertmanager', am.url], {
      env,
    });
    expect(ext.stderr).toMatch(/after the year 9999/);
    expect(ext.code).toBe(2);
  });
});

describe('the silences view', () => {
  it('shows copies of one logical silence on several clusters as one row with every ID', () => {
    const base = {
      matchers: [{ name: 'alertname', op: '=', value: 'X' }],
      endsAt: '2030-01-01T00:00:00.000Z',
      createdBy: 'a',
      comment: 'c',
      status: 'active',
    } as const;
    const list = [
      { ...base, id: 'one', startsAt: '2029-12-31T23:00:00.000Z', updatedAt: '' },
      { ...base, id: 'two', startsAt: '2029-12-31T23:00:01.000Z', updatedAt: '' },
      { ...base, id: 'other', comment: 'different', startsAt: '2029-12-31T23:00:00.000Z', updatedAt: '' },
    ] as unknown as Silence[];
    const rows = silenceRows(list, [], Date.parse('2029-12-31T23:30:00Z'), false);
    expect(rows.map((r) => r.copies)).toEqual([['one', 'two'], ['other']]);
  });
});

describe('runbook placeholders in PromQL', () => {
  const labels = { v: `a"b'c\`d\\e.*|x`, plain: 'gpu-1', word: 'node_1' };
  it('escapes for the string they land in and regex-quotes regex matcher values', () => {
    expect(fillPlaceholders('m{x="$v"}', labels, 'promql').text).toBe(`m{x="a\\"b'c\`d\\\\e.*|x"}`);
    expect(fillPlaceholders("m{x='$v'}", labels, 'promql').text).toBe(`m{x='a"b\\'c\`d\\\\e.*|x'}`);
    expect(fillPlaceholders('m{x=~"$v"}', labels, 'promql').text).toBe(`m{x=~"a\\"b'c\`d\\\\\\\\e\\\\.\\\\*\\\\|x"}`);
    expect(fillPlaceholders('m{x!~ `$plain`}', labels, 'promql').text).toBe('m{x!~ `gpu-1`}');
    expect(fillPlaceholders('rate(m[$word])', labels, 'promql').text).toBe('rate(m[node_1])');
  });
  it('refuses values that cannot be made safe: a backtick in a raw string, anything but a word outside strings', () => {
    expect(fillPlaceholders('m{x=`$v`}', labels, 'promql').unsafe).toEqual(['v']);
    expect(fillPlaceholders('m{x="1"} or $plain', labels, 'promql').unsafe).toEqual(['plain']);
    const check = prepareCheck({ kind: 'promql', code: 'sum(m{x=`$v`})', line: 1 } as never, labels, new Date());
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.result.summary).toMatch(/cannot be placed safely/);
  });
});

describe('runbook files', () => {
  it('an annotation cannot point at a markdown file outside the runbook folders', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-secret-'));
    fs.writeFileSync(path.join(outside, 'notes.md'), '# private\n');
    const lib = new RunbookLibrary([path.join(ROOT, 'runbooks')], { cwd: outside });
    expect(lib.findFile(path.join(outside, 'notes.md'))).toBeUndefined();
    expect(lib.findFile('notes.md')).toBeUndefined();
    expect(lib.findFile(path.join(ROOT, 'runbooks', 'GPUMemoryOOM.md'))?.path).toContain('GPUMemoryOOM.md');
  });

  it('lint of the shipped runbooks without --rules passes (unknown placeholders are warnings; --strict fails)', async () => {
    const r = await runCli(['runbook', 'lint', path.join(ROOT, 'runbooks')]);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/(^|\n)0 errors, \d+ warnings/);
    const strict = await runCli(['runbook', 'lint', path.join(ROOT, 'runbooks'), '--strict']);
    expect(strict.code).toBe(1);
  });
});
