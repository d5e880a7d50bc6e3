// Alert history read back from a real Prometheus backfilled with promtool: episodes come out as generated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrometheusClient } from '../src/backends/prometheus.js';
import { fetchAlertHistory, type HistoryProgress } from '../src/backends/alert-history.js';
import { episodesOf } from '../src/domain/history/episodes.js';
import {
  flapping,
  periodic,
  prometheusWithHistory,
  rng,
  type GenSeries,
  type HistoryServer,
} from './helpers/alert-history.js';

const STEP = 60;
const now = Math.floor(Date.now() / 1000 / STEP) * STEP;
const from = now - 3 * 86400;
const r = rng(1);
const series: GenSeries[] = [
  {
    labels: { alertname: 'Periodic', cluster: 'a', instance: 'x', severity: 'warning' },
    episodes: periodic(from, now - 3600, 12, 20, r),
  },
  {
    labels: { alertname: 'Flappy', cluster: 'a', instance: 'y', severity: 'critical' },
    episodes: flapping(from, now - 3600, 5, 4, r),
  },
  { labels: { alertname: 'Watchdog', severity: 'none' }, episodes: [[from - 3600, now + 3600]] },
];

let h: HistoryServer;
beforeAll(async () => {
  h = await prometheusWithHistory(series, STEP);
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

describe('alert history from Prometheus', () => {
  it('gives back every generated episode, with small chunks too', async () => {
    const prom = new PrometheusClient({ url: h.prom.url });
    for (const maxSamples of [undefined, 4 * 3 * 700]) {
      const progress: HistoryProgress[] = [];
      const hist = await fetchAlertHistory(prom, {
        since: new Date(from * 1000),
        until: new Date(now * 1000),
        stepSeconds: STEP,
        maxSamples,
        onProgress: (p) => progress.push(p),
      });
      const eps = episodesOf(hist);
      const count = (name: string) => eps.filter((e) => e.alertname === name).length;
      expect(count('Periodic')).toBe(12);
      expect(count('Flappy')).toBe(20);
      expect(count('Watchdog')).toBe(1);
      expect(eps.find((e) => e.alertname === 'Watchdog')!.open).toBe(true);
      expect(eps.filter((e) => e.alertname === 'Periodic').every((e) => e.samples === 20 && !e.open)).toBe(true);
      expect(hist.series.find((s) => s.labels.alertname === 'Flappy')!.labels).toEqual(series[1]!.labels);
      expect(progress.at(-1)!.chunk).toBe(progress.at(-1)!.chunks);
      if (maxSamples) expect(progress.length).toBeGreaterThan(2);
    }
  });
});
