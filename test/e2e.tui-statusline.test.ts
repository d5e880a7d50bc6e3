// The TUI's half of the status line, in a real terminal (tmux) against a real Alertmanager: after a refresh it
// writes the state file that `oncall statusline` reads, and notifies a new critical incident once with OSC 777/9
// (wrapped for tmux's passthrough), written between Ink's frames: the frame on screen stays whole.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertmanager, CLI, isolatedEnv, postAlerts, runCli, until, waitForAlerts } from './helpers/stack.js';
import { Tmux, shellQuote } from './helpers/tmux.js';
import type { ServerHandle } from '../src/backends/localstack.js';

describe('the TUI keeps the state file and notifies', () => {
  let am: ServerHandle;
  let t: Tmux | undefined;

  beforeAll(async () => {
    am = await alertmanager();
    const at = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
    await postAlerts(am.url, [
      {
        labels: { alertname: 'GPUMemoryOOM', severity: 'critical', cluster: 'prod', instance: 'gpu-9' },
        startsAt: at(-3),
        endsAt: at(60),
      },
      {
        labels: { alertname: 'HighErrorRate', severity: 'warning', cluster: 'prod', instance: 'api-1' },
        startsAt: at(-3),
        endsAt: at(60),
      },
    ]);
    await waitForAlerts(am.url, 2);
  });

  afterAll(async () => {
    t?.close();
    await am?.stop();
  });

  it('writes status.json after a refresh and the OSC notification once, outside the frame', async () => {
    // Only node and the tools the pane needs on PATH: no notify-send, whatever the machine has (and whichever Node
    // runs the tests: Node 24 comes from a cache folder that holds nothing else).
    const tools = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-tools-'));
    for (const tool of ['tmux', 'sleep', 'cat']) {
      fs.symlinkSync(
        execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(),
        path.join(tools, tool),
      );
    }
    const env = isolatedEnv({ ONCALL_NOTIFY: 'on', PATH: `${path.dirname(process.execPath)}:${tools}` });
    const raw = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-pane-')), 'out');
    // The pause lets pipe-pane attach before the TUI writes its first byte.
    t = await Tmux.start({
      command: `sleep 0.5; exec ${shellQuote(process.execPath)} ${shellQuote(CLI)} --alertmanager ${shellQuote(am.url)}`,
      env,
      columns: 120,
      rows: 30,
    });
    await t.tmux('pipe-pane', '-o', '-t', 'main', `cat >> ${shellQuote(raw)}`);
    const screen = await t.waitFor('GPUMemoryOOM');
    const file = path.join(env.XDG_CONFIG_HOME!, 'oncall', 'status.json');
    const snap = await until(
      'the state file',
      async () =>
        fs.existsSync(file) &&
        (JSON.parse(fs.readFileSync(file, 'utf8')) as { writer: string; counts: Record<string, number> }),
    );
    expect(snap).toMatchObject({ writer: 'tui', counts: { critical: 1, warning: 1, info: 0, silenced: 0 } });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const wrapped =
      '\u001bPtmux;\u001b\u001b]777;notify;oncall: critical incident (default);GPUMemoryOOM on prod/gpu-9\u0007';
    await until(
      'the notification in the pane output',
      async () =>
        fs.existsSync(raw) && fs.readFileSync(raw, 'latin1').includes(Buffer.from(wrapped).toString('latin1')),
    );
    // Refreshes go on (r); nothing is notified again.
    await t.send('r');
    await new Promise((r) => setTimeout(r, 1500));
    expect(fs.readFileSync(raw, 'latin1').split('777;notify;').length - 1).toBe(1);
    // The frame is whole: its header on the first line, once.
    const lines = (await t.capture()).split('\n');
    expect(lines[0], screen).toMatch(/^oncall .*am: ok/);
    expect(lines.filter((l) => l.startsWith('oncall '))).toHaveLength(1);

    const line = await runCli(['statusline', '--format', 'plain'], { env: { ...env, PATH: process.env.PATH } });
    expect(line.stdout).toBe('C1 W1\n');
    await t.send('q');
  }, 60_000);
});
