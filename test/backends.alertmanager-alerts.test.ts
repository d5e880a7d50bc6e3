import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertShapeError, parseAlerts } from '../src/backends/alertmanager-alerts.js';
import { AlertmanagerClient } from '../src/backends/alertmanager.js';
import { BackendError } from '../src/backends/errors.js';
import { alertmanager, postAlerts, waitForAlerts } from './helpers/stack.js';
import type { ServerHandle } from '../src/backends/localstack.js';

describe('parseAlerts on what a real Alertmanager sends', () => {
  let am: ServerHandle;
  let raw: unknown[];
  beforeAll(async () => {
    am = await alertmanager();
    await postAlerts(am.url, [
      {
        labels: { alertname: 'GPUMemoryOOM', severity: 'critical', cluster: 'prod', instance: 'gpu-1' },
        annotations: { summary: 'GPU memory critically low' },
        generatorURL: 'http://prom/graph',
      },
      { labels: { alertname: 'HighErrorRateFastBurn', severity: 'critical', cluster: 'prod', instance: 'gpu-1' } },
    ]);
    await waitForAlerts(am.url, 2);
    raw = (await (await fetch(`${am.url}/api/v2/alerts`)).json()) as unknown[];
  });
  afterAll(async () => am?.stop());

  it('turns every alert into the domain shape', () => {
    const alerts = parseAlerts(raw);
    expect(alerts).toHaveLength(2);
    const oom = alerts.find((a) => a.labels.alertname === 'GPUMemoryOOM')!;
    expect(oom.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(oom.annotations).toEqual({ summary: 'GPU memory critically low' });
    expect(oom.generatorURL).toBe('http://prom/graph');
    expect(oom.state).toBe('active');
    expect(oom.receivers).toEqual(['sink']);
    expect(oom.silencedBy).toEqual([]);
    expect(oom.inhibitedBy).toEqual([]);
    expect(Date.parse(oom.startsAt)).toBeGreaterThan(0);
    expect(Date.parse(oom.endsAt)).toBeGreaterThan(Date.parse(oom.startsAt));
  });

  it('names the first bad field, as "[index].path"', () => {
    const bad = structuredClone(raw) as Record<string, any>[];
    bad[1]!.status.state = 'firing';
    expect(() => parseAlerts(bad)).toThrow(
      'invalid response at [1].status.state: Invalid option: expected one of "active"|"suppressed"|"unprocessed"',
    );
    const bad2 = structuredClone(raw) as Record<string, any>[];
    bad2[0]!.labels.severity = 3;
    expect(() => parseAlerts(bad2)).toThrow(
      'invalid response at [0].labels.severity: Invalid input: expected string, received number',
    );
    const bad3 = structuredClone(raw) as Record<string, any>[];
    delete bad3[1]!.fingerprint;
    expect(() => parseAlerts(bad3)).toThrow(
      'invalid response at [1].fingerprint: Invalid input: expected string, received undefined',
    );
    const bad4 = structuredClone(raw) as Record<string, any>[];
    bad4[0]!.status.inhibitedBy = ['ok', null];
    expect(() => parseAlerts(bad4)).toThrow(
      'invalid response at [0].status.inhibitedBy[1]: Invalid input: expected string, received null',
    );
    const bad5 = structuredClone(raw) as Record<string, any>[];
    bad5[0]!.receivers = [{}];
    expect(() => parseAlerts(bad5)).toThrow('invalid response at [0].receivers[0].name');
  });

  it('reports a body that is not a list at the top level', () => {
    expect(() => parseAlerts({ alerts: raw })).toThrow(
      new AlertShapeError('(top level)', 'Invalid input: expected array, received object'),
    );
    expect(() => parseAlerts([null])).toThrow('invalid response at [0]: Invalid input: expected object, received null');
  });

  it('accepts null and absent optional fields as Alertmanager versions send them', () => {
    const a = structuredClone(raw[0]) as Record<string, any>;
    a.annotations = null;
    delete a.endsAt;
    a.updatedAt = null;
    delete a.receivers;
    a.status = { state: 'suppressed', silencedBy: null, inhibitedBy: ['abc'], mutedBy: [] };
    const [out] = parseAlerts([a]);
    expect(out).toMatchObject({
      annotations: {},
      endsAt: '',
      updatedAt: '',
      receivers: [],
      state: 'suppressed',
      silencedBy: [],
      inhibitedBy: ['abc'],
    });
  });

  it('the client keeps multi-byte text intact when the body arrives in many packets', async () => {
    const text = 'température 90 °C — ✓ 🔥 GPU 記憶體 '.repeat(40);
    await postAlerts(
      am.url,
      Array.from({ length: 300 }, (_, i) => ({
        labels: { alertname: 'Utf8Check', n: String(i) },
        annotations: { summary: text },
      })),
    );
    await waitForAlerts(am.url, 302);
    const alerts = await new AlertmanagerClient({ url: am.url }).alerts({
      filter: [{ name: 'alertname', value: 'Utf8Check', type: '=' }],
    });
    expect(alerts).toHaveLength(300);
    for (const a of alerts) expect(a.annotations.summary).toBe(text);
  });

  it('the client reports a bad body as an invalid response of that Alertmanager', async () => {
    // The real server, with the request sent to /api/v2/status (the fragment drops the client's path): an object, not a list.
    const client = new AlertmanagerClient({ url: `${am.url}/api/v2/status#` });
    const err = await client.alerts().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect((err as BackendError).failure).toBe('invalid');
    expect((err as BackendError).message).toContain(
      'invalid response at (top level): Invalid input: expected array, received object',
    );
  });
});
