// `oncall demo` as a user runs it (the built CLI): bad input is a usage error; --no-tui runs the stack, prints
// where it is, its alerts are visible to `oncall alerts` through the printed config, and SIGTERM leaves nothing;
// with the TUI, closing its terminal leaves nothing either.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, isolatedEnv, runCli, until } from './helpers/stack.js';
import { shellQuote, Tmux } from './helpers/tmux.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

describe('oncall demo', () => {
  it('rejects an unknown scenario with the accepted names and exit code 2', async () => {
    const r = await runCli(['demo', '--no-tui', '--scenario', 'meteor-strike']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'unknown scenario "meteor-strike": use one of resource-squeeze, cascading-crash, silent-degradation, feature-pipeline, node-failure, all',
    );
    expect(r.stdout).toBe('');
  });

  it('rejects a bad ONCALL_DEMO_SPEED with exit code 2', async () => {
    const r = await runCli(['demo', '--no-tui'], { env: isolatedEnv({ ONCALL_DEMO_SPEED: 'warp' }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ONCALL_DEMO_SPEED must be a number');
  });

  it('--no-tui runs the stack until SIGTERM, its config works with the other commands, and nothing is left', async () => {
    const env = isolatedEnv({ ONCALL_DEMO_SPEED: '4' });
    // An earlier demo's incident memory: its stack is gone, so its alerts are no history of this one.
    const memory = path.join(env.XDG_CONFIG_HOME!, 'oncall', 'incident-memory', 'demo.json');
    fs.mkdirSync(path.dirname(memory), { recursive: true });
    fs.writeFileSync(memory, JSON.stringify({ version: 1, alerts: { StaleFromAnEarlierDemo: {} } }));
    const demo = spawn(process.execPath, [CLI, 'demo', '--no-tui', '--scenario', 'resource-squeeze'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    demo.stdout.on('data', (d) => (stdout += d));
    demo.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => demo.on('exit', (code) => r(code)));
    try {
      const deadline = Date.now() + 60_000;
      while (!/config\s+(\S+)/.test(stdout) && Date.now() < deadline && demo.exitCode === null)
        await new Promise((r) => setTimeout(r, 200));
      const configPath = /config\s+(\S+)/.exec(stdout)?.[1];
      expect(configPath, `no config line in:\n${stdout}\n${stderr}`).toBeTruthy();
      expect(stdout).toMatch(/prometheus\s+http:\/\/127\.0\.0\.1:\d+/);
      expect(stdout).toMatch(/alertmanager\s+http:\/\/127\.0\.0\.1:\d+/);
      expect(fs.existsSync(memory) ? fs.readFileSync(memory, 'utf8') : '').not.toContain('StaleFromAnEarlierDemo');
      const servers = childrenOf(demo.pid!);
      expect(servers.length).toBeGreaterThanOrEqual(2);

      // The printed config is a working context for every other command.
      let names: string[] = [];
      const until = Date.now() + 120_000;
      while (!names.includes('GPUMemoryOOM') && Date.now() < until) {
        const r = await runCli(['--config', configPath!, 'alerts', '--json']);
        expect(r.stderr).toBe('');
        names = (JSON.parse(r.stdout) as { alerts: { labels: Record<string, string> }[] }).alerts.map(
          (a) => a.labels.alertname!,
        );
        if (!names.includes('GPUMemoryOOM')) await new Promise((r) => setTimeout(r, 2000));
      }
      expect(names).toContain('GPUMemoryOOM');
      expect(stdout).toContain('pager <- FIRING alertname=GPUMemoryOOM');

      // The hint's command works as printed, in a shell, from where the demo was started (no `oncall` on PATH).
      const hint = /Try in another terminal:\s+(.+?) alerts\s{2,}or/.exec(stdout)?.[1];
      expect(hint, stdout).toBeTruthy();
      expect(hint).not.toMatch(/^oncall /);
      const viaShell = execFileSync('bash', ['-c', `${hint} alerts --json`], { env: isolatedEnv(), encoding: 'utf8' });
      expect(JSON.parse(viaShell).alerts.length).toBeGreaterThan(0);

      demo.kill('SIGTERM');
      expect(await exited).not.toBe(0);
      const gone = Date.now() + 10_000;
      while (servers.some(alive) && Date.now() < gone) await new Promise((r) => setTimeout(r, 200));
      expect(servers.filter(alive)).toEqual([]);
      expect(fs.existsSync(configPath!)).toBe(false);
    } finally {
      if (demo.exitCode === null) demo.kill('SIGKILL');
    }
  }, 200_000);

  it('with the TUI, a closed terminal stops every server and ends by the hang-up, without a crash', async () => {
    const env = isolatedEnv({ ONCALL_DEMO_SPEED: '4' });
    const dir = fs.mkdtempSync(path.join(env.HOME!, 'hangup-'));
    const [exit, stderr] = [path.join(dir, 'exit'), path.join(dir, 'stderr')];
    // The shell ignores the hang-up (Node does not inherit that) and outlives the terminal to write down how the
    // demo ended: on Node 20 an exit() after the terminal has gone aborted in Node's own terminal reset.
    const t = await Tmux.start({
      command: `trap '' HUP; ${shellQuote(process.execPath)} ${shellQuote(CLI)} demo 2>${shellQuote(stderr)}; echo "ONCALL-EXIT=$?" >${shellQuote(exit)}`,
      env,
      columns: 160,
      rows: 40,
    });
    try {
      await t.waitFor('1 Incidents', 90_000);
      const shell = Number(await t.format('#{pane_pid}'));
      const demo = childrenOf(shell)[0]!;
      const servers = childrenOf(demo);
      expect(servers.length).toBeGreaterThanOrEqual(2);
      t.close();
      const ended = await until(
        'the demo to end',
        async () => fs.existsSync(exit) && fs.readFileSync(exit, 'utf8').trim(),
      );
      // 128 + 1: ended by SIGHUP (an abort is 134, a segfault 139).
      expect(ended).toBe('ONCALL-EXIT=129');
      const gone = Date.now() + 10_000;
      while (servers.some(alive) && Date.now() < gone) await new Promise((r) => setTimeout(r, 200));
      expect(servers.filter(alive)).toEqual([]);
      const said = fs.readFileSync(stderr, 'utf8');
      expect(said).toContain('every server it started is gone');
      expect(said).not.toMatch(/Assertion|Native stack trace/);
    } finally {
      t.close();
    }
  }, 150_000);
});
