// The review's window against a real Prometheus shaped as the demo's: two weeks of ALERTS backfilled with promtool
// (no Watchdog among them) and a live Watchdog rule that began firing a moment ago. `oncall review` and the TUI's
// Review view (its poll, the same use case) must both cover the two weeks the history holds, not the moment since
// the live Watchdog began, and agree on the window, the weeks and the firings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertmanager, isolatedEnv, runCli } from './helpers/stack.js';
import { periodic, prometheusWithHistory, rng, type GenSeries, type HistoryServer } from './helpers/alert-history.js';
import { openContext } from '../src/app/context.js';
import { loadReview } from '../src/ui/views/review/state.js';
import type { AppServices } from '../src/ui/app-context.js';
import type { ServerHandle } from '../src/backends/localstack.js';

const STEP = 5;
const DAY = 86400;
const RULES = `groups:
  - name: meta
    rules:
      - alert: Watchdog
        expr: vector(1)
        labels: { severity: none }
`;
let h: HistoryServer;
let am: ServerHandle;
let historyFrom: number;

/** Waits until the live Watchdog has written a few evaluations, as in a demo that has run for a moment. */
async function watchdogFiring(url: string): Promise<void> {
  const q = encodeURIComponent('count_over_time(ALERTS{alertname="Watchdog",alertstate="firing"}[1m]) >= 3');
  for (let i = 0; i < 300; i++) {
    const res = await fetch(`${url}/api/v1/query?query=${q}`);
    const body = (await res.json()) as { data: { result: unknown[] } };
    if (body.data.result.length) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the live Watchdog never fired');
}

beforeAll(async () => {
  const now = Math.floor(Date.now() / 1000 / STEP) * STEP;
  historyFrom = now - 14 * DAY;
  const r = rng(7);
  const host = { cluster: 'a', instance: 'gpu-1', service: 'serving' };
  const series: GenSeries[] = [
    // 28 episodes over the two weeks, the first right where the history begins: 14 a week.
    {
      labels: { alertname: 'GPUMemoryOOM', severity: 'critical', ...host },
      episodes: [[historyFrom, historyFrom + 300], ...periodic(historyFrom + DAY, now - 3600, 27, 5, r)],
    },
    { labels: { alertname: 'DiskSpaceLow', severity: 'warning', ...host }, episodes: [[now - 3 * DAY, now - 600]] },
  ];
  [h, am] = await Promise.all([
    prometheusWithHistory(series, STEP, {
      config: `global:\n  evaluation_interval: ${STEP}s\nrule_files: [rules.yml]\n`,
      files: { 'rules.yml': RULES },
    }),
    alertmanager(),
  ]);
  await watchdogFiring(h.prom.url);
}, 180_000);
afterAll(async () => {
  await Promise.all([h?.stop(), am?.stop()]);
});

describe('the review window over a backfilled history and a live Watchdog', () => {
  it('covers the history in the command and in the view alike', async () => {
    const cli = await runCli(['--prometheus', h.prom.url, '--alertmanager', am.url, 'review', '--json'], {
      timeoutMs: 120_000,
    });
    expect(cli.code).toBe(0);
    const fromCli = JSON.parse(cli.stdout);
    // The history begins a step before its first firing sample; nothing of it is cut off by the live Watchdog.
    expect(Date.parse(fromCli.since) / 1000).toBeLessThanOrEqual(historyFrom);
    expect(Date.parse(fromCli.since) / 1000).toBeGreaterThan(historyFrom - 2 * STEP);
    expect(fromCli.stepSeconds).toBe(STEP);
    expect(fromCli.weeks).toBeCloseTo(2, 2);
    const oom = fromCli.alerts.find((a: { alertname: string }) => a.alertname === 'GPUMemoryOOM');
    expect(oom).toMatchObject({ firings: 28, firingsPerWeek: 14 });

    const c = await openContext({ prometheus: h.prom.url, alertmanager: [am.url] }, isolatedEnv());
    const services: AppServices = {
      context: c.ctx,
      readOnly: true,
      refreshIntervalMs: 5000,
      prometheus: c.prometheus,
      alertmanagers: c.alertmanagers,
      now: Date.now,
    };
    const { review: fromView } = await loadReview(services);
    expect(fromView.since).toBe(fromCli.since);
    expect(fromView.requestedSince.slice(0, 10)).toBe(fromCli.requestedSince.slice(0, 10));
    expect(fromView.weeks).toBeCloseTo(fromCli.weeks, 2);
    expect(fromView.stepSeconds).toBe(fromCli.stepSeconds);
    const byName = (r: { alerts: { alertname: string; firings: number; firingsPerWeek: number }[] }) =>
      Object.fromEntries(r.alerts.map((a) => [a.alertname, [a.firings, a.firingsPerWeek]]));
    expect(byName(fromView)).toEqual(byName(fromCli));
  }, 240_000);
});
