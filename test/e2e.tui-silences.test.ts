// The TUI's silences view in a real terminal (tmux) against two independent real Alertmanagers, with a config
// folder that cannot exist (its parent is a regular file): a logical silence shows once with its copies, and
// expiring it from the view expires it on both clusters.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLOSED_URL,
  alertmanager,
  CLI,
  isolatedEnv,
  postAlerts,
  runCli,
  until,
  waitForAlerts,
} from './helpers/stack.js';
import { Tmux, shellQuote } from './helpers/tmux.js';
import type { ServerHandle } from '../src/backends/localstack.js';

interface ApiSilence {
  id: string;
  status: { state: string };
  comment: string;
}
const live = async (url: string, comment: string) =>
  ((await (await fetch(`${url}/api/v2/silences`)).json()) as ApiSilence[]).filter(
    (s) => s.comment === comment && s.status.state !== 'expired',
  );

describe('the silences view with two independent clusters and no writable config folder', () => {
  let x: ServerHandle;
  let y: ServerHandle;
  let t: Tmux | undefined;
  beforeAll(async () => {
    x = await alertmanager();
    y = await alertmanager();
    for (const am of [x, y])
      await postAlerts(am.url, [{ labels: { alertname: 'NodeMaintenance', instance: 'gpu-9', severity: 'warning' } }]);
    for (const am of [x, y]) await waitForAlerts(am.url, 1);
  });
  afterAll(async () => {
    t?.close();
    await x?.stop();
    await y?.stop();
  });

  it('shows one row with both IDs and expires both copies', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-ro-')), 'file');
    fs.writeFileSync(file, 'x');
    const env = isolatedEnv({ USER: 'tester', XDG_CONFIG_HOME: file });
    const flags = ['--alertmanager', x.url, '--alertmanager', y.url];
    const add = await runCli(['silence', 'add', 'alertname="NodeMaintenance"', '--comment', 'tui copies', ...flags], {
      env,
    });
    expect(add.code).toBe(0);
    const ids = add.stdout.trim().split('\n');
    expect(ids).toHaveLength(2);

    const prom = CLOSED_URL;
    t = await Tmux.start({
      command: `${shellQuote(process.execPath)} ${shellQuote(CLI)} ${flags.map(shellQuote).join(' ')} --prometheus ${prom}; sleep 600`,
      env,
      columns: 140,
      rows: 30,
    });
    await t.waitFor('NodeMaintenance');
    await t.send('6');
    const s = await t.waitFor(`2 clusters: ${ids[0]} + ${ids[1]}`);
    expect(s.split('\n').filter((l) => l.includes('tui copies'))).toHaveLength(1);
    expect(s).not.toMatch(/unexpected|Error:/);
    await t.send('x');
    await t.waitFor('and its copy on 1 other cluster? It stops hiding its alerts now. y/n');
    await t.send('y');
    for (const am of [x, y])
      await until(`the copy on ${am.url} to expire`, async () => (await live(am.url, 'tui copies')).length === 0);
    await t.send('q');
  });
});
