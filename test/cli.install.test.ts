// Installing is part of starting: the tarball `npm pack` makes installs with `npm install -g` as one package with
// no dependencies and no install script, and puts `oncall` on PATH: the CommonJS executable (src/launcher.ts),
// which answers --version itself and hands every other command line to the bundle. Checked on the bundle that
// `npm test` built, against a real Alertmanager.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertmanager, isolatedEnv, postAlerts, ROOT, waitForAlerts } from './helpers/stack.js';
import type { ServerHandle } from '../src/backends/localstack.js';
import { VERSION } from '../src/cli/version.js';

describe('npm pack, then npm install -g', () => {
  let am: ServerHandle;
  let dir: string;
  let prefix: string;
  let install: { status: number | null; stdout: string; stderr: string };
  // npm's own variables of the `npm test` running this are left out: the commands run as in a shell.
  const env = Object.fromEntries(Object.entries(isolatedEnv()).filter(([k]) => !/^npm_/i.test(k)));

  beforeAll(async () => {
    am = await alertmanager();
    await postAlerts(am.url, [
      { labels: { alertname: 'GPUMemoryOOM', instance: 'gpu-node-1:9400', severity: 'critical' } },
    ]);
    await waitForAlerts(am.url, 1);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-pack-'));
    prefix = path.join(dir, 'prefix');
    // The build is the one the tests run on (npm test builds first); `npm pack` alone would build it again.
    const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir, '--silent'], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    });
    expect(pack.status, pack.stderr).toBe(0);
    const tarball = path.join(dir, pack.stdout.trim().split('\n').pop()!);
    install = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', tarball], {
      env,
      encoding: 'utf8',
    });
  }, 120_000);
  afterAll(async () => {
    await am?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const oncall = (args: string[]) =>
    spawnSync(path.join(prefix, 'bin', 'oncall'), args, {
      // On PATH as npm put it: the executable finds `node` through its #! line.
      env: { ...env, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${env.PATH}` },
      encoding: 'utf8',
    });

  it('installs one package, with no install script and nothing else pulled in', () => {
    expect(install.status, install.stderr).toBe(0);
    expect(install.stdout).toMatch(/added 1 package/);
    expect(`${install.stdout}${install.stderr}`).not.toMatch(/install-scripts|npm warn/i);
    const pkg = path.join(prefix, 'lib', 'node_modules', 'oncall-tui');
    expect(fs.existsSync(path.join(pkg, 'dist', 'oncall', 'main.js'))).toBe(true);
    expect(fs.existsSync(path.join(pkg, 'node_modules'))).toBe(false);
    expect(fs.existsSync(path.join(pkg, 'src'))).toBe(false);
  });

  it('puts the CommonJS executable on PATH, which answers --version and -v itself', () => {
    expect(fs.realpathSync(path.join(prefix, 'bin', 'oncall'))).toMatch(/dist[\\/]oncall[\\/]oncall\.cjs$/);
    for (const flag of ['--version', '-v']) {
      const r = oncall([flag]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toBe(`${VERSION}\n`);
    }
  });

  it('hands every other command line to the bundle: help, a command against a real Alertmanager, an error', () => {
    const help = oncall(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: oncall');
    const r = oncall(['incidents', '--json', '--alertmanager', am.url]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).incidents[0].alerts[0].labels.alertname).toBe('GPUMemoryOOM');
    const down = oncall(['alerts', '--alertmanager', 'http://127.0.0.1:1']);
    expect(down.status).toBe(1);
    expect(down.stderr).toMatch(/^oncall: alertmanager 127\.0\.0\.1:1: connection refused/);
  });
});
