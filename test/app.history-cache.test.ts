// The handoff view's ALERTS history cache: a second read within maxAgeMs reuses the history (no request: the
// Prometheus is stopped by then and nothing warns), an older one, another window or a dropped entry reads again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerHandle } from '../src/backends/localstack.js';
import { PrometheusClient } from '../src/backends/prometheus.js';
import { fillFromHistory, type HistoryCache } from '../src/app/incident-memory.js';
import { emptyMemory } from '../src/domain/memory/memory.js';
import { prometheus } from './helpers/stack.js';

const H = 3600_000;

describe('the ALERTS history cache', () => {
  let prom: ServerHandle | undefined;
  beforeAll(async () => {
    prom = await prometheus();
  }, 60_000);
  afterAll(async () => {
    await prom?.stop();
  });

  it('reuses a history younger than maxAgeMs for the same window, and reads again otherwise', async () => {
    const client = new PrometheusClient({ url: prom!.url }, { retries: 0, timeoutMs: 2000 });
    const cache: HistoryCache = { maxAgeMs: 5 * 60_000 };
    const warnings: string[] = [];
    const warn = (m: string) => warnings.push(m);
    const t = Date.now();
    await fillFromHistory(client, emptyMemory(), t, 12 * H, warn, cache);
    expect(cache.entry).toMatchObject({ at: t, sinceMs: 12 * H });
    const read = warnings.length;

    await prom!.stop();
    prom = undefined;
    // Within five minutes, the same window: no request (the Prometheus is gone and nothing says so).
    await fillFromHistory(client, emptyMemory(), t + 4 * 60_000, 12 * H, warn, cache);
    expect(warnings.length).toBe(read);
    expect(cache.entry!.at).toBe(t);
    // Past five minutes, another window, or the entry dropped (`r`): read again, so the stopped Prometheus shows.
    for (const [now, since] of [
      [t + 5 * 60_000, 12 * H],
      [t + 60_000, 24 * H],
    ] as const) {
      const before = warnings.length;
      await fillFromHistory(client, emptyMemory(), now, since, warn, cache);
      expect(warnings.slice(before).join('\n')).toMatch(/alerts resolved while no oncall ran are not shown/);
    }
    cache.entry = undefined;
    const before = warnings.length;
    await fillFromHistory(client, emptyMemory(), t + 60_000, 12 * H, warn, cache);
    expect(warnings.length).toBeGreaterThan(before);
    // A failed read is not kept.
    expect(cache.entry).toBeUndefined();
  }, 60_000);
});
