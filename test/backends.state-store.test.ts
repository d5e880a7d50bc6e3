// State files that survive damage, an unwritable config folder and two writers at once: the JSON store itself,
// two real processes writing one registry, and the silence commands against a real Alertmanager with a truncated
// until-resolved.json or a config folder that cannot exist (its parent is a regular file, which fails even for
// root, unlike chmod).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonStore, setStateWarningSink, StateWriteError } from '../src/backends/state-store.js';
import { UntilResolvedRegistry } from '../src/backends/silence-registry.js';
import { ProgressStore } from '../src/backends/progress.js';
import { alertmanager, isolatedEnv, postAlerts, ROOT, runCli, waitForAlerts } from './helpers/stack.js';
import type { ServerHandle } from '../src/backends/localstack.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-state-'));
/** A folder path that cannot be created: its parent is a regular file. */
function impossibleDir(): string {
  const file = path.join(tmp(), 'not-a-folder');
  fs.writeFileSync(file, 'x');
  return path.join(file, 'oncall');
}

describe('JsonStore', () => {
  const warnings: string[] = [];
  beforeAll(() => setStateWarningSink((m) => warnings.push(m)));
  afterAll(() => setStateWarningSink(undefined));

  it('moves a truncated file aside with a warning and rebuilds it', () => {
    const dir = tmp();
    const file = path.join(dir, 'until-resolved.json');
    fs.writeFileSync(file, '{"silences": {"abc": {"id": "abc", "alertma');
    const reg = new UntilResolvedRegistry(dir);
    expect(reg.has('abc')).toBe(false);
    expect(warnings.at(-1)).toMatch(/was damaged .* moved it to .*until-resolved\.json\.corrupt-/);
    const aside = fs.readdirSync(dir).filter((f) => f.startsWith('until-resolved.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, aside[0]!), 'utf8')).toContain('"abc"');
    reg.add({ id: 'new', alertmanagers: ['http://am'], context: 'c', createdAt: 'now' });
    expect(new UntilResolvedRegistry(dir).list(['http://am']).map((e) => e.id)).toEqual(['new']);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('moves aside a file of the wrong shape, and keeps the good records of a partly wrong one', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'runbook-progress.json'), '[1, 2]');
    expect(new ProgressStore(dir).ids()).toEqual([]);
    expect(fs.readdirSync(dir).some((f) => f.startsWith('runbook-progress.json.corrupt-'))).toBe(true);
    fs.writeFileSync(
      path.join(dir, 'until-resolved.json'),
      JSON.stringify({ silences: { ok: { id: 'ok', alertmanagers: ['u'] }, bad: { id: 7 } } }),
    );
    expect(new UntilResolvedRegistry(dir).list(['u']).map((e) => e.id)).toEqual(['ok']);
  });

  it('reads as empty from a folder that cannot exist, and says why a write fails', () => {
    const dir = impossibleDir();
    const reg = new UntilResolvedRegistry(dir);
    expect(reg.list(['u'])).toEqual([]);
    expect(reg.has('x')).toBe(false);
    expect(() => reg.add({ id: 'x', alertmanagers: ['u'], context: 'c', createdAt: 'now' })).toThrow(StateWriteError);
    expect(() =>
      new ProgressStore(dir).save({ incidentId: 'i', updatedAt: new Date().toISOString(), runbooks: {} } as never),
    ).toThrow(/cannot write .*runbook-progress\.json: ENOTDIR/);
  });

  it('takes a lock left by a process that no longer exists', () => {
    const dir = tmp();
    const file = path.join(dir, 's.json');
    fs.writeFileSync(`${file}.lock`, '999999999\n');
    const store = new JsonStore<{ n: number }>(file, { empty: () => ({ n: 0 }), accept: (v) => v as { n: number } });
    expect(store.update((s) => ({ n: s.n + 1 })).n).toBe(1);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });

  it('loses nothing when two processes write the same registry at once', async () => {
    const dir = tmp();
    const script = `
      const { UntilResolvedRegistry } = await import(${JSON.stringify(path.join(ROOT, 'dist/backends/silence-registry.js'))});
      const reg = new UntilResolvedRegistry(process.argv[1]);
      for (let i = 0; i < 40; i++) reg.add({ id: process.argv[2] + i, alertmanagers: ['http://am'], context: 'c', createdAt: 'now' });
    `;
    const run = (tag: string) =>
      new Promise<number>((resolve) => {
        const p = spawn(process.execPath, ['--input-type=module', '-e', script, dir, tag], { stdio: 'inherit' });
        p.on('close', (code) => resolve(code ?? -1));
      });
    expect(await Promise.all([run('a'), run('b')])).toEqual([0, 0]);
    const ids = new UntilResolvedRegistry(dir).list(['http://am']).map((e) => e.id);
    expect(ids).toHaveLength(80);
    expect(fs.readdirSync(dir).filter((f) => f !== 'until-resolved.json')).toEqual([]);
  });
});

describe('silence commands with damaged or unwritable state (real Alertmanager)', () => {
  let am: ServerHandle;
  beforeAll(async () => {
    am = await alertmanager();
    await postAlerts(am.url, [{ labels: { alertname: 'TrainingStalled', job: 'trainer-1' } }]);
    await waitForAlerts(am.url, 1);
  });
  afterAll(async () => am?.stop());

  it('a truncated until-resolved.json: ls warns and works, add --until-resolved prints its ID', async () => {
    const env = isolatedEnv({ USER: 'tester' });
    const dir = path.join(env.XDG_CONFIG_HOME!, 'oncall');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'until-resolved.json');
    fs.writeFileSync(file, '{"silences": {"x":');
    const add = await runCli(
      [
        'silence',
        'add',
        'alertname="TrainingStalled"',
        '--comment',
        'damaged state',
        '--until-resolved',
        '--alertmanager',
        am.url,
      ],
      { env },
    );
    expect(add.stderr).toMatch(/warning: .*until-resolved\.json was damaged .*corrupt-/);
    expect(add.code).toBe(0);
    const id = add.stdout.trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).silences[id].id).toBe(id);
    // Damaged again (e.g. a full disk in another tool): ls still lists the silence, with a warning.
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').slice(0, 30));
    const ls = await runCli(['silence', 'ls', '--alertmanager', am.url], { env });
    expect(ls.stderr).not.toMatch(/unexpected/);
    expect(ls.code).toBe(0);
    expect(ls.stdout).toContain(id);
    expect(ls.stderr).toMatch(/warning: .*until-resolved\.json was damaged .*corrupt-/);
    expect(
      fs.readdirSync(dir).filter((f) => f.startsWith('until-resolved.json.corrupt-')).length,
    ).toBeGreaterThanOrEqual(1);
  });

  it('a config folder that cannot exist: read-only commands work, a write reports its ID and what is lost', async () => {
    const env = isolatedEnv({ USER: 'tester', XDG_CONFIG_HOME: path.dirname(impossibleDir()) });
    for (const args of [
      ['silence', 'ls'],
      ['alerts'],
      ['silence', 'ls', '--json'],
      ['context', 'ls'],
      ['silence', 'watch', '--once'],
    ]) {
      const r = await runCli([...args, '--alertmanager', am.url], { env });
      expect(r.stderr, args.join(' ')).not.toMatch(/unexpected/);
      expect(r.code, args.join(' ')).toBe(0);
    }
    const ctx = await runCli(
      ['context', 'add', 'x', '--prometheus-url', 'http://127.0.0.1:1', '--alertmanager-url', am.url],
      { env },
    );
    expect(ctx.stderr).toMatch(/^oncall: .*config\.yaml not changed: cannot write it: ENOTDIR/);
    expect(ctx.code).toBe(1);
    const add = await runCli(
      [
        'silence',
        'add',
        'alertname="TrainingStalled"',
        'job="trainer-1"',
        '--comment',
        'no state',
        '--until-resolved',
        '--alertmanager',
        am.url,
      ],
      { env },
    );
    expect(add.stderr).not.toMatch(/unexpected/);
    const id = add.stdout.trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(add.stderr).toMatch(/warning: cannot write .*until-resolved\.json.*not marked until resolved/);
    expect(add.code).toBe(1);
    const live = (
      (await (await fetch(`${am.url}/api/v2/silences`)).json()) as { id: string; status: { state: string } }[]
    ).find((s) => s.id === id);
    expect(live?.status.state).toBe('active');
    const exp = await runCli(['silence', 'expire', id, '--alertmanager', am.url], { env });
    expect(exp.code).toBe(0);
  });
});
