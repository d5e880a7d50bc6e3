// oncall handoff when every Alertmanager is down: a real Alertmanager answers one handoff (which records what fires
// in the context's incident memory), then is stopped; the next handoff names it as down, with the data's age, and
// hands over the incidents memory still holds as firing, marked as last seen, with silences unknown.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerHandle } from '../src/backends/localstack.js';
import type { Handoff } from '../src/domain/handoff/types.js';
import { alertmanager, isolatedEnv, postAlerts, prometheus, runCli, waitForAlerts } from './helpers/stack.js';

describe('oncall handoff with every Alertmanager down', () => {
  let prom: ServerHandle;
  let am: ServerHandle | undefined;
  let env: NodeJS.ProcessEnv;
  const cli = (...args: string[]) => runCli(args, { env });

  beforeAll(async () => {
    [prom, am] = await Promise.all([prometheus(), alertmanager()]);
    await postAlerts(am.url, [
      { labels: { alertname: 'GPUMemoryOOM', severity: 'critical', instance: 'gpu-node-7' } },
      { labels: { alertname: 'DiskSpaceLow', severity: 'warning', instance: 'db-2' } },
    ]);
    await waitForAlerts(am.url, 2);
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-handoff-memory-'));
    const cfg = path.join(home, 'config.yaml');
    fs.writeFileSync(
      cfg,
      `current_context: m\ncontexts:\n  m:\n    prometheus:\n      url: ${prom.url}\n    alertmanagers:\n      - url: ${am.url}\n`,
    );
    env = isolatedEnv({ ONCALL_CONFIG: cfg });
  }, 120_000);
  afterAll(async () => {
    await prom?.stop();
    await am?.stop();
  });

  it('hands over what incident memory last saw firing, marked as last seen, and names the Alertmanager as down', async () => {
    const live = await cli('handoff', '--json');
    expect(live.code).toBe(0);
    const before = JSON.parse(live.stdout) as Handoff;
    expect(before.openIncidents!.map((i) => [i.root.alertname, i.source, i.asOf])).toEqual([
      ['GPUMemoryOOM', 'alertmanager', null],
      ['DiskSpaceLow', 'alertmanager', null],
    ]);
    const seenBy = Date.now();

    await am!.stop();
    am = undefined;
    const r = await cli('handoff', '--json', '--timeout', '2s');
    expect(r.code).toBe(1);
    const h = JSON.parse(r.stdout) as Handoff;
    expect(h.down).toHaveLength(1);
    const d = h.down[0]!;
    expect(d.backend).toBe('alertmanager');
    expect(d.remembered!.sections).toEqual(['open incidents']);
    const asOf = Date.parse(d.remembered!.asOf);
    expect(asOf).toBeLessThanOrEqual(seenBy);
    expect(asOf).toBeGreaterThan(seenBy - 60_000);
    expect(d.dataAgeSeconds).toBe(Math.max(0, Math.round((Date.parse(h.generatedAt) - asOf) / 1000)));
    expect(d.missing).toEqual(['resolved incidents', 'silences and acks', 'models with a quality alert']);
    expect(h.openIncidents!.map((i) => [i.root.alertname, i.source, i.asOf, i.state])).toEqual([
      ['GPUMemoryOOM', 'memory', d.remembered!.asOf, 'unknown'],
      ['DiskSpaceLow', 'memory', d.remembered!.asOf, 'unknown'],
    ]);
    // The same incidents, by the same IDs, as when Alertmanager answered.
    expect(h.openIncidents!.map((i) => i.id)).toEqual(before.openIncidents!.map((i) => i.id));
    expect(h.silences).toBeNull();
    expect(h.resolvedIncidents).toBeNull();

    const md = await cli('handoff', '--timeout', '2s');
    expect(md.code).toBe(1);
    const lines = md.stdout.split('\n');
    expect(lines[2]).toMatch(
      /^> \*\*alertmanager .* is down\*\*: .*open incidents: as oncall's incident memory last saw them firing, as last seen \d{4}-\d\d-\d\d \d\d:\d\dZ \(\S+ ago\); missing: resolved incidents, silences and acks/,
    );
    expect(md.stdout).toMatch(/## Open incidents \(2, as last seen \d{4}-\d\d-\d\d \d\d:\d\dZ \(\S+ ago\)\)/);
    expect(md.stdout).toMatch(/\| critical \| .* \| GPUMemoryOOM .* \| unknown \|/);
    expect(md.stdout).toMatch(/## Silences and acks \(\?\)\n\nunknown: Alertmanager did not answer/);
    expect(md.stderr).toMatch(/alertmanager .* is down/);
  }, 120_000);
});
