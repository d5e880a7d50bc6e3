// A generated two-week ALERTS history with known answers, for the review and rule-suggestion tests:
// a cause and its effect, an unrelated alert on the same hosts, a flapping alert that starts with the cause,
// a heartbeat, an always-firing alert, a noisy service whose alerts nobody acts on, an alert without severity.
import { flapping, periodic, rng, type GenSeries } from './alert-history.js';

export const DAY = 86400;

export interface Scenario {
  series: GenSeries[];
  /** Episodes per alert name, as generated. */
  episodes: Record<string, number>;
  now: number;
}

export function reviewScenario(now: number): Scenario {
  const r = rng(42);
  const from = now - 14 * DAY + 3600;
  const series: GenSeries[] = [];
  const hosts = [
    ['a', 'gpu-1'],
    ['a', 'gpu-2'],
    ['b', 'gpu-1'],
  ] as const;
  for (const [cluster, instance] of hosts) {
    const oom = periodic(from, now - 7200, 8, 12, r);
    series.push({
      labels: { alertname: 'GPUMemoryOOM', cluster, instance, severity: 'critical', service: 'infra' },
      episodes: oom,
    });
    // Nine of ten OOMs are followed by errors two to four minutes later; errors also happen on their own.
    const errs: [number, number][] = oom
      .filter((_, i) => i !== 3)
      .map(([s]) => {
        const d = 120 + Math.floor(r() * 120);
        return [s + d, s + d + 25 * 60] as [number, number];
      });
    errs.push(
      ...periodic(from + 3 * 3600, now - 7200, 2, 30, r).map(([s, e]) => [s + 5400, e + 5400] as [number, number]),
    );
    series.push({
      labels: {
        alertname: 'HighErrorRate',
        cluster,
        instance,
        model: 'fraud',
        severity: 'critical',
        service: 'serving',
      },
      episodes: errs,
    });
    // Same hosts, unrelated timing: a coincidence now and then must not make a rule.
    series.push({
      labels: { alertname: 'DiskSpaceLow', cluster, instance, severity: 'warning', service: 'infra' },
      episodes: periodic(from + 5000, now - 7200, 8, 40, r),
    });
    // Flaps right after every OOM: co-starts that must still not make a rule.
    const flaps: [number, number][] = [];
    for (const [s] of oom) for (let k = 0; k < 4; k++) flaps.push([s + 60 + k * 240, s + 60 + k * 240 + 60]);
    series.push({
      labels: { alertname: 'GPUThrottleFlapping', cluster, instance, severity: 'warning', service: 'infra' },
      episodes: flaps,
    });
  }
  series.push({ labels: { alertname: 'Watchdog', severity: 'none' }, episodes: [[from - DAY, now + DAY]] });
  series.push({
    labels: { alertname: 'QueueAlwaysFull', cluster: 'a', severity: 'warning', service: 'batch' },
    episodes: [[from - DAY, now + DAY]],
  });
  // 80 firings in two weeks, the last one still firing (it gets an ack in the test).
  const noisy = periodic(from, now - 3 * 3600, 79, 15, r);
  noisy.push([now - 1800, now + DAY]);
  series.push({
    labels: { alertname: 'BatchLagHigh', cluster: 'a', severity: 'warning', service: 'batch' },
    episodes: noisy,
  });
  series.push({
    labels: { alertname: 'CacheMissRate', cluster: 'a', service: 'serving' },
    episodes: periodic(from, now - 7200, 3, 20, r),
  });
  series.push({
    labels: { alertname: 'FlakyProbe', cluster: 'b', severity: 'critical', service: 'edge' },
    episodes: flapping(from, now - 7200, 6, 5, r),
  });
  const episodes: Record<string, number> = {};
  for (const s of series) episodes[s.labels.alertname!] = (episodes[s.labels.alertname!] ?? 0) + s.episodes.length;
  return { series, episodes, now };
}

/** Alerting rules for some of the names (they never fire), so the review knows their annotations and `for:`. */
export const SCENARIO_RULES = `groups:
  - name: scenario
    interval: 1m
    rules:
      - alert: BatchLagHigh
        expr: vector(0) > 1
        for: 5m
        labels: { severity: warning }
        annotations: { summary: "batch lag high" }
      - alert: HighErrorRate
        expr: vector(0) > 1
        labels: { severity: critical }
        annotations: { summary: "errors", runbook_url: "https://runbooks.example.com/HighErrorRate.md" }
      - alert: CacheMissRate
        expr: vector(0) > 1
        annotations: {}
`;
