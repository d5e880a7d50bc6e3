// Watchdog and InfoInhibitor in the TUI's data path, against a real Alertmanager: neither is in the incident list;
// Watchdog shows as the header's heartbeat ("watchdog ok"), and as a warning once it has gone missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startAlertmanager, type ServerHandle } from '../src/backends/localstack.js';
import { contextSchema } from '../src/backends/config/schema.js';
import { AlertLoader } from '../src/ui/data/load.js';
import { describeHealth } from '../src/ui/data/health.js';
import { CLOSED_URL, postAlerts, until, waitForAlerts, type TestAlert } from './helpers/stack.js';

const CONFIG =
  'route: { receiver: sink, group_wait: 1h, group_interval: 1h, repeat_interval: 24h }\nreceivers: [{ name: sink }]\n';

const alerts: TestAlert[] = [
  { labels: { alertname: 'Watchdog', severity: 'none' } },
  { labels: { alertname: 'InfoInhibitor', namespace: 'apps', severity: 'none' } },
  { labels: { alertname: 'KubePodNotReady', namespace: 'apps', pod: 'web-1', severity: 'warning' } },
  { labels: { alertname: 'CPUThrottlingHigh', namespace: 'apps', pod: 'web-1', severity: 'info' } },
];

describe("the alerting pipeline's own alerts in the TUI", () => {
  let am: ServerHandle;
  beforeAll(async () => {
    am = await startAlertmanager({ config: CONFIG, port: await freePort() });
    await postAlerts(am.url, alerts);
    await waitForAlerts(am.url, alerts.length);
  });
  afterAll(async () => am?.stop());

  it('leaves Watchdog and InfoInhibitor out of the list and reports the heartbeat, then its absence', async () => {
    let now = Date.now();
    const loader = new AlertLoader(
      {
        alertmanagers: [{ url: am.url }],
        prometheus: { url: CLOSED_URL },
        timeoutMs: 3000,
        settings: contextSchema.parse({}),
      },
      () => now,
    );
    const first = await loader.load();
    expect(first.incidents!.flatMap((i) => i.alerts.map((a) => a.labels.alertname)).sort()).toEqual([
      'CPUThrottlingHigh',
      'KubePodNotReady',
    ]);
    const beat = first.health.find((h) => h.name === 'watchdog')!;
    expect(describeHealth(beat, now)).toBe('watchdog ok');
    // The Watchdog stops: expire it (endsAt in the past) and refresh.
    await postAlerts(am.url, [
      { labels: { alertname: 'Watchdog', severity: 'none' }, endsAt: new Date(Date.now() - 1000).toISOString() },
    ]);
    await until(
      'the Watchdog resolved',
      async () => ((await (await fetch(`${am.url}/api/v2/alerts`)).json()) as unknown[]).length === alerts.length - 1,
    );
    now += 60_000;
    const later = await loader.load();
    expect(
      describeHealth(
        later.health.find((h) => h.name === 'watchdog')!,
        now + 120_000,
      ),
    ).toBe('watchdog missing 2m');
  });
});
